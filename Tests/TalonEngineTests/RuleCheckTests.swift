import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// The checks a campaign file's rules pass when it loads: paths against the attribute catalogue
/// (unknown fields with a did-you-mean, custom attributes against the `attributes` section) and
/// static types against the functions' and effects' signatures.
@Suite("Rule checks at load")
struct RuleCheckTests {
  static let condition = "/campaigns/0/ruleset/rules/0/condition"
  static let effect = "/campaigns/0/ruleset/rules/0/effects/0"

  /// A file with one rule; `attributes` is the top-level section's JSON, if any.
  static func file(
    _ condition: String, effects: String = #"[["setDiscount", "d", 1]]"#,
    bindings: String = "[]", attributes: String? = nil
  ) -> String {
    let rule =
      #"[{"title": "r", "bindings": \#(bindings), "condition": \#(condition), "effects": \#(effects)}]"#
    let document = CampaignFileTests.document(rules: rule)
    guard let attributes else { return document }
    return #"{"attributes": \#(attributes),"# + document.drop { $0 != "{" }.dropFirst()
  }

  static func load(_ text: String) throws -> CampaignPack {
    try CampaignPack.parse(Data(text.utf8), source: "test.json")
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var pointer: String
    var message: String
    var testDescription: String { name }
  }

  static let declared = #"""
    [{"name": "usePoints", "entity": "Session", "type": "boolean"},
     {"name": "age", "entity": "Profile", "type": "number"},
     {"name": "colour", "entity": "Item", "type": "string"}]
    """#

  static let cases: [Case] = [
    Case(
      name: "misspelt session field",
      text: file(#"[">", [".", "Session", "CartItemTotl"], 10]"#),
      pointer: condition + "/1/2",
      message: "unknown field Session.CartItemTotl (did you mean Session.CartItemTotal?)"),
    Case(
      name: "misspelt item field in a lambda",
      text: file(
        #"["exists", [".", "Session", "CartItems"], [["Item"], ["=", [".", "Item", "Skus"], "A"]]]"#
      ),
      pointer: condition + "/2/1/1/2",
      message: "unknown field Item.Skus (did you mean Item.Sku?)"),
    Case(
      name: "field of an indexed cart item",
      text: file(#"[">", [".", "Session", "CartItems", "0", "Prize"], 1]"#),
      pointer: condition + "/1/4",
      message: "unknown field Session.CartItems.0.Prize (did you mean Session.CartItems.0.Price?)"),
    Case(
      name: "unknown field without a near name",
      text: file(#"["=", [".", "Referral", "Xyzzy"], "A"]"#), pointer: condition + "/1/2",
      message:
        "unknown field Referral.Xyzzy (Referral has Code, AdvocateProfileIntegrationId, FriendProfileIntegrationId)"
    ),
    Case(
      name: "misspelt field in a binding",
      text: file(
        "true", bindings: #"[{"name": "total", "expression": [".", "Session", "Totl"]}]"#),
      pointer: "/campaigns/0/ruleset/rules/0/bindings/0/expression/2",
      message: "unknown field Session.Totl (did you mean Session.Total?)"),
    Case(
      name: "misspelt field in an effect",
      text: file("true", effects: #"[["setDiscount", "d", [".", "Session", "Totall"]]]"#),
      pointer: effect + "/2/2",
      message: "unknown field Session.Totall (did you mean Session.Total?)"),
    Case(
      name: "undeclared attribute with a section",
      text: file(
        #"[".", "Session", "Attributes", "usePonts"]"#, attributes: declared),
      pointer: condition + "/3",
      message:
        "undeclared attribute Session.Attributes.usePonts (did you mean Session.Attributes.usePoints?)"
    ),
    Case(
      name: "attribute declared for another entity",
      text: file(#"[">", [".", "Session", "Attributes", "age"], 1]"#, attributes: declared),
      pointer: condition + "/1/3",
      message:
        "undeclared attribute Session.Attributes.age (the 'attributes' section does not declare it for Session)"
    ),
    Case(
      name: "string literal where a number is needed",
      text: file(#"[">", ["*", "abc", 2], 1]"#), pointer: condition + "/1/1",
      message: #"'*' expects a number, got the string "abc""#),
    Case(
      name: "number field where a string is needed",
      text: file(#"["startsWith", "A", [".", "Session", "Total"]]"#), pointer: condition + "/2",
      message: "'startsWith' expects a string, got a number"),
    Case(
      name: "declared attribute of the wrong type",
      text: file(
        #"["startsWith", "A", [".", "Profile", "Attributes", "age"]]"#, attributes: declared),
      pointer: condition + "/2", message: "'startsWith' expects a string, got a number"),
    Case(
      name: "comparing a number with a word",
      text: file(#"[">", [".", "Session", "Total"], "lots"]"#), pointer: condition + "/2",
      message: #"'>' compares numbers here, got the string "lots""#),
    Case(
      name: "a condition that is not a boolean",
      text: file(#"[".", "Session", "Total"]"#), pointer: condition,
      message: "a condition must be a boolean, got a number"),
    Case(
      name: "and of a number",
      text: file(#"["and", true, ["+", 1, 2]]"#), pointer: condition + "/2",
      message: "'and' expects a boolean, got a number"),
    Case(
      name: "lambda body of the wrong type",
      text: file(#"["exists", [".", "Session", "CartItems"], [["Item"], [".", "Item", "Price"]]]"#),
      pointer: condition + "/2", message: "'exists' expects a boolean, got a number"),
    Case(
      name: "not a time",
      text: file(#"["before", [".", "Now"], "tomorrow"]"#), pointer: condition + "/2",
      message: #"'before' expects a time, got the string "tomorrow""#),
    Case(
      name: "effect amount of the wrong type",
      text: file("true", effects: #"[["setDiscount", "d", "ten"]]"#), pointer: effect + "/2",
      message: #"'setDiscount' expects a number, got the string "ten""#),
    Case(
      name: "effect name of the wrong type",
      text: file("true", effects: #"[["setDiscount", [".", "Session", "Total"], 1]]"#),
      pointer: effect + "/1", message: "'setDiscount' expects a string, got a number"),
    Case(
      name: "updateAttribute of an undeclared attribute",
      text: file(
        "true", effects: #"[["updateAttribute", "Profile.Attributes.agee", 3]]"#,
        attributes: declared),
      pointer: effect + "/1",
      message: "undeclared attribute Profile.Attributes.agee (did you mean Profile.Attributes.age?)"
    ),
    Case(
      name: "updateAttribute with a value of the wrong type",
      text: file(
        "true", effects: #"[["updateAttribute", "Profile.Attributes.age", "old"]]"#,
        attributes: declared),
      pointer: effect + "/2",
      message: #"the value of Profile.Attributes.age must be a number, got the string "old""#),
    Case(
      name: "updateAttribute of something else",
      text: file("true", effects: #"[["updateAttribute", "Session.Total", 3]]"#),
      pointer: effect + "/1",
      message:
        #"updateAttribute needs 'Profile.Attributes.<name>' or 'Session.Attributes.<name>', got "Session.Total""#
    ),
    Case(
      name: "reading into a number",
      text: file(#"[">", [".", "Session", "Total", "Amount"], 1]"#), pointer: condition + "/1/3",
      message: "Session.Total is a number: it has no 'Amount'"),
    Case(
      name: "unknown attribute entity",
      text: file("true", attributes: #"[{"name": "x", "entity": "Cart", "type": "string"}]"#),
      pointer: "/attributes/0/entity",
      message: "unknown entity 'Cart' (expected one of Session, Profile, Item, Event, Coupon)"),
    Case(
      name: "unknown attribute type",
      text: file("true", attributes: #"[{"name": "x", "entity": "Session", "type": "text"}]"#),
      pointer: "/attributes/0/type",
      message:
        "unknown attribute type 'text' (expected one of string, number, boolean, time, list, object)"
    ),
    Case(
      name: "duplicate attribute",
      text: file(
        "true",
        attributes:
          #"[{"name": "x", "entity": "Event", "type": "string"}, {"name": "x", "entity": "Event", "type": "number"}]"#
      ),
      pointer: "/attributes/1/name", message: "duplicate attribute Event.Attributes.x"),
  ]

  @Test(arguments: cases)
  func refusedWithPointerAndMessage(_ testCase: Case) throws {
    let error = try #require(CampaignFileTests.failure(testCase.text))
    #expect(error.pointer == testCase.pointer)
    #expect(error.message == testCase.message)
  }

  @Test func talangTextIsLocatedByLineAndColumn() throws {
    let error = try #require(CampaignFileTests.failure(Self.file(#""(> (. Session Totl) 1)""#)))
    #expect(error.pointer == Self.condition)
    #expect(
      error.message
        == "Talang text, line 1, column 15: unknown field Session.Totl (did you mean Session.Total?)"
    )
  }

  @Test func undeclaredAttributeWithoutASectionIsAWarningOnce() throws {
    let condition = #"""
      ["and", [".|", false, [".", "Session", "Attributes", "vip"]],
              [".|", false, [".", "Session", "Attributes", "vip"]],
              [">", [".|", 0, [".", "Profile", "Attributes", "age"]], 18]]
      """#
    let pack = try Self.load(Self.file(condition))
    #expect(
      pack.warnings.map(\.description) == [
        "test.json: \(Self.condition)/1/2/3: undeclared attribute Session.Attributes.vip (declare it in the file's 'attributes')",
        "test.json: \(Self.condition)/3/1/2/3: undeclared attribute Profile.Attributes.age (declare it in the file's 'attributes')",
      ])
  }

  /// `catch` guards what may fail: a field or type problem inside its guarded argument is a
  /// warning (Talang's own example `(catch "Edward" (. Profile Name))` evaluates to "Edward").
  @Test func problemsInsideCatchAreWarnings() throws {
    let condition = #"["=", ["catch", "Edward", [".", "Profile", "Name"]], "Edward"]"#
    let pack = try Self.load(Self.file(condition))
    #expect(
      pack.warnings.map(\.message) == [
        "unknown field Profile.Name (Profile has Id, Attributes, ClosedSessions, TotalSales, LoyaltyBalances)"
      ])
    #expect(pack.warnings.first?.pointer == Self.condition + "/1/2/2")
    // Outside the guard the same path is an error.
    let error = try #require(
      CampaignFileTests.failure(Self.file(#"["=", [".", "Profile", "Name"], "E"]"#)))
    #expect(error.pointer == Self.condition + "/1/2")
  }

  @Test func validRulesLoadWithoutWarnings() throws {
    let conditions = [
      #"["and", [">", [".", "Session", "CartItemTotal"], 10], ["=", [".", "Coupon", "Code"], "ABCD"]]"#,
      #"[">=", [".", "Profile", "LoyaltyBalances", "1"], 100]"#,
      #"["=", [".", "Referral", "AdvocateProfileIntegrationId"], [".", "Profile", "Id"]]"#,
      #"["between", ["hour", [".", "Now"]], 9, 14]"#,
      #"["<", [".", "Session", "Total"], "100"]"#,
      #"["after", [".", "Now"], "2020-01-01T00:00:00Z"]"#,
      #"["every", [".", "Session", "CartItems"], [["Item"], [">", [".", "Item", "Quantity"], 0]]]"#,
      #"[">", ["sum", [".", "Session", "CartItems"], [["Item"], ["*", [".", "Item", "Price"], [".", "Item", "Quantity"]]]], 1]"#,
      #"[".", "Session", "Attributes", "usePoints"]"#,
      #"["=", ["+", "a", [".", "Session", "Total"]], "a1"]"#,
      #"["contains", "A", [".", "Session", "Identifiers"]]"#,
      #"["=", [".", "total"], 3]"#,
      #"["exists", [".", "Session", "CartItems"], [["Item"], ["startsWith", "r", [".", "Item", "Attributes", "colour"]]]]"#,
    ]
    for condition in conditions {
      let pack = try Self.load(
        Self.file(
          condition,
          effects:
            #"[["setDiscountPerItem", "d", [".", "Session", "CartItems"], [["Item"], [".", "Item", "Price"]]], ["updateAttribute", "Profile.Attributes.age", ["+", [".", "Profile", "Attributes", "age"], 1]]]"#,
          bindings: #"[{"name": "total", "expression": [".", "Session", "Total"]}]"#,
          attributes: Self.declared))
      #expect(pack.warnings.isEmpty, "\(condition)")
    }
  }

  @Test func everyExampleFileLoadsWithoutWarnings() throws {
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appending(path: "../../examples")
    let files = try FileManager.default.contentsOfDirectory(atPath: examples.path)
      .filter { $0.hasSuffix(".json") }
    #expect(!files.isEmpty)
    for file in files {
      let pack = try CampaignPack.load(from: examples.appending(path: file).path)
      #expect(pack.warnings.isEmpty, "\(file): \(pack.warnings)")
    }
    #expect(try CampaignPack.demo.warnings.isEmpty)
  }

  @Test func didYouMeanPicksTheNearestName() {
    let names = ["Total", "CartItemTotal", "AdditionalCostTotal"]
    #expect(AttributeCatalogue.suggestion(for: "CartItemTotl", among: names) == "CartItemTotal")
    #expect(AttributeCatalogue.suggestion(for: "total", among: names) == "Total")
    #expect(AttributeCatalogue.suggestion(for: "Price", among: names) == nil)
  }

  /// The engine binds what the catalogue declares: every field of Session, Profile, Event and
  /// Application reads a value in a real session (the probe has no coupon, referral or cart).
  @Test func engineBindsTheCataloguesFields() async throws {
    var rules: [String] = []
    for root in ["Session", "Profile", "Event", "Application"] {
      for field in AttributeCatalogue.entities[root] ?? [] {
        rules.append("(. \(root) \(field.name))")
      }
    }
    let values = try await RuleProbe.evaluate(rules)
    for (rule, value) in zip(rules, values) {
      #expect(value != nil, "\(rule)")
    }
  }

  /// A rule reads the session's coupon through the `Coupon` root.
  @Test func couponRootHoldsTheSessionsCoupon() async throws {
    let pack = #"""
      {"application": {"id": 1},
       "campaigns": [{"id": 1, "name": "c", "coupons": [{"value": "SAVE10", "attributes": {"tier": "gold"}}],
         "ruleset": {"rules": [{"title": "r",
           "condition": "(and (couponValid) (= (. Coupon Code) \"SAVE10\") (= (. Coupon Attributes tier) \"gold\"))",
           "effects": [["setDiscount", "d", 2]]}]}}]}
      """#
    let test = try TestEngine(json: pack)
    let state = try await test.v2(
      "s1",
      NewCustomerSessionV2(profileId: "p", couponCodes: ["SAVE10"], cartItems: [item("A", "20")]))
    #expect(state.effects.of("setDiscount").count == 1)
  }
}
