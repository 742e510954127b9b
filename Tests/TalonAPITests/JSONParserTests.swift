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
    #expect(throws: WireCodingError.invalidJSON("expected a member name at byte 9")) {
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
}

@Suite("JSON string literals")
struct JSONStringLiteralTests {
  @Test(arguments: [
    "plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "\u{01}\u{1F}", "é/😀", "",
  ])
  func quotedTextParsesBackToItself(text: String) throws {
    #expect(try JSONValue(parsing: JSONStringLiteral.quoted(text)) == .string(text))
  }

  @Test func controlCharactersUseShortOrUnicodeEscapes() {
    #expect(JSONStringLiteral.quoted("a\n\u{01}\"/") == #""a\n\u0001\"/""#)
  }
}
