import Foundation
import TalonAPI

/// How values read as text: `echo` and interpolation write strings as they are and anything
/// else as compact JSON (TalonAPI's `JSONTextWriter`: sorted keys, exact numbers); error
/// messages quote strings.
enum ValueText {
  /// The text of a value for `echo` and `"${...}"`.
  static func plain(_ value: JSONValue) -> String {
    if case .string(let text) = value { return text }
    return value.jsonText
  }

  /// For messages: JSON, cut short when long.
  static func display(_ value: JSONValue, limit: Int = 200) -> String {
    let text = value.jsonText
    return text.count > limit ? String(text.prefix(limit)) + "..." : text
  }
}
