/// The one scan of double-quoted strings and their `${...}` parts, which may nest strings and
/// braces (`"a ${ {b: "c"}.b } d"`). The lexer finds where a string ends with it, the parser
/// where an interpolation ends.
enum QuotedText {
  enum Context { case string, code }

  /// From `start`, inside `context` (just after the opening `"` or `${`), the offset of the
  /// `"` or `}` that closes it; nil when a line break or `end` comes first.
  static func close(_ bytes: [UInt8], from start: Int, end: Int, in context: Context) -> Int? {
    var index = start
    var stack = [context]
    while index < end, bytes[index] != UInt8(ascii: "\n"), let top = stack.last {
      let byte = bytes[index]
      switch top {
      case .string:
        if byte == UInt8(ascii: "\\") {
          index += 1
        } else if byte == UInt8(ascii: "\"") {
          stack.removeLast()
        } else if byte == UInt8(ascii: "$"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "{")
        {
          stack.append(.code)
          index += 1
        }
      case .code:
        if byte == UInt8(ascii: "\"") {
          stack.append(.string)
        } else if byte == UInt8(ascii: "{") {
          stack.append(.code)
        } else if byte == UInt8(ascii: "}") {
          stack.removeLast()
        }
      }
      if stack.isEmpty { return index }
      index += 1
    }
    return nil
  }
}
