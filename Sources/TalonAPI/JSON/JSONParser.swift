import Foundation

/// A strict RFC 8259 parser from UTF-8 bytes straight to `JSONValue`: numbers become exact
/// `Decimal`s from their digits, invalid UTF-8, control characters in strings and trailing
/// commas are refused, and nesting and size are bounded (`JSONLimits`). Errors name the byte
/// offset.
///
/// Decided here: duplicate object keys keep the last value (as Foundation does); a leading
/// UTF-8 byte order mark is skipped.
struct JSONParser {
  /// The bytes, read through a pointer: every access is preceded by an explicit check of
  /// `index` against the count, so the array's own bounds checks would only repeat it.
  private let bytes: UnsafeBufferPointer<UInt8>
  private let limits: JSONLimits
  private var index = 0
  private var depth = 0
  /// Containers opened plus commas read: what `JSONLimits.maximumValues` bounds.
  private var values = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
    self.bytes = bytes
    self.limits = limits
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
  }

  /// Parses one whole document of UTF-8 text.
  static func parse(_ text: UnsafeRawBufferPointer, limits: JSONLimits = .standard)
    throws(WireCodingError) -> JSONValue
  {
    var parser = JSONParser(text.assumingMemoryBound(to: UInt8.self), limits: limits)
    return try parser.parseDocument()
  }

  /// Parses one whole document.
  private mutating func parseDocument() throws(WireCodingError) -> JSONValue {
    skipWhitespace()
    guard index < bytes.count else { throw failure("the text is empty") }
    let value = try parseValue()
    skipWhitespace()
    guard index == bytes.count else { throw failure("unexpected text after the value") }
    return value
  }

  private func failure(_ reason: String) -> WireCodingError {
    .invalidJSON("\(reason) \(position)")
  }

  /// Where the parser stands, for people and programs: `at line 3, column 14 (byte 996)`.
  /// Lines count line feeds; the column counts characters (UTF-8 continuation bytes do not
  /// start one) from 1.
  private var position: String {
    var line = 1
    var column = 1
    var offset = 0
    let end = min(index, bytes.count)
    while offset < end {
      let byte = bytes[offset]
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
      offset += 1
    }
    return "at line \(line), column \(column) (byte \(index))"
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  private mutating func parseValue() throws(WireCodingError) -> JSONValue {
    guard index < bytes.count else { throw failure("unexpected end of the text") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
    case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
    case UInt8(ascii: "n"): return try parseLiteral("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw failure("unexpected character \(describe(bytes[index]))")
    }
  }

  private func describe(_ byte: UInt8) -> String {
    (0x21...0x7E).contains(byte)
      ? "'\(Character(UnicodeScalar(byte)))'" : "0x" + String(byte, radix: 16)
  }

  private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue)
    throws(WireCodingError) -> JSONValue
  {
    let length = word.utf8CodeUnitCount
    guard bytes.count - index >= length else {
      throw failure("unexpected character \(describe(bytes[index]))")
    }
    for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
      throw failure("unexpected character \(describe(bytes[index]))")
    }
    index += length
    return value
  }

  private mutating func enter() throws(WireCodingError) {
    depth += 1
    guard depth <= limits.maximumDepth else {
      throw failure("nested deeper than \(limits.maximumDepth) levels")
    }
    try countValue()
  }

  private mutating func countValue() throws(WireCodingError) {
    values += 1
    guard values <= limits.maximumValues else {
      throw .invalidJSON("more than \(limits.maximumValues) values \(position)")
    }
  }

  /// Reads the comma at `index` and refuses one right before a closing bracket.
  private mutating func consumeComma() throws(WireCodingError) {
    try countValue()
    let comma = index
    index += 1
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") || bytes[index] == UInt8(ascii: "}") {
      index = comma
      throw failure("a comma before a closing bracket")
    }
  }

  private mutating func parseObject() throws(WireCodingError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    // Room for a typical wire object's members up front (growing from empty rehashed them
    // several times); an empty object allocates nothing.
    members.reserveCapacity(8)
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw failure(index < bytes.count ? "expected a member name" : "unexpected end of the text")
      }
      let key = try parseString()
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw failure("expected ':' after a member name")
      }
      index += 1
      skipWhitespace()
      members[key] = try parseValue()
      skipWhitespace()
      guard index < bytes.count else { throw failure("unexpected end of the text") }
      if bytes[index] == UInt8(ascii: ",") {
        try consumeComma()
        continue
      }
      guard bytes[index] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
      index += 1
      return .object(members)
    }
  }

  private mutating func parseArray() throws(WireCodingError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw failure("unexpected end of the text") }
      if bytes[index] == UInt8(ascii: ",") {
        try consumeComma()
        continue
      }
      guard bytes[index] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
      index += 1
      return .array(elements)
    }
  }

  private mutating func parseNumber() throws(WireCodingError) -> JSONValue {
    let start = index
    func digits() -> Int {
      let from = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        index += 1
      }
      return index - from
    }
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count else { throw failure("a number needs digits") }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else if digits() == 0 {
      throw failure("a number needs digits")
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw failure("a fraction needs digits") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard digits() > 0 else { throw failure("an exponent needs digits") }
    }
    if let number = Self.plainDecimal(bytes[start..<index]) { return .number(number) }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let number = Decimal(string: text, locale: nil), !number.isNaN else {
      index = start
      throw failure("the number \(text) is out of range")
    }
    return .number(number)
  }

  /// The number of a plain literal (`-12`, `19.99`: at most 18 digits, no exponent) made
  /// from its digits, bit for bit the `Decimal` that `Decimal(string:)` gives (checked on
  /// random literals in the tests), without parsing text. Nil for the others, which take the
  /// slow path: exponents, longer literals, and zero with a fraction (`0.0` keeps its
  /// exponent in `Decimal(string:)`).
  static func plainDecimal(_ literal: some Sequence<UInt8>) -> Decimal? {
    var mantissa: Int64 = 0
    var exponent = 0
    var negative = false
    var fraction = false
    var digits = 0
    for byte in literal {
      switch byte {
      case UInt8(ascii: "-"): negative = true
      case UInt8(ascii: "."): fraction = true
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        digits += 1
        guard digits <= 18 else { return nil }
        mantissa = mantissa * 10 + Int64(byte - UInt8(ascii: "0"))
        if fraction { exponent -= 1 }
      default: return nil
      }
    }
    if exponent == 0 { return Decimal(negative ? -mantissa : mantissa) }
    guard mantissa != 0 else { return nil }
    return Decimal(
      sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
  }

  private mutating func parseString() throws(WireCodingError) -> String {
    index += 1
    var start = index
    var buffer: [UInt8] = []
    var escaped = false
    var bits: UInt8 = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let tail = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        if !escaped {
          // ASCII needs no validation.
          if bits < 0x80 { return String(decoding: tail, as: UTF8.self) }
          guard let text = String(validating: tail, as: UTF8.self) else {
            throw failure("a string is not valid UTF-8")
          }
          return text
        }
        buffer.append(contentsOf: tail)
        guard let text = String(validating: buffer, as: UTF8.self) else {
          throw failure("a string is not valid UTF-8")
        }
        return text
      }
      if byte < 0x20 { throw failure("a control character in a string must be escaped") }
      bits |= byte
      if byte == UInt8(ascii: "\\") {
        escaped = true
        buffer.append(contentsOf: bytes[start..<index])
        index += 1
        guard index < bytes.count else { break }
        switch bytes[index] {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
          let scalar = try parseUnicodeEscape()
          buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
          start = index
          continue
        default: throw failure("an unknown escape in a string")
        }
        index += 1
        start = index
        continue
      }
      index += 1
    }
    throw failure("a string is not closed")
  }

  /// Reads `uXXXX` (the index on the `u`), joining surrogate pairs; leaves the index after it.
  private mutating func parseUnicodeEscape() throws(WireCodingError) -> Unicode.Scalar {
    func hex4() throws(WireCodingError) -> UInt32 {
      guard bytes.count - index >= 5 else { throw failure("a \\u escape needs four hex digits") }
      var value: UInt32 = 0
      for byte in bytes[index + 1...index + 4] {
        guard let digit = Character(UnicodeScalar(byte)).hexDigitValue else {
          throw failure("a \\u escape needs four hex digits")
        }
        value = value * 16 + UInt32(digit)
      }
      index += 5
      return value
    }
    let first = try hex4()
    if (0xD800...0xDBFF).contains(first) {
      guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
        bytes[index + 1] == UInt8(ascii: "u")
      else { throw failure("a lone surrogate in a \\u escape") }
      index += 1
      let second = try hex4()
      guard (0xDC00...0xDFFF).contains(second),
        let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
      else { throw failure("a lone surrogate in a \\u escape") }
      return scalar
    }
    guard let scalar = Unicode.Scalar(first) else {
      throw failure("a lone surrogate in a \\u escape")
    }
    return scalar
  }
}

/// How much a document may hold before the parser refuses it.
///
/// Why a request body gets tighter limits than other JSON: parsing into `JSONValue`
/// (free-form `attributes`) costs time per value and grows with the depth, so a 1 MiB body of
/// tiny nested arrays kept a core busy for many seconds (docs/behaviour.md, "Server (`talon
/// serve`)", request bodies). Decided here: 64 levels and 50,000
/// values (containers and commas counted, as a quick proxy) for a request body, far beyond any
/// Integration API request (a session with 1,000 cart items of a dozen fields each is about
/// 15,000); 512 levels and no count for everything else (answers, files).
public struct JSONLimits: Sendable, Hashable {
  public var maximumDepth: Int
  public var maximumValues: Int

  public init(maximumDepth: Int, maximumValues: Int) {
    self.maximumDepth = maximumDepth
    self.maximumValues = maximumValues
  }

  /// Deep documents are refused rather than risking the stack.
  public static let standard = JSONLimits(maximumDepth: 512, maximumValues: .max)
  /// The body of an Integration API request (`talon serve`).
  public static let requestBody = JSONLimits(maximumDepth: 64, maximumValues: 50_000)
}
