/// The bundled reference document (`integration-api.openapi.json`): the field-level contract of
/// the API version talon speaks. Built into the binary; the server also serves it as is.
public struct ReferenceDocument: Sendable {
  /// The document's text, byte for byte as in the repository.
  public let text: String
  /// The parsed document.
  public let json: JSONValue

  /// The document built into this binary.
  public static let bundled: ReferenceDocument = {
    guard let text = EmbeddedResources.text("integration-api.openapi.json"),
      let json = try? JSONValue(parsing: text)
    else { preconditionFailure("the bundled reference document is missing or broken") }
    return ReferenceDocument(text: text, json: json)
  }()

  /// The schema called `name` under `components.schemas`.
  public func schema(named name: String) -> JSONValue? {
    json["components"]?["schemas"]?[name]
  }

  /// The names of all schemas.
  public var schemaNames: [String] {
    json["components"]?["schemas"]?.objectValue?.keys.sorted() ?? []
  }

  /// Every operation as (method in upper case, path, operationId).
  public var operations: [(method: String, path: String, operationId: String)] {
    var result: [(String, String, String)] = []
    for (path, item) in json["paths"]?.objectValue ?? [:] {
      for (method, operation) in item.objectValue ?? [:] {
        if let id = operation["operationId"]?.stringValue {
          result.append((method.uppercased(), path, id))
        }
      }
    }
    return result.sorted { $0.2 < $1.2 }
  }
}
