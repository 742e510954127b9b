import Foundation
import TalonAPI

/// How values read as text: `echo` and interpolation write strings as they are and anything
/// else as compact JSON; error messages quote strings. Numbers are written exactly.
enum ValueText {
  /// The text of a value for `echo` and `"${...}"`.
  static func plain(_ value: JSONValue) -> String {
    if case .string(let text) = value { return text }
    return json(value)
  }

  /// Compact JSON with sorted keys (numbers exact).
  static func json(_ value: JSONValue) -> String {
    var output = ""
    write(value, to: &output)
    return output
  }

  /// For messages: JSON, cut short when long.
  static func display(_ value: JSONValue, limit: Int = 200) -> String {
    let text = json(value)
    return text.count > limit ? String(text.prefix(limit)) + "..." : text
  }

  static func number(_ value: Decimal) -> String {
    value.description
  }

  private static func write(_ value: JSONValue, to output: inout String) {
    switch value {
    case .null: output += "null"
    case .bool(let flag): output += flag ? "true" : "false"
    case .number(let number): output += Self.number(number)
    case .string(let text): writeString(text, to: &output)
    case .array(let elements):
      output += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { output += "," }
        write(element, to: &output)
      }
      output += "]"
    case .object(let members):
      output += "{"
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { output += "," }
        writeString(key, to: &output)
        output += ":"
        write(members[key] ?? .null, to: &output)
      }
      output += "}"
    }
  }

  private static func writeString(_ text: String, to output: inout String) {
    JSONStringLiteral.append(text, to: &output)
  }
}
