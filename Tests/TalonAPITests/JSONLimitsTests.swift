import Testing

@testable import TalonAPI

/// The parser's own limits for request bodies (trailing commas, depth, size), with the errors
/// `talon serve` answers with.
@Suite("JSON parser limits")
struct JSONLimitsTests {
  /// The error text for `text` parsed as a request body, nil when it parses.
  static func refusal(_ text: String, _ limits: JSONLimits = .requestBody) -> String? {
    do {
      _ = try JSONValue(parsingBytes: Array(text.utf8), limits: limits)
      return nil
    } catch {
      return (error as? WireCodingError)?.description ?? "\(error)"
    }
  }

  @Test func commasBeforeClosingBracketsAreRefusedAtTheComma() {
    let message = "invalid JSON: a comma before a closing bracket at line 1, column"
    #expect(Self.refusal("[1,]") == "\(message) 3 (byte 2)")
    #expect(Self.refusal(#"{"a":1,}"#) == "\(message) 7 (byte 6)")
    #expect(Self.refusal("[1, \n\t]") == "\(message) 3 (byte 2)")
    #expect(Self.refusal(#"{"a": [1, 2], "b": {"c": 3,}}"#) == "\(message) 27 (byte 26)")
    // Also without the request-body limits: RFC 8259 has no trailing commas.
    #expect(Self.refusal("[1,]", .standard) == "\(message) 3 (byte 2)")
  }

  @Test func commasInsideStringsAndBetweenValuesAreFine() {
    #expect(Self.refusal(#"{"a": ",]", "b": ",}"}"#) == nil)
    #expect(Self.refusal(#"{"a": "quote \",}", "b": [1, 2]}"#) == nil)
    #expect(Self.refusal(#"{"a": "backslash \\", "b": [1]}"#) == nil)
    #expect(Self.refusal("[[], {}, [1, [2, 3]]]") == nil)
  }

  @Test func depthIsBoundedAtTheOpeningBracket() {
    let limit = JSONLimits.requestBody.maximumDepth
    let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    #expect(Self.refusal(deepest) == nil)
    #expect(
      Self.refusal("[" + deepest + "]")
        == "invalid JSON: nested deeper than \(limit) levels at line 1, column \(limit + 1) (byte \(limit))"
    )
    // Brackets inside strings do not count.
    #expect(Self.refusal(#"{"a": "\#(String(repeating: "[", count: 100))"}"#) == nil)
    // Other JSON may nest deeper.
    #expect(Self.refusal("[" + deepest + "]", .standard) == nil)
  }

  @Test func valueCountIsBounded() {
    let limit = JSONLimits.requestBody.maximumValues
    // One array and limit - 1 commas: exactly the limit.
    let many = "[" + Array(repeating: "0", count: limit).joined(separator: ",") + "]"
    #expect(Self.refusal(many) == nil)
    let tooMany = "[" + Array(repeating: "0", count: limit + 1).joined(separator: ",") + "]"
    // The comma after the limit-th element, at byte 1 + 2 * limit - 1.
    #expect(
      Self.refusal(tooMany)
        == "invalid JSON: more than \(limit) values at line 1, column \(2 * limit + 1) (byte \(2 * limit))"
    )
    #expect(Self.refusal(tooMany, .standard) == nil)
  }
}
