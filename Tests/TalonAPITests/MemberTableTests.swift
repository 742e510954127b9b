import Testing

@testable import TalonAPI

@Suite("MemberTable")
struct MemberTableTests {
  @Test(arguments: [0, 1, 4, 5, 36, 300])
  func findsEveryNameAndNothingElse(count: Int) {
    let names = (0..<count).map { index in
      index.isMultiple(of: 3) ? "member\(index)" : "a much longer member name, number \(index) é"
    }
    let table = MemberTable(Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) }))
    for (index, name) in names.enumerated() {
      #expect(table[name] == index)
    }
    for index in count..<(count + 50) {
      #expect(table["member\(index)"] == nil)
    }
    #expect(table[""] == nil)
    #expect(table["e\u{301}"] == nil)
  }

  @Test func namesCompareAsSwiftStringsDo() {
    let ascii = MemberTable(["K": 1, "x": 2])
    #expect(ascii["\u{212A}"] == 1, "the Kelvin sign is canonically equivalent to K")
    #expect(ascii["K"] == 1)
    #expect(ascii["X"] == nil)
    let accented = MemberTable(["\u{e9}": 1, "\u{212A}": 2, "x": 3])
    #expect(accented["e\u{301}"] == 1)
    #expect(accented["K"] == 2)
    #expect(accented["x"] == 3)
    #expect(accented["e"] == nil)
  }
}
