import Testing

@testable import TalonHTTP

/// The server's own pass over a body before parsing: trailing commas, depth and size.
@Suite("JSON precheck")
struct JSONPrecheckTests {
  static func check(_ text: String) -> JSONPrecheck.Finding? {
    JSONPrecheck.check(Array(text.utf8))
  }

  @Test func commasBeforeClosingBracketsAreFound() {
    #expect(Self.check("[1,]") == .trailingComma(offset: 2))
    #expect(Self.check(#"{"a":1,}"#) == .trailingComma(offset: 6))
    #expect(Self.check("[1, \n\t]") == .trailingComma(offset: 2))
    #expect(Self.check(#"{"a": [1, 2], "b": {"c": 3,}}"#) == .trailingComma(offset: 26))
  }

  @Test func commasInsideStringsAndBetweenValuesAreFine() {
    #expect(Self.check(#"{"a": ",]", "b": ",}"}"#) == nil)
    #expect(Self.check(#"{"a": "quote \",}", "b": [1, 2]}"#) == nil)
    #expect(Self.check(#"{"a": "backslash \\", "b": [1]}"#) == nil)
    #expect(Self.check("[[], {}, [1, [2, 3]]]") == nil)
    #expect(Self.check("") == nil)
  }

  @Test func depthAndValueCountAreBounded() {
    let limit = JSONPrecheck.maxDepth
    let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    #expect(Self.check(deepest) == nil)
    #expect(Self.check("[" + deepest + "]") == .tooDeep(offset: limit))
    // Brackets inside strings do not count.
    #expect(Self.check(#"{"a": "\#(String(repeating: "[", count: 100))"}"#) == nil)
    let many =
      "[" + Array(repeating: "0", count: JSONPrecheck.maxValues).joined(separator: ",") + "]"
    #expect(Self.check(many) == nil)
    let tooMany =
      "[" + Array(repeating: "0", count: JSONPrecheck.maxValues + 2).joined(separator: ",") + "]"
    #expect(Self.check(tooMany) != nil)
    if case .tooManyValues = Self.check(tooMany) {} else { Issue.record("not counted") }
  }
}
