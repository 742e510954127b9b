import Foundation

/// One pass over a request body before it is parsed, for what Foundation's JSON parser does not
/// refuse or makes expensive:
/// - a comma right before `]` or `}` (`{"a": 1,}`, `[1, 2,]`), which RFC 8259 does not allow
///   but the parser accepts;
/// - nesting deeper than `maxDepth`, and more than `maxValues` values in all. Parsing into
///   `JSONValue` (free-form `attributes`) costs tens of microseconds per value in a debug
///   build and grows with the depth, so a 1 MiB body of tiny nested arrays kept a core busy
///   for many seconds.
///
/// Decided here: 64 levels and 50,000 values, far beyond any Integration API request (a
/// session with 1,000 cart items of a dozen fields each is about 15,000). Every other syntax
/// error is the parser's to report.
enum JSONPrecheck {
  static let maxDepth = 64
  static let maxValues = 50_000

  /// Why a body is refused before parsing.
  enum Finding: Equatable, CustomStringConvertible {
    case trailingComma(offset: Int)
    case tooDeep(offset: Int)
    case tooManyValues(offset: Int)

    var description: String {
      switch self {
      case .trailingComma(let offset):
        "invalid JSON: a comma before a closing bracket at byte \(offset)"
      case .tooDeep(let offset):
        "invalid JSON: nested deeper than \(JSONPrecheck.maxDepth) levels at byte \(offset)"
      case .tooManyValues(let offset):
        "invalid JSON: more than \(JSONPrecheck.maxValues) values (at byte \(offset))"
      }
    }
  }

  /// The first finding outside strings, or nil when the body may go to the parser.
  static func check(_ bytes: some Collection<UInt8>) -> Finding? {
    var inString = false
    var escaped = false
    var pendingComma: Int?
    var depth = 0
    var values = 0
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
        values += 1
        if values > maxValues { return .tooManyValues(offset: offset) }
        continue
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        if let comma = pendingComma { return .trailingComma(offset: comma) }
        depth -= 1
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
        values += 1
        if depth > maxDepth { return .tooDeep(offset: offset) }
        if values > maxValues { return .tooManyValues(offset: offset) }
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
