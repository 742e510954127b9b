import Foundation

extension Parser {
  /// Decodes a double-quoted string token: JSON escapes (plus `\$`), and `${expr}` parts
  /// parsed as expressions in which bare names are references.
  func interpolatedString(_ token: Token) throws(ScriptError) -> Expression {
    let bytes = source.bytes
    let end = token.range.end - 1
    var index = token.range.start + 1
    var parts: [InterpolationPart] = []
    var text: [UInt8] = []
    func flush() {
      if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
      text = []
    }
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\\") {
        let (decoded, length) = try escape(at: index, end: end)
        text.append(contentsOf: decoded)
        index += length
      } else if byte == UInt8(ascii: "$"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "{") {
        flush()
        let close = closingBrace(from: index + 2, end: end)
        let range = SourceRange(start: index + 2, end: close)
        parts.append(.expression(try interpolation(range, at: index)))
        index = close + 1
      } else {
        text.append(byte)
        index += 1
      }
    }
    flush()
    if parts.isEmpty { return .literal(.string(""), token.range) }
    if parts.count == 1, case .text(let value) = parts[0] {
      return .literal(.string(value), token.range)
    }
    return .interpolated(parts, token.range)
  }

  /// The offset of the `}` closing an interpolation that starts at `start` (the lexer has
  /// already checked that it exists).
  private func closingBrace(from start: Int, end: Int) -> Int {
    QuotedText.close(source.bytes, from: start, end: end, in: .code) ?? end
  }

  private func interpolation(_ range: SourceRange, at dollar: Int) throws(ScriptError) -> Expression
  {
    guard nesting < Self.maximumNesting else {
      throw error("nesting too deep (more than \(Self.maximumNesting) levels)", at: dollar)
    }
    let tokens = try Lexer.tokenize(source, range: range)
    var parser = Parser(source: source, tokens: tokens, interpolation: true)
    parser.nesting = nesting + 1
    if parser.current.kind == .endOfFile {
      throw error("empty ${} in a string", at: dollar)
    }
    let expression = try parser.expression()
    guard parser.current.kind == .endOfFile else {
      throw error(
        "unexpected \(parser.describe(parser.current)) in ${...}", at: parser.current.range.start)
    }
    return expression
  }

  /// One escape sequence at `index` (a backslash): its bytes and its length in the source.
  private func escape(at index: Int, end: Int) throws(ScriptError) -> ([UInt8], Int) {
    let bytes = source.bytes
    guard index + 1 < end else { throw error("a string cannot end with a lone '\\'", at: index) }
    switch bytes[index + 1] {
    case UInt8(ascii: "\""): return ([UInt8(ascii: "\"")], 2)
    case UInt8(ascii: "\\"): return ([UInt8(ascii: "\\")], 2)
    case UInt8(ascii: "/"): return ([UInt8(ascii: "/")], 2)
    case UInt8(ascii: "$"): return ([UInt8(ascii: "$")], 2)
    case UInt8(ascii: "n"): return ([0x0A], 2)
    case UInt8(ascii: "t"): return ([0x09], 2)
    case UInt8(ascii: "r"): return ([0x0D], 2)
    case UInt8(ascii: "b"): return ([0x08], 2)
    case UInt8(ascii: "f"): return ([0x0C], 2)
    case UInt8(ascii: "u"):
      guard let (scalar, length) = unicodeEscape(at: index, end: end) else {
        throw error(
          "expected four hex digits after \\u (a surrogate pair for characters beyond U+FFFF)",
          at: index)
      }
      return (Array(String(Character(scalar)).utf8), length)
    default:
      throw error(
        "unknown escape '\\\(Character(Unicode.Scalar(bytes[index + 1])))' (use \\\\ for a backslash)",
        at: index)
    }
  }

  private func hex4(at index: Int, end: Int) -> UInt32? {
    guard index + 4 <= end else { return nil }
    let text = String(decoding: source.bytes[index..<index + 4], as: UTF8.self)
    guard text.utf8.allSatisfy({ CharacterClass.isIdentifier($0) }) else { return nil }
    return UInt32(text, radix: 16)
  }

  private func unicodeEscape(at index: Int, end: Int) -> (Unicode.Scalar, Int)? {
    guard let high = hex4(at: index + 2, end: end) else { return nil }
    if (0xD800..<0xDC00).contains(high) {
      let bytes = source.bytes
      guard index + 12 <= end, bytes[index + 6] == UInt8(ascii: "\\"),
        bytes[index + 7] == UInt8(ascii: "u"), let low = hex4(at: index + 8, end: end),
        (0xDC00..<0xE000).contains(low)
      else { return nil }
      let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
      return Unicode.Scalar(value).map { ($0, 12) }
    }
    return Unicode.Scalar(high).map { ($0, 6) }
  }
}
