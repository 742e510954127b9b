import Foundation

/// Finds the one JSON syntax error that Foundation's parser lets through: a comma right before
/// `]` or `}` (`{"a": 1,}`, `[1, 2,]`). RFC 8259 has no trailing commas, and the server
/// answers bodies that are not JSON with 400 `invalid JSON`, so it looks for them itself
/// before parsing. Every other syntax error is the parser's to report.
enum TrailingCommaCheck {
  /// The byte offset of the first trailing comma outside strings, or nil when there is none.
  static func firstTrailingComma(in bytes: some Collection<UInt8>) -> Int? {
    var inString = false
    var escaped = false
    var pendingComma: Int?
    for (offset, byte) in bytes.enumerated() {
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        continue
      case UInt8(ascii: ","):
        pendingComma = offset
        continue
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        if let comma = pendingComma { return comma }
      case UInt8(ascii: "\""):
        inString = true
      default:
        break
      }
      pendingComma = nil
    }
    return nil
  }
}
