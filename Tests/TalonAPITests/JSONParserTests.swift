import Foundation
import Testing

@testable import TalonAPI

@Suite("The strict JSON parser")
struct JSONParserTests {
  func parse(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

  @Test func readsEscapesAndUnicode() throws {
    #expect(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == "a\"b\\c/d\n\té😀")
    #expect(try parse("\"héllo\"") == "héllo")
    #expect(
      try parse("\u{FEFF}[1]".data(using: .utf8).map { String(decoding: $0, as: UTF8.self) }!) == [
        1
      ])
  }

  @Test(arguments: [
    "0", "-0", "12", "-3.25", "1e2", "1E-2", "2.5e+3", "123456789012345678901234567890",
  ])
  func readsEveryNumberForm(text: String) throws {
    #expect(try parse(text) == .number(Decimal(string: text, locale: nil)!))
  }

  @Test(arguments: [
    "{\"a\": 1,}", "[1, 2,]", "[1 2]", "{\"a\" 1}", "{a: 1}", "01", "1.", ".5", "+1", "-", "1e",
    "tru", "nul", "\"open", "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "[", "{",
    "", "   ", "1 2", "[1]]", "NaN", "'single'",
  ])
  func refusesMalformedText(text: String) {
    #expect(throws: WireCodingError.self) { try parse(text) }
  }

  @Test func refusesInvalidUTF8() {
    let bytes = Data([0x22, 0xC3, 0x28, 0x22])
    #expect(throws: WireCodingError.self) { try JSONValue(parsing: bytes) }
  }

  @Test func errorsNameTheByte() {
    #expect(
      throws: WireCodingError.invalidJSON("expected a member name at line 1, column 10 (byte 9)")
    ) {
      try parse(#"{"a": 1, 2}"#)
    }
    #expect(
      throws: WireCodingError.invalidJSON(
        "a comma before a closing bracket at line 1, column 8 (byte 7)")
    ) {
      try parse(#"{"a": 1, }"#)
    }
  }

  @Test func nestingIsBounded() throws {
    let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect(try parse(ok)[0] != nil)
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(throws: WireCodingError.self) { try parse(deep) }
  }

  @Test func duplicateKeysKeepTheLastValue() throws {
    #expect(try parse(#"{"a": 1, "a": 2}"#) == ["a": 2])
  }

  @Test func agreesWithFoundationOnWellFormedDocuments() throws {
    let text = """
      {"profile": {"integrationId": "alice", "totalSales": 1234.56, "tags": ["a", "b"],
       "nested": {"deep": [true, false, null, -0.001, 1e-3]}}, "empty": {}, "list": []}
      """
    let foundation = try WireCoding.decoder().decode(JSONValue.self, from: Data(text.utf8))
    #expect(try parse(text) == foundation)
  }

  /// The fast path for plain literals gives bit for bit what `Decimal(string:)` gives (the
  /// same digits, exponent and description, so values hash and print the same).
  @Test func plainNumbersAreTheDecimalsOfTheirText() throws {
    var random = SeededRandom(seed: 7)
    var literals = [
      "0", "-0", "7", "-1", "10", "100", "65536", "4294967296", "19.99", "19.990",
      "-0.05", "10.00", "100.10", "999999999999999999", "-999999999999999999",
    ]
    for _ in 0..<20_000 {
      var text = random.next() % 2 == 0 ? "-" : ""
      let whole = Int(random.next() % 12) + 1
      text += String(random.next() % 9 + 1)
      for _ in 1..<whole { text += String(random.next() % 10) }
      let fraction = Int(random.next() % 7)
      if fraction > 0 {
        text += "."
        for _ in 0..<fraction { text += String(random.next() % 10) }
      }
      literals.append(text)
    }
    for text in literals {
      let expected = try #require(Decimal(string: text, locale: nil))
      let fast = try #require(JSONParser.plainDecimal(ArraySlice(Array(text.utf8))))
      let same = withUnsafeBytes(of: expected) { a in
        withUnsafeBytes(of: fast) { b in a.elementsEqual(b) }
      }
      #expect(same, "\(text)")
      #expect(try JSONValue(parsing: text) == .number(expected))
    }
    #expect(JSONParser.plainDecimal(ArraySlice(Array("0.0".utf8))) == nil)
    #expect(JSONParser.plainDecimal(ArraySlice(Array("1234567890123456789".utf8))) == nil)
    #expect(JSONParser.plainDecimal(ArraySlice(Array("1e3".utf8))) == nil)
  }
}

@Suite("JSON string literals")
struct JSONStringLiteralTests {
  @Test(arguments: [
    "plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "\u{01}\u{1F}", "é/😀", "",
    "ünïcödé ✓ 🎉", "control \u{1} \u{1f} \u{0}", "mixed \u{7f} é \"\u{8}\"",
  ])
  func quotedTextParsesBackToItself(text: String) throws {
    #expect(try JSONValue(parsing: JSONStringLiteral.quoted(text)) == .string(text))
  }

  @Test func controlCharactersUseShortOrUnicodeEscapes() {
    #expect(JSONStringLiteral.quoted("a\n\u{01}\"/") == #""a\n\u0001\"/""#)
  }
}
