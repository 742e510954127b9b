import Foundation

/// One Integration API operation, typed by its request body and its answer: the catalogue's
/// entries (`IntegrationCatalogue`) are values of it, and `IntegrationAPI.send` takes one.
/// `operation` is the same entry without its types.
public struct APIOperation<Request: Codable & Sendable, Answer: Codable & Sendable>: Sendable {
  /// The entry's data (method, path, parameters, schemas, statuses).
  public let operation: IntegrationOperation

  /// Declares an operation. `request` and `answer` name the reference schemas of the bodies;
  /// an operation without a request body has `Request == NoContent`, one that answers 204
  /// `Answer == NoContent`. POSTs are not idempotent unless `idempotent` says otherwise.
  public init(
    _ operationId: String, _ method: String, _ pathTemplate: String,
    query: [QueryParameter] = [], request: String? = nil, answer: String? = nil,
    success: [Int], idempotent: Bool? = nil, generation: APIGeneration = .v2020,
    allowsSignature: Bool = true
  ) {
    precondition(
      (Request.self == NoContent.self) == (request == nil),
      "\(operationId): a request schema exactly when the request type is not NoContent")
    precondition(
      (Answer.self == NoContent.self) == (answer == nil),
      "\(operationId): an answer schema exactly when the answer type is not NoContent")
    operation = IntegrationOperation(
      operationId: operationId, method: method, pathTemplate: pathTemplate, query: query,
      requestSchema: request, responseSchema: answer, successStatuses: success,
      idempotent: idempotent, generation: generation, allowsSignature: allowsSignature,
      conduit: TypedConduit<Request, Answer>())
  }

  init(wrapping operation: IntegrationOperation) {
    self.operation = operation
  }
}

/// Stands for the absent body of a request or of a 204 answer. Decodes from anything (an
/// absent body is `null`) and encodes as `null`.
public struct NoContent: Codable, Sendable, Hashable {
  public init() {}
  public init(from decoder: any Decoder) throws {}

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encodeNil()
  }
}

/// The path and query parameters of one call: path values in the order of the operation's
/// `pathParameters`, query values by name (absent ones are not sent).
public struct OperationArguments: Sendable, Hashable {
  public var path: [String]
  public var query: [String: QueryValue]

  public init(path: [String] = [], query: [String: QueryValue] = [:]) {
    self.path = path
    self.query = query
  }
}

/// The value of a query parameter, typed as the catalogue declares it.
public enum QueryValue: Sendable, Hashable {
  case bool(Bool)
  case string(String)
  case integer(Int)
  case dateTime(Date)
  case strings([String])

  /// The value when it is a boolean.
  public var bool: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The value when it is a string.
  public var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The value when it is an integer.
  public var integer: Int? {
    if case .integer(let value) = self { return value }
    return nil
  }

  /// The value when it is an array of strings.
  public var strings: [String]? {
    if case .strings(let values) = self { return values }
    return nil
  }

  /// The value when it is a date and time.
  public var dateTime: Date? {
    if case .dateTime(let value) = self { return value }
    return nil
  }

  /// The texts sent on the wire: one, or one per element of an array (the key repeated).
  public var wireTexts: [String] {
    switch self {
    case .bool(let value): [String(value)]
    case .string(let value): [value]
    case .integer(let value): [String(value)]
    case .dateTime(let value): [RFC3339.string(from: value)]
    case .strings(let values): values
    }
  }

  /// The value as JSON (how the call record shows it).
  public var json: JSONValue {
    switch self {
    case .bool(let value): .bool(value)
    case .string(let value): .string(value)
    case .integer(let value): .number(Decimal(value))
    case .dateTime(let value): .string(RFC3339.string(from: value))
    case .strings(let values): .array(values.map { .string($0) })
    }
  }
}

/// The answer of one call: the typed value and, when it came over the wire, the JSON as it
/// arrived (fields the typed models do not know, from a newer Talon.One, stay in it). A backend
/// that computes its answers (the embedded engine) gives no JSON; callers encode the value.
public struct APIAnswer<Value: Sendable>: Sendable {
  public var value: Value
  public var json: JSONValue?

  public init(_ value: Value, json: JSONValue? = .none) {
    self.value = value
    self.json = json
  }
}

extension IntegrationOperation {
  /// Calls the operation on `api` with a request body given as JSON and returns the answer's
  /// body for the wire (nil for 204, and for a silent call's absent `SilentAnswer`). A body that does not decode as the request type is a 400
  /// naming its JSON pointer; the API's errors pass through. For servers.
  public func serve(on api: any IntegrationAPI, _ arguments: OperationArguments, body: JSONValue?)
    async throws -> Data?
  {
    try await conduit.serve(self, on: api, arguments, body: body)
  }

  /// The request body `json` decoded as the operation's request type (`NoContent` for an
  /// operation without a body); throws `WireCodingError`.
  public func decodeRequest(_ json: JSONValue) throws -> any Encodable & Sendable {
    try conduit.decodeRequest(json)
  }

  /// Calls the operation on `api` with a request from `decodeRequest`, without types.
  public func send(
    on api: any IntegrationAPI, _ arguments: OperationArguments, request: any Sendable
  )
    async throws -> APIAnswer<any Encodable & Sendable>
  {
    try await conduit.send(self, on: api, arguments, request: request)
  }
}

/// What the type-erased entry does with its types.
protocol OperationConduit: Sendable {
  func serve(
    _ operation: IntegrationOperation, on api: any IntegrationAPI, _ arguments: OperationArguments,
    body: JSONValue?
  ) async throws -> Data?
  func decodeRequest(_ json: JSONValue) throws -> any Encodable & Sendable
  func send(
    _ operation: IntegrationOperation, on api: any IntegrationAPI, _ arguments: OperationArguments,
    request: any Sendable
  ) async throws -> APIAnswer<any Encodable & Sendable>
}

struct TypedConduit<Request: Codable & Sendable, Answer: Codable & Sendable>: OperationConduit {
  func serve(
    _ operation: IntegrationOperation, on api: any IntegrationAPI, _ arguments: OperationArguments,
    body: JSONValue?
  ) async throws -> Data? {
    let request: Request
    do {
      request = try WireCoding.decode(Request.self, from: body ?? .null)
    } catch let error as WireCodingError {
      throw IntegrationError.undecodableBody(error)
    }
    let answer = try await api.send(
      APIOperation<Request, Answer>(wrapping: operation), arguments, body: request)
    if Answer.self == NoContent.self { return nil }
    if let absentable = answer.value as? any AbsentableAnswer, absentable.isAbsent { return nil }
    return try WireCoding.encode(answer.value)
  }

  func decodeRequest(_ json: JSONValue) throws -> any Encodable & Sendable {
    try WireCoding.decode(Request.self, from: json)
  }

  func send(
    _ operation: IntegrationOperation, on api: any IntegrationAPI, _ arguments: OperationArguments,
    request: any Sendable
  ) async throws -> APIAnswer<any Encodable & Sendable> {
    guard let request = request as? Request else {
      preconditionFailure("\(operation.operationId) takes a \(Request.self) body")
    }
    let answer = try await api.send(
      APIOperation<Request, Answer>(wrapping: operation), arguments, body: request)
    return APIAnswer(answer.value, json: answer.json)
  }
}

extension IntegrationError {
  /// The 400 for a request body that is JSON but not of the request's type.
  static func undecodableBody(_ error: WireCodingError) -> IntegrationError {
    switch error {
    case .invalidJSON(let reason):
      .badRequest("invalid JSON: \(reason)", title: "invalid JSON")
    case .mismatch(let pointer, let message):
      .badRequest(message, title: "type", pointer: pointer)
    }
  }
}
