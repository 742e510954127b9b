import Foundation

@testable import TalonAPI

/// Builds JSON instances of the reference schemas for round-trip tests: `full` fills every
/// property, `minimal` only the required ones; `unknownMembers` adds a member no schema names to
/// every object that has declared properties.
struct SchemaSamples {
  var document = ReferenceDocument.bundled
  var full = true
  var unknownMembers = false

  func sample(of schemaName: String) -> JSONValue {
    value(for: ["$ref": .string("#/components/schemas/" + schemaName)])
  }

  private func resolve(_ schema: JSONValue) -> JSONValue {
    guard let reference = schema["$ref"]?.stringValue else { return schema }
    return document.schema(named: String(reference.split(separator: "/").last!))!
  }

  private func value(for rawSchema: JSONValue) -> JSONValue {
    let schema = resolve(rawSchema)
    if let properties = schema["properties"]?.objectValue {
      let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
      var members: [String: JSONValue] = [:]
      for (name, property) in properties where full || required.contains(name) {
        members[name] = value(for: property)
      }
      if unknownMembers { members["zzNotInTheReference"] = ["nested": [1, "two"]] }
      return .object(members)
    }
    switch schema["type"]?.stringValue {
    case "object":
      if let additional = schema["additionalProperties"], additional.objectValue != nil {
        return ["first": value(for: additional)]
      }
      return ["tier": "gold", "amount": .number(Decimal(string: "19.99")!), "tags": ["a"]]
    case "array":
      guard let items = schema["items"], items != [:] else {
        return [[1, 2, 0, ["setDiscount", "10% off", .number(Decimal(string: "4.5")!)]]]
      }
      return [value(for: items)]
    case "string":
      if let first = schema["enum"]?.arrayValue?.first { return first }
      if schema["format"]?.stringValue == "date-time" { return "2020-06-01T12:00:00Z" }
      return .string(String(repeating: "s", count: max(schema["minLength"]?.intValue ?? 0, 5)))
    case "integer": return 42
    case "number": return .number(Decimal(string: "19.99")!)
    case "boolean": return true
    default: return .null
    }
  }
}
