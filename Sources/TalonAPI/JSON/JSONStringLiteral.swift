/// JSON string literals as talon writes them everywhere (store records, script values, the
/// shell's JSON): quotes, backslashes and control characters escaped, `/` and non-ASCII kept.
public enum JSONStringLiteral {
  /// Appends `value` as a quoted JSON string to `text`.
  public static func append(_ value: String, to text: inout String) {
    text.append("\"")
    let plain =
      value.utf8.withContiguousStorageIfAvailable { bytes in
        for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
        return true
      } ?? false
    if plain {
      text.append(value)
    } else {
      for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": text.append("\\\"")
        case "\\": text.append("\\\\")
        case "\n": text.append("\\n")
        case "\r": text.append("\\r")
        case "\t": text.append("\\t")
        default:
          if scalar.value < 0x20 {
            let hex = String(scalar.value, radix: 16)
            text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
          } else {
            text.unicodeScalars.append(scalar)
          }
        }
      }
    }
    text.append("\"")
  }

  /// `value` as a quoted JSON string.
  public static func quoted(_ value: String) -> String {
    var text = ""
    append(value, to: &text)
    return text
  }
}
