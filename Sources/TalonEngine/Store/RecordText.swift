import Foundation
import TalonAPI

/// Writes the store's hot records (sessions, events) as compact JSON text by hand, in exactly the
/// shape `JSONEncoder` with `.secondsSince1970` dates would produce, so `JSONDecoder` reads them
/// back. It exists for speed: Foundation's encoder dominated the cost of a session update.
/// Records with rare parts (a close commitment, a ledger, meta) go through `JSONEncoder`.
///
/// The text is built as UTF-8 bytes (appending to a byte array is much cheaper than growing a
/// `String`), and the store takes them as `data` without a copy through `String`.
struct RecordText {
  private(set) var bytes: [UInt8] = []
  private var needsComma = false

  init() {
    bytes.reserveCapacity(2048)
  }

  /// The record as text (tests; the store uses `data`).
  var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The record as the store writes it.
  var data: Data { Data(bytes) }

  // MARK: Structure

  mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }

  mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma = false
  }

  mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  mutating func key(_ name: String) {
    separate()
    JSONStringLiteral.append(name, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  /// A key the writers spell in code: plain ASCII without quotes, backslashes or control
  /// characters, so it is written as is (the same text `key(_:)` gives, without the scan).
  mutating func fixedKey(_ name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

  private mutating func append(_ text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  // MARK: Values

  mutating func string(_ value: String) {
    separate()
    JSONStringLiteral.append(value, to: &bytes)
    needsComma = true
  }

  mutating func int(_ value: Int) {
    separate()
    if value >= 0 {
      DecimalDigits.appendInteger(Int64(value), into: &bytes)
    } else {
      append(String(value))
    }
    needsComma = true
  }

  /// Writes `text(of:)` of the value; the common case (a significand below 2^53 and at most 18
  /// decimals) straight as digits, without building a String.
  mutating func decimal(_ value: Decimal) {
    separate()
    let exponent = value.exponent
    let significand =
      (-18...0).contains(exponent) ? NSDecimalNumber(decimal: value.significand).int64Value : 0
    if significand > 0, significand < 1 << 53 {
      DecimalDigits.appendPlain(
        significand, scale: -exponent, negative: value.sign == .minus, into: &bytes)
    } else {
      append(Self.text(of: value))
    }
    needsComma = true
  }

  /// The shortest plain text of a decimal, as `description` gives it but without its cost when
  /// the significand fits 53 bits (the common case: prices, discounts, counts).
  static func text(of value: Decimal) -> String {
    let exponent = value.exponent
    guard (-20...20).contains(exponent) else { return value.description }
    let significand = NSDecimalNumber(decimal: value.significand).int64Value
    guard significand >= 0, significand < 1 << 53 else { return value.description }
    if significand == 0 { return "0" }
    if exponent < 0 && exponent >= -18 {
      return fractionText(significand, scale: -exponent, negative: value.sign == .minus)
    }
    var digits = String(significand)
    if exponent > 0 {
      digits += String(repeating: "0", count: exponent)
    } else if exponent < 0 {
      let scale = -exponent
      if digits.count <= scale {
        digits = String(repeating: "0", count: scale - digits.count + 1) + digits
      }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
      while digits.last == "0" { digits.removeLast() }
      if digits.last == "." { digits.removeLast() }
    }
    return value.sign == .minus ? "-" + digits : digits
  }

  /// `significand / 10^scale` in plain text without trailing zeros (`DecimalDigits`).
  private static func fractionText(_ significand: Int64, scale: Int, negative: Bool) -> String {
    var bytes: [UInt8] = []
    DecimalDigits.appendPlain(significand, scale: scale, negative: negative, into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  mutating func bool(_ value: Bool) {
    separate()
    append(value ? "true" : "false")
    needsComma = true
  }

  mutating func date(_ value: Date) {
    separate()
    append(value.timeIntervalSince1970.description)
    needsComma = true
  }

  mutating func null() {
    separate()
    append("null")
    needsComma = true
  }

  mutating func json(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let flag): bool(flag)
    case .number(let number): decimal(number)
    case .string(let string): self.string(string)
    case .array(let elements):
      beginArray()
      for element in elements { json(element) }
      endArray()
    case .object(let members):
      beginObject()
      for (name, member) in members {
        key(name)
        json(member)
      }
      endObject()
    }
  }

  /// An object of strings, members in the dictionary's order (as `json(.object(...))` of the
  /// same dictionary mapped to strings would write them).
  mutating func stringMap(_ members: [String: String]) {
    beginObject()
    for (name, member) in members {
      key(name)
      string(member)
    }
    endObject()
  }

  mutating func strings(_ values: [String]) {
    beginArray()
    for value in values { string(value) }
    endArray()
  }
}
