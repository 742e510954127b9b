import Foundation
import TalonAPI

/// Writes JSON values as text for people: compact or indented, keys sorted, numbers exact
/// (`Decimal`), optionally coloured with ANSI styles (keys blue, strings green, numbers cyan,
/// `true`/`false`/`null` magenta).
///
/// Decision: our own writer rather than `JSONEncoder`, so numbers keep their exact digits,
/// `/` is not escaped, and colour can wrap each token.
struct JSONText {
  var indent: Int?
  var color: Bool

  /// `value` as text; with `indent`, one member per line.
  func text(of value: JSONValue) -> String {
    var output = ""
    write(value, level: 0, to: &output)
    return output
  }

  private func write(_ value: JSONValue, level: Int, to output: inout String) {
    switch value {
    case .null: output += ANSIStyle.magenta.apply("null", enabled: color)
    case .bool(let flag): output += ANSIStyle.magenta.apply(flag ? "true" : "false", enabled: color)
    case .number(let number): output += ANSIStyle.cyan.apply(number.description, enabled: color)
    case .string(let text):
      output += ANSIStyle.green.apply(Self.quoted(text), enabled: color)
    case .array(let elements):
      guard !elements.isEmpty else {
        output += "[]"
        return
      }
      output += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { output += "," }
        newline(level: level + 1, to: &output)
        write(element, level: level + 1, to: &output)
      }
      newline(level: level, to: &output)
      output += "]"
    case .object(let members):
      guard !members.isEmpty else {
        output += "{}"
        return
      }
      output += "{"
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { output += "," }
        newline(level: level + 1, to: &output)
        output += ANSIStyle.blue.apply(Self.quoted(key), enabled: color)
        output += indent == nil ? ":" : ": "
        write(members[key] ?? .null, level: level + 1, to: &output)
      }
      newline(level: level, to: &output)
      output += "}"
    }
  }

  private func newline(level: Int, to output: inout String) {
    guard let indent else { return }
    output += "\n" + String(repeating: " ", count: indent * level)
  }

  /// A JSON string literal: quotes, backslashes and control characters escaped.
  static func quoted(_ text: String) -> String {
    JSONStringLiteral.quoted(text)
  }
}
