import Foundation
import TalonAPI

/// Builds valid JSON instances of the reference schemas (adapted from the TalonAPITests
/// sample generator): every declared property filled, enums at their first value, strings
/// long enough for their `minLength`, dates as RFC 3339.
struct SchemaSamples {
  var document = ReferenceDocument.bundled

  func sample(of schemaName: String) -> JSONValue {
    value(for: Self.reference(schemaName))
  }

  static func reference(_ schemaName: String) -> JSONValue {
    ["$ref": .string("#/components/schemas/" + schemaName)]
  }

  /// The schema itself when `schema` is a `$ref`.
  func resolve(_ schema: JSONValue) -> JSONValue {
    guard let reference = schema["$ref"]?.stringValue,
      let name = reference.split(separator: "/").last
    else { return schema }
    return document.schema(named: String(name)) ?? [:]
  }

  private func value(for rawSchema: JSONValue) -> JSONValue {
    let schema = resolve(rawSchema)
    if let properties = schema["properties"]?.objectValue {
      return .object(properties.mapValues { value(for: $0) })
    }
    switch schema["type"]?.stringValue {
    case "object":
      if let additional = schema["additionalProperties"], additional.objectValue != nil {
        return ["first": value(for: additional)]
      }
      return ["tier": "gold", "amount": .number(Decimal(string: "19.99") ?? 0), "tags": ["a"]]
    case "array":
      guard let items = schema["items"], items != [:] else { return [1, "two"] }
      return [value(for: items)]
    case "string":
      if let first = schema["enum"]?.arrayValue?.first { return first }
      if schema["format"]?.stringValue == "date-time" { return "2020-06-01T12:00:00Z" }
      return .string(String(repeating: "s", count: max(schema["minLength"]?.intValue ?? 0, 5)))
    case "integer": return 42
    case "number": return .number(Decimal(string: "19.99") ?? 0)
    case "boolean": return true
    default: return .null
    }
  }
}
