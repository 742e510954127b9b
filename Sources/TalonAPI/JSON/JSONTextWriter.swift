import Foundation

/// Writes a `JSONValue` as UTF-8 JSON text: keys sorted, numbers with their exact decimal
/// digits, `/` and non-ASCII characters as they are, quotes, backslashes and control
/// characters escaped (as `JSONStringLiteral` does). The one JSON-to-text writer of talon: the
/// wire, `echo` and interpolation, and the shell's and runner's result views all use it.
///
/// Compact output is what talon sends on the wire. `prettyPrinted` matches the layout of
/// `JSONEncoder`'s `.prettyPrinted` (two spaces, `"key" : value`), which earlier outputs used;
/// `indented` is the layout people read in the shell (two spaces, `"key": value`). In both,
/// empty objects and arrays stay `{}` and `[]` on one line. A colour hook may wrap each token
/// (key, string, number, literal) in text of its own, e.g. ANSI styles; the wire never sets it.
public struct JSONTextWriter {
  /// How the text is laid out.
  public enum Layout: Sendable {
    /// One line, no spaces.
    case compact
    /// Two-space indentation, `"key" : value` (`JSONEncoder`'s `.prettyPrinted`).
    case prettyPrinted
    /// Two-space indentation, `"key": value`.
    case indented
  }

  /// The kinds of token a colour hook can wrap.
  public enum Token: Sendable {
    case key
    case string
    case number
    /// `true`, `false` or `null`.
    case literal
  }

  /// Returns the text to write before and after a token of the kind given, or nil to write it
  /// plain.
  public typealias Highlight = @Sendable (Token) -> (before: String, after: String)?

  public var layout: Layout
  /// The colour hook; nil writes plain JSON.
  public var highlight: Highlight?

  public init(layout: Layout = .compact, highlight: Highlight? = nil) {
    self.layout = layout
    self.highlight = highlight
  }

  /// `pretty` chooses `prettyPrinted` over `compact`.
  public init(pretty: Bool) {
    self.init(layout: pretty ? .prettyPrinted : .compact)
  }

  /// The text as bytes.
  public func data(_ value: JSONValue) -> Data {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256)
    write(value, level: 0, into: &bytes)
    return Data(bytes)
  }

  /// The text as a string.
  public func text(_ value: JSONValue) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256)
    write(value, level: 0, into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends `value` at nesting `level` (0 for a whole document) to `bytes`.
  func write(_ value: JSONValue, level: Int, into bytes: inout [UInt8]) {
    switch value {
    case .null: token(.literal, into: &bytes) { $0.append(contentsOf: Self.null) }
    case .bool(let flag):
      token(.literal, into: &bytes) { $0.append(contentsOf: flag ? Self.true : Self.false) }
    case .number(let number): token(.number, into: &bytes) { Self.appendNumber(number, into: &$0) }
    case .string(let text): token(.string, into: &bytes) { JSONStringLiteral.append(text, to: &$0) }
    case .array(let elements):
      guard !elements.isEmpty else {
        bytes.append(contentsOf: "[]".utf8)
        return
      }
      bytes.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(level + 1, into: &bytes)
        write(element, level: level + 1, into: &bytes)
      }
      newline(level, into: &bytes)
      bytes.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else {
        bytes.append(contentsOf: "{}".utf8)
        return
      }
      bytes.append(UInt8(ascii: "{"))
      var first = true
      for member in members.sorted(by: { $0.key < $1.key }) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        newline(level + 1, into: &bytes)
        token(.key, into: &bytes) { JSONStringLiteral.append(member.key, to: &$0) }
        switch layout {
        case .compact: bytes.append(UInt8(ascii: ":"))
        case .prettyPrinted: bytes.append(contentsOf: Self.spacedColon)
        case .indented: bytes.append(contentsOf: Self.colonSpace)
        }
        write(member.value, level: level + 1, into: &bytes)
      }
      newline(level, into: &bytes)
      bytes.append(UInt8(ascii: "}"))
    }
  }

  /// Appends a token through `write`, wrapped by the colour hook when there is one.
  private func token(_ kind: Token, into bytes: inout [UInt8], _ write: (inout [UInt8]) -> Void) {
    guard let highlight, let wrap = highlight(kind) else {
      write(&bytes)
      return
    }
    bytes.append(contentsOf: wrap.before.utf8)
    write(&bytes)
    bytes.append(contentsOf: wrap.after.utf8)
  }

  private func newline(_ level: Int, into bytes: inout [UInt8]) {
    guard layout != .compact else { return }
    bytes.append(UInt8(ascii: "\n"))
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
  }

  static let spacedColon = Array(" : ".utf8)
  static let colonSpace = Array(": ".utf8)
  static let null = Array("null".utf8)
  static let `true` = Array("true".utf8)
  static let `false` = Array("false".utf8)

  /// Appends the number as `Decimal.description` spells it; the common case (at most 18
  /// decimals and a significand below 2^63: prices, totals, counts) from its digits by integer
  /// arithmetic, since `description` costs more than the rest of a response's numbers. The
  /// significand is read from the stored fields (`DecimalFields`); where their layout is not
  /// the expected one, through `NSDecimalNumber` below 2^53 as before.
  package static func appendNumber(_ number: Decimal, into bytes: inout [UInt8]) {
    if let fields = DecimalFields(number) {
      if (-18...0).contains(fields.exponent), let significand = fields.significand,
        significand > 0, significand <= UInt64(Int64.max)
      {
        DecimalDigits.appendPlain(
          Int64(significand), scale: -fields.exponent, negative: fields.isNegative, into: &bytes)
        return
      }
    } else if (-18...0).contains(number.exponent), !number.isNaN {
      let significand = NSDecimalNumber(decimal: number.significand).int64Value
      if significand > 0, significand < 1 << 53 {
        DecimalDigits.appendPlain(
          significand, scale: -number.exponent, negative: number.sign == .minus, into: &bytes)
        return
      }
    }
    bytes.append(contentsOf: number.description.utf8)
  }
}
