import Synchronization

/// One Integration API operation as data: what the server routes and decodes, what the HTTP
/// client sends, what the raw `OperationName ...` commands take and what `help` shows. Each
/// entry is declared once, typed, in `IntegrationCatalogue` (an `APIOperation`); this is its
/// type-erased face, for iterating over all of them (`allCases`) and for code that picks an
/// operation by name at run time. Two entries are equal when they are the same entry.
public final class IntegrationOperation: Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// The reference's `operationId`, e.g. `updateCustomerSessionV2`.
  public let operationId: String
  /// The SDK's method name, e.g. `UpdateCustomerSessionV2`.
  public let sdkName: String
  /// `GET`, `PUT`, `POST` or `DELETE`.
  public let method: String
  /// The path template, with `{name}` for each path parameter.
  public let pathTemplate: String
  /// The names of the path parameters, in path order.
  public let pathParameters: [String]
  /// The template's text around its placeholders (one more piece than placeholders), so a
  /// path is put together without searching the template each time.
  private let pathPieces: [String]
  /// The query parameters, with their types and defaults.
  public let queryParameters: [QueryParameter]
  /// The reference schema of the request body; nil when the operation takes none.
  public let requestSchema: String?
  /// The reference schema of the success body; nil when success has no body (204).
  public let responseSchema: String?
  /// The HTTP statuses of success; the first is the one `talon serve` answers with.
  public let successStatuses: [Int]
  /// Whether the client may send it again after a transport failure.
  public let isIdempotent: Bool
  /// The API generation the operation belongs to.
  public let generation: APIGeneration
  /// Whether a `Content-Signature` may authenticate it (else only an API key does).
  public let allowsSignature: Bool
  /// Position in `allCases` order of creation: lets a backend keep its implementations in an
  /// array instead of looking them up by name.
  public let index: Int
  /// The typed operation behind this entry, for generic callers.
  let conduit: any OperationConduit

  private static let created = Atomic<Int>(0)

  init(
    operationId: String, method: String, pathTemplate: String, query: [QueryParameter],
    requestSchema: String?, responseSchema: String?, successStatuses: [Int], idempotent: Bool?,
    generation: APIGeneration, allowsSignature: Bool, conduit: any OperationConduit
  ) {
    self.operationId = operationId
    sdkName = operationId.prefix(1).uppercased() + operationId.dropFirst()
    self.method = method
    self.pathTemplate = pathTemplate
    (pathParameters, pathPieces) = Self.placeholders(in: pathTemplate)
    queryParameters = query
    self.requestSchema = requestSchema
    self.responseSchema = responseSchema
    self.successStatuses = successStatuses
    isIdempotent = idempotent ?? (method != "POST")
    self.generation = generation
    self.allowsSignature = allowsSignature
    self.conduit = conduit
    index = Self.created.add(1, ordering: .relaxed).oldValue
  }

  /// The HTTP status of success that `talon serve` answers with.
  public var successStatus: Int { successStatuses[0] }

  /// The query parameter called `name`, if the operation takes one.
  public func queryParameter(_ name: String) -> QueryParameter? {
    queryParameters.first { $0.name == name }
  }

  /// The path with `values` (already encoded as the caller wants them) in place of the path
  /// parameters, in path order; missing values leave their placeholder empty.
  public func path(with values: [String]) -> String {
    var result = pathPieces[0]
    for position in pathParameters.indices {
      if position < values.count { result += values[position] }
      result += pathPieces[position + 1]
    }
    return result
  }

  /// The placeholders' names, and the text around them.
  private static func placeholders(in template: String) -> (names: [String], pieces: [String]) {
    var names: [String] = []
    var pieces: [String] = []
    var rest = template[...]
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      pieces.append(String(rest[..<open]))
      names.append(String(rest[rest.index(after: open)..<close]))
      rest = rest[rest.index(after: close)...]
    }
    pieces.append(String(rest))
    return (names, pieces)
  }

  /// Every operation of the catalogue.
  public static var allCases: [IntegrationOperation] { IntegrationCatalogue.all }

  /// The operation whose SDK name or operationId is `name`, case-insensitively.
  public static func named(_ name: String) -> IntegrationOperation? {
    byLowercasedName[name.lowercased()]
  }

  private static let byLowercasedName = Dictionary(
    uniqueKeysWithValues: allCases.map { ($0.operationId.lowercased(), $0) })

  public var description: String { operationId }

  public static func == (left: IntegrationOperation, right: IntegrationOperation) -> Bool {
    left === right
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(ObjectIdentifier(self))
  }
}

/// The generation of the Integration API an operation belongs to.
public enum APIGeneration: String, Sendable {
  /// The 2020 API of the bundled reference document.
  case v2020 = "2020"
  /// Today's Integration API.
  case current
}

/// A query parameter of an operation: its name, its type and the reference's default.
public struct QueryParameter: Sendable, Hashable {
  /// The types query parameters have in the Integration API.
  public enum Kind: String, Sendable, Hashable {
    case bool = "boolean"
    case string
    case integer
    case dateTime = "date-time"
    case strings = "array of strings"

    /// The parameter's `type` in the reference document (a date-time is a formatted string).
    public var referenceType: String {
      switch self {
      case .bool: "boolean"
      case .string, .dateTime: "string"
      case .integer: "integer"
      case .strings: "array"
      }
    }
  }

  public var name: String
  public var kind: Kind
  /// What the API assumes when the parameter is absent, if the reference says.
  public var defaultValue: QueryValue?
  /// For an array: true when each element repeats the key (`?id=a&id=b`, OpenAPI's `form`
  /// style exploded, the default), false when the elements travel comma-separated under one
  /// key (`?ids=a,b`, `explode: false`).
  public var explode: Bool

  public init(
    _ name: String, _ kind: Kind, default defaultValue: QueryValue? = nil, explode: Bool = true
  ) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
    self.explode = explode
  }
}
