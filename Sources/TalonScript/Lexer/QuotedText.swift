/// The one scan of double-quoted strings and their `${...}` parts, which may nest strings and
/// braces (`"a ${ {b: "c"}.b } d"`). The lexer finds where a string ends with it (and, for the
/// shell's unfinished input, whether the end lies in an interpolation), the parser where an
/// interpolation ends.
enum QuotedText {
  enum Context { case string, code }

  /// Where a scan stopped.
  enum Outcome: Equatable {
    /// At the `"` or `}` that closes the context the scan started in.
    case closed(at: Int)
    /// A line break or the end came first. `code` is where the innermost `${...}` still open
    /// begins (just after `${`), when the scan stopped in its code rather than in string text.
    case open(code: Int?)
  }

  /// From `start`, inside `context` (just after the opening `"` or `${`), the offset of the
  /// `"` or `}` that closes it; nil when a line break or `end` comes first.
  static func close(_ bytes: [UInt8], from start: Int, end: Int, in context: Context) -> Int? {
    if case .closed(let offset) = scan(bytes, from: start, end: end, in: context) {
      return offset
    }
    return nil
  }

  /// Scans from `start`, inside `context`, to the closing `"` or `}`, a line break or `end`.
  static func scan(_ bytes: [UInt8], from start: Int, end: Int, in context: Context) -> Outcome {
    /// One open context: what it is, where its content starts, and whether `${` opened it.
    struct Open {
      var context: Context
      var start: Int
      var interpolation: Bool
    }
    var index = start
    var stack = [Open(context: context, start: start, interpolation: context == .code)]
    while index < end, bytes[index] != UInt8(ascii: "\n"), let top = stack.last {
      let byte = bytes[index]
      switch top.context {
      case .string:
        if byte == UInt8(ascii: "\\") {
          index += 1
        } else if byte == UInt8(ascii: "\"") {
          stack.removeLast()
        } else if byte == UInt8(ascii: "$"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "{")
        {
          stack.append(Open(context: .code, start: index + 2, interpolation: true))
          index += 1
        }
      case .code:
        if byte == UInt8(ascii: "\"") {
          stack.append(Open(context: .string, start: index + 1, interpolation: false))
        } else if byte == UInt8(ascii: "{") {
          stack.append(Open(context: .code, start: index + 1, interpolation: false))
        } else if byte == UInt8(ascii: "}") {
          stack.removeLast()
        }
      }
      if stack.isEmpty { return .closed(at: index) }
      index += 1
    }
    guard stack.last?.context == .code else { return .open(code: nil) }
    return .open(code: stack.last { $0.interpolation }?.start)
  }
}
