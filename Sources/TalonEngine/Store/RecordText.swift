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
  /// `"name":value` when there is a value; an absent optional member is left out, as the
  /// wire encoder leaves it out.
  mutating func optional(_ name: StaticString, _ value: Decimal?) {
    guard let value else { return }
    fixedKey(name)
    decimal(value)
  }

  /// The same for a string member.
  mutating func optional(_ name: StaticString, _ value: String?) {
    guard let value else { return }
    fixedKey(name)
    string(value)
  }

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

  /// Writes the value as `description` spells it, with the wire writer's number writer (digits
  /// straight from the stored significand in the common case).
  mutating func decimal(_ value: Decimal) {
    separate()
    JSONTextWriter.appendNumber(value, into: &bytes)
    needsComma = true
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
