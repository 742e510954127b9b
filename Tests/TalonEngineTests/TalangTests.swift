import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Talang evaluator")
struct TalangTests {
  static let roots: [String: TalangValue] = [
    "Session": .object([
      "Total": .number(60),
      "CartItems": .list([
        .object(["Price": .number(10), "Quantity": .number(2), "Category": .string("shoes")]),
        .object(["Price": .number(5), "Quantity": .number(1), "Category": .string("hats")]),
      ]),
      "Attributes": .object(["tier": .string("gold")]),
    ]),
    "Now": .time(Date(timeIntervalSince1970: 1_591_012_800)),
  ]

  func evaluate(_ text: String) throws -> TalangValue {
    let json = try JSONValue(parsing: text)
    let expression = try ExpressionCompiler(loyaltyPrograms: [1]).compile(json, at: "")
    var evaluator = Evaluator(roots: Self.roots)
    return try evaluator.evaluate(expression)
  }

  @Test(arguments: [
    (#"["*", 60, 0.1]"#, TalangValue.number(6)),
    (#"["=", ["*", [".", "Session", "Total"], 0.1], 6]"#, .bool(true)),
    (#"["+", 0.1, 0.2]"#, .number(Decimal(exactly: "0.3"))),
    (#"["-", 10, 2.5]"#, .number(Decimal(exactly: "7.5"))),
    (#"["-", 4]"#, .number(-4)),
    (#"["/", 10, 4]"#, .number(Decimal(exactly: "2.5"))),
    (#"["mod", 10, 3]"#, .number(1)),
    (#"["floor", 2.7]"#, .number(2)),
    (#"["floor", -2.5]"#, .number(-3)),
    (#"["ceil", 2.1]"#, .number(3)),
    (#"["+", "a", "b", 1]"#, .string("ab1")),
    (#"["and", true, ["not", false]]"#, .bool(true)),
    (#"["or", false, false]"#, .bool(false)),
    (#"["!=", 1, 2]"#, .bool(true)),
    (#"["<=", 2, 2]"#, .bool(true)),
    (#"[">", "b", "a"]"#, .bool(true)),
    (#"["contains", "sale", "summer sale"]"#, .bool(true)),
    (#"["contains", ["list", 1, 2], 2]"#, .bool(true)),
    (#"["startsWith", "SUM", "SUMMER10"]"#, .bool(true)),
    (#"["endsWith", "10", "SUMMER10"]"#, .bool(true)),
    (#"["~", "[A-Z]+[0-9]+", "SUMMER10"]"#, .bool(true)),
    (#"["toString", 12.5]"#, .string("12.5")),
    (#"["count", [".", "Session", "CartItems"]]"#, .number(2)),
    (
      #"["sum", [".", "Session", "CartItems"], [["Item"], ["*", [".", "Item", "Price"], [".", "Item", "Quantity"]]]]"#,
      .number(25)
    ),
    (
      #"["sum", [".", "Session", "CartItems"], "Item", [".", "Item", "Price"]]"#,
      .number(15)
    ),
    (#"["sum", ["list", 1, 2, 3]]"#, .number(6)),
    (
      #"["exists", [".", "Session", "CartItems"], [["Item"], ["=", [".", "Item", "Category"], "hats"]]]"#,
      .bool(true)
    ),
    (
      #"["every", [".", "Session", "CartItems"], [["I"], [">", [".", "I", "Price"], 6]]]"#,
      .bool(false)
    ),
    (
      #"["map", ["filter", [".", "Session", "CartItems"], [["I"], [">", [".", "I", "Price"], 6]]], [["I"], [".", "I", "Category"]]]"#,
      .list([.string("shoes")])
    ),
    (#"["isEmpty", ["list"]]"#, .bool(true)),
    (#"["head", ["list", 3, 4]]"#, .number(3)),
    (#"["tail", ["list", 3, 4]]"#, .list([.number(4)])),
    (#"["item", ["list", 3, 4], 1]"#, .number(4)),
    (#"["min", ["list", 3, 1, 2]]"#, .number(1)),
    (#"["max", 3, 9, 2]"#, .number(9)),
    (#"["sort", ["list", 3, 1, 2]]"#, .list([.number(1), .number(2), .number(3)])),
    (#"[".|", "none", [".", "Session", "Attributes", "missing"]]"#, .string("none")),
    (#"[".|", "none", [".", "Session", "Attributes", "tier"]]"#, .string("gold")),
    (#"["catch", 0, [".", "Profile", "Attributes", "x"]]"#, .number(0)),
    (#"["catch", 0, ["/", 1, 0]]"#, .number(0)),
    (
      #"["after", ["addDuration", [".", "Now"], 30, "days"], [".", "Now"]]"#, .bool(true)
    ),
    (
      #"["before", ["subDuration", [".", "Now"], 1, "hours"], "2020-06-01T12:00:00Z"]"#,
      .bool(true)
    ),
    (#"["=", ["addDuration", [".", "Now"], 1, "weeks"], "2020-06-08T12:00:00Z"]"#, .bool(true)),
  ])
  func evaluates(_ text: String, _ expected: TalangValue) throws {
    #expect(try evaluate(text) == expected)
  }

  @Test(arguments: [
    #"[".", "Session", "Attributes", "missing"]"#,
    #"["/", 1, 0]"#,
    #"["*", 2, [".", "Session", "Attributes", "tier"]]"#,
    #"["head", ["list"]]"#,
    #"["and", [".", "Session", "Attributes", "tier"]]"#,
    #"["addDuration", [".", "Now"], 1, "fortnights"]"#,
    #"[".", "Nobody"]"#,
  ])
  func runtimeFailuresThrowRuleFailure(_ text: String) {
    #expect(throws: RuleFailure.self) { try evaluate(text) }
  }

  /// Type errors visible without data are refused when the expression is compiled.
  @Test(arguments: [#"["+", 1, true]"#, #"["and", 1]"#])
  func typeErrorsAreRefusedWhenCompiled(_ text: String) {
    #expect(throws: CampaignFileError.self) { try evaluate(text) }
  }

  @Test func moneyRoundsHalfAwayFromZero() {
    #expect(Currency.round(Decimal(exactly: "2.345"), currency: "EUR") == Decimal(exactly: "2.35"))
    #expect(
      Currency.round(Decimal(exactly: "-2.345"), currency: "EUR") == Decimal(exactly: "-2.35"))
    #expect(Currency.round(Decimal(exactly: "12.5"), currency: "JPY") == 13)
    #expect(
      Currency.round(Decimal(exactly: "1.2345"), currency: "KWD") == Decimal(exactly: "1.235"))
  }

  /// Amounts already within the currency's decimals skip `NSDecimalRound`: the same value and
  /// the same digits as rounding them.
  @Test(arguments: [
    "0", "2.3", "19.99", "-7.5", "100", "0.50", "1e3", "12345678901234567.89", "-0.01", "3.10",
  ])
  func moneyWithinTheMinorUnitsIsUnchanged(_ text: String) {
    let amount = Decimal(exactly: text)
    for units in [2, 3] {
      let rounded = Functions.round(amount, .plain, scale: units)
      let fast = Currency.round(amount, minorUnits: units)
      #expect(fast == rounded && fast.description == rounded.description)
    }
  }

  @Test func codesFollowThePattern() {
    var random = SeededRandom(seed: 1)
    let settings = CodeGeneratorSettings(validCharacters: ["A-C", "7"], couponPattern: "X-####")
    let code = CodeGenerator.code(settings, using: &random)
    #expect(code.count == 6 && code.hasPrefix("X-"))
    #expect(code.dropFirst(2).allSatisfy { "ABC7".contains($0) })
  }
}
