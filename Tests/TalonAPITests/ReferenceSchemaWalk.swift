import Foundation

@testable import TalonAPI

/// The validator as it was before schemas were compiled: a direct walk of the raw reference
/// JSON, resolving every `$ref` by name and building every JSON pointer as it goes. Kept as the
/// oracle the compiled `SchemaValidator` must agree with, violation for violation.
struct ReferenceSchemaWalk {
  var document = ReferenceDocument.bundled

  func validate(_ value: JSONValue, against schemaName: String) -> [SchemaViolation] {
    var violations: [SchemaViolation] = []
    check(
      value, schema: ["$ref": .string("#/components/schemas/" + schemaName)], pointer: "",
      into: &violations)
    return violations
  }

  private func resolve(_ schema: JSONValue) -> JSONValue {
    guard let reference = schema["$ref"]?.stringValue else { return schema }
    let name = reference.split(separator: "/").last.map(String.init) ?? reference
    return document.schema(named: name) ?? [:]
  }

  private func check(
    _ value: JSONValue, schema rawSchema: JSONValue, pointer: String,
    into violations: inout [SchemaViolation]
  ) {
    let schema = resolve(rawSchema)
    let type = schema["type"]?.stringValue ?? (schema["properties"] != nil ? "object" : nil)
    let at = pointer.isEmpty ? "the body" : pointer

    switch (type, value) {
    case (nil, _):
      break
    case ("object", .object(let members)):
      let properties = schema["properties"]?.objectValue ?? [:]
      for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
        if members[name] == nil || members[name] == .null {
          violations.append(
            SchemaViolation(
              pointer: pointer + "/" + escape(name), title: "required",
              details: "\(name) is required"))
        }
      }
      for name in members.keys.sorted() {
        guard let member = members[name], member != .null else { continue }
        if let propertySchema = properties[name] {
          check(
            member, schema: propertySchema, pointer: pointer + "/" + escape(name), into: &violations
          )
        } else if let additional = schema["additionalProperties"], additional.objectValue != nil {
          check(
            member, schema: additional, pointer: pointer + "/" + escape(name), into: &violations)
        }
      }
    case ("array", .array(let elements)):
      if let itemSchema = schema["items"] {
        for (index, element) in elements.enumerated() {
          check(element, schema: itemSchema, pointer: pointer + "/\(index)", into: &violations)
        }
      }
    case ("string", .string(let text)):
      if let minimum = schema["minLength"]?.intValue, text.count < minimum {
        violations.append(
          SchemaViolation(
            pointer: pointer, title: "minLength",
            details: "\(at) must be at least \(minimum) character\(minimum == 1 ? "" : "s") long"))
      }
      if let choices = schema["enum"]?.arrayValue?.compactMap(\.stringValue),
        !choices.contains(text)
      {
        let list = choices.map { "\"\($0)\"" }.joined(separator: ", ")
        violations.append(
          SchemaViolation(
            pointer: pointer, title: "enum",
            details: "\(name(of: pointer)) must be one of the following: \(list)"))
      }
      if schema["format"]?.stringValue == "date-time", RFC3339.date(from: text) == nil {
        violations.append(
          SchemaViolation(
            pointer: pointer, title: "type",
            details: "\(at) must be an RFC 3339 date-time, got \"\(text)\""))
      }
    case ("integer", .number(let number)):
      if !number.isWholeNumber || number.magnitude > Decimal(Int64.max) {
        violations.append(
          SchemaViolation(pointer: pointer, title: "type", details: "\(at) must be an integer"))
      }
    case ("number", .number), ("boolean", .bool):
      break
    case (let expected?, _):
      let article =
        expected == "integer" || expected == "array" || expected == "object" ? "an" : "a"
      violations.append(
        SchemaViolation(
          pointer: pointer, title: "type",
          details: "\(at) must be \(article) \(expected), not \(value.typeName)"))
    }
  }

  /// The field a pointer names: its last token, or for an array element the array's name
  /// (`/responseContent/0` is `responseContent`, as the embedded engine words it).
  private func name(of pointer: String) -> String {
    let tokens = pointer.split(separator: "/")
    let field = tokens.last { token in !token.allSatisfy(\.isNumber) } ?? tokens.last
    return field.map(String.init) ?? "the body"
  }

  /// The token escaped for a JSON pointer. Most keys need nothing, and Foundation's
  /// `replacingOccurrences` is slow enough to show in the server's profile: check first.
  private func escape(_ token: String) -> String {
    guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") })
    else { return token }
    return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }
}
