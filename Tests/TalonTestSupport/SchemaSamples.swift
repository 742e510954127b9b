import Foundation
import TalonAPI

/// Builds JSON instances of the bundled reference document's schemas: `full` fills every
/// declared property, otherwise only the required ones; `unknownMembers` adds a member no
/// schema names to every object with declared properties. Enums take their first value,
/// strings are long enough for their `minLength`, dates are RFC 3339, and arrays without an
/// item schema hold one v1 effect array. For round-trip tests and for valid bodies that
/// hardening tests then break.
package struct SchemaSamples: Sendable {
  package var document = ReferenceDocument.bundled
  package var full = true
  package var unknownMembers = false

  package init(full: Bool = true, unknownMembers: Bool = false) {
    self.full = full
    self.unknownMembers = unknownMembers
  }

  package func sample(of schemaName: String) -> JSONValue {
    value(for: Self.reference(schemaName))
  }

  /// A `$ref` to the schema named `schemaName`.
  package static func reference(_ schemaName: String) -> JSONValue {
    ["$ref": .string("#/components/schemas/" + schemaName)]
  }

  /// The schema itself when `schema` is a `$ref`.
  package func resolve(_ schema: JSONValue) -> JSONValue {
    guard let reference = schema["$ref"]?.stringValue,
      let name = reference.split(separator: "/").last
    else { return schema }
    return document.schema(named: String(name)) ?? [:]
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
      return ["tier": "gold", "amount": .number(Decimal(string: "19.99") ?? 0), "tags": ["a"]]
    case "array":
      guard let items = schema["items"], items != [:] else {
        return [[1, 2, 0, ["setDiscount", "10% off", .number(Decimal(string: "4.5") ?? 0)]]]
      }
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
