import Foundation

/// Writes a `JSONValue` as UTF-8 JSON text: keys sorted, numbers with their exact decimal
/// digits, `/` and non-ASCII characters as they are, quotes, backslashes and control
/// characters escaped (as `JSONStringLiteral` does).
///
/// Compact output is what talon sends on the wire; the indented form matches the layout of
/// `JSONEncoder`'s `.prettyPrinted` (two spaces, `"key" : value`), which earlier outputs used,
/// except that empty objects and arrays stay `{}` and `[]` on one line.
public struct JSONTextWriter {
  public var pretty: Bool

  public init(pretty: Bool = false) {
    self.pretty = pretty
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
    case .null: bytes.append(contentsOf: Self.null)
    case .bool(let flag): bytes.append(contentsOf: flag ? Self.true : Self.false)
    case .number(let number): Self.appendNumber(number, into: &bytes)
    case .string(let text): JSONStringLiteral.append(text, to: &bytes)
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
        JSONStringLiteral.append(member.key, to: &bytes)
        if pretty { bytes.append(UInt8(ascii: " ")) }
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        write(member.value, level: level + 1, into: &bytes)
      }
      newline(level, into: &bytes)
      bytes.append(UInt8(ascii: "}"))
    }
  }

  private func newline(_ level: Int, into bytes: inout [UInt8]) {
    guard pretty else { return }
    bytes.append(UInt8(ascii: "\n"))
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
  }

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
