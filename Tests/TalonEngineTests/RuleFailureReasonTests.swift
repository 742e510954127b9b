import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// `ruleFailureReasons`: one per rule of an evaluated campaign that did not apply, with the
/// false condition, the code involved or the failure at run time (docs/behaviour.md, "Rule
/// failure reasons").
@Suite("Rule failure reasons")
struct RuleFailureReasonTests {
  static let pack = #"""
    {"application": {"id": 1},
     "campaigns": [
      {"id": 3, "name": "Baskets", "activeRulesetId": 30, "ruleset": {"rules": [
        {"title": "Big basket",
         "condition": ["and", [">", [".", "Session", "Total"], 0],
                       [">=", ["/", [".", "Session", "Total"], 0], 1]],
         "effects": [["setDiscount", "big", 1]]},
        {"title": "Over 150", "condition": ["and", true, [">=", [".", "Session", "Total"], 150]],
         "effects": [["setDiscount", "150", 1]]},
        {"title": "Applies", "condition": true, "effects": [["setDiscount", "always", 1]]},
        {"title": "Bad effect", "condition": true,
         "effects": [["setDiscount", "bad", ["/", 1, 0]]]},
        {"title": "Missing attribute",
         "bindings": [{"name": "tier", "expression": [".", "Profile", "Attributes", "tier"]}],
         "condition": ["=", [".", "tier"], "gold"], "effects": []}]}},
      {"id": 4, "name": "Coupons", "features": ["coupons"], "ruleset": {"rules": [
        {"title": "Coupon", "condition": ["and", ["couponValid"], true],
         "effects": [["setDiscount", "c", 1]]}]},
       "coupons": [{"value": "OLD1", "expiryDate": "2020-01-01T00:00:00Z"}]}
     ]}
    """#

  func update(_ test: TestEngine, _ session: NewCustomerSessionV2, content: [ResponseContent])
    async throws -> IntegrationStateV2
  {
    try await test.v2("s-\(UUID().uuidString)", session, content: content)
  }

  @Test func everyRuleThatDidNotApplyHasAReason() async throws {
    let test = try TestEngine(json: Self.pack)
    let state = try await update(
      test,
      NewCustomerSessionV2(profileId: "alice", couponCodes: ["OLD1"], cartItems: [item("A", "40")]),
      content: [.ruleFailureReasons])
    let reasons = try #require(state.ruleFailureReasons)
    #expect(reasons.map(\.ruleIndex) == [0, 1, 3, 4, 0])
    #expect(reasons.map(\.campaignID) == [3, 3, 3, 3, 4])

    #expect(
      reasons[0]
        == RuleFailureReason(
          campaignID: 3, campaignName: "Baskets", rulesetID: 30, ruleIndex: 0,
          ruleName: "Big basket", conditionIndex: 1,
          details: "failed at run time: division by zero"))
    #expect(reasons[0].warningLine == #"warning: campaign 3 rule 1 "Big basket": division by zero"#)

    #expect(reasons[1].conditionIndex == 1)
    // The false condition with the value the engine saw (money with the currency's cents).
    #expect(reasons[1].details == "condition 1 is false: Session.Total 40.00 >= 150")
    #expect(reasons[1].runtimeFailure == nil && reasons[1].warningLine == nil)

    #expect(reasons[2].effectIndex == 0 && reasons[2].conditionIndex == nil)
    #expect(reasons[2].runtimeFailure == "effect 0: division by zero")

    #expect(reasons[3].runtimeFailure == "binding 'tier': Profile.Attributes.tier is missing")

    #expect(reasons[4].couponID != nil && reasons[4].couponValue == "OLD1")
    #expect(reasons[4].conditionIndex == 0)
    #expect(reasons[4].details == "condition 0 is false: coupon OLD1 is not valid (CouponExpired)")

    // The rule that applied has no reason, and its effect is there.
    #expect(state.effects.of("setDiscount").map { $0.props["name"] } == ["always"])
  }

  @Test func reasonsAreOnlyComputedWhenAskedFor() async throws {
    let test = try TestEngine(json: Self.pack)
    let state = try await update(
      test, NewCustomerSessionV2(cartItems: [item("A", "40")]), content: [.customerSession])
    #expect(state.ruleFailureReasons == nil)
    #expect(try JSONValue(encoding: state)["ruleFailureReasons"] == nil)
  }

  @Test func aRuleWhoseEffectsCameToNothingHasAReason() async throws {
    let pack = #"""
      {"application": {"id": 1},
       "campaigns": [{"id": 1, "name": "Once", "limits": [
          {"action": "setDiscount", "limit": 1, "entities": []}],
        "ruleset": {"rules": [{"title": "one", "condition": true,
          "effects": [["setDiscount", "one", 1]]}]}}]}
      """#
    let test = try TestEngine(json: pack)
    try await test.v2(
      "a", NewCustomerSessionV2(state: .closed, cartItems: [item("A", "10")]), content: [])
    let state = try await update(
      test, NewCustomerSessionV2(cartItems: [item("A", "10")]), content: [.ruleFailureReasons])
    #expect(state.effects.isEmpty)
    #expect(
      state.ruleFailureReasons?.first?.details
        == "the conditions held but no effect applied: the campaign's limit is reached: "
        + "setDiscount at most 1")
  }

  /// Each operand of a comparison and each field read elsewhere shows the value the engine
  /// saw; lambdas stay bare, a field that is not set says so, long lists are counted.
  @Test func falseConditionsShowTheValuesTheEngineSaw() async throws {
    let pack = #"""
      {"application": {"id": 1, "currency": "EUR"},
       "campaigns": [{"id": 1, "name": "Values", "ruleset": {"rules": [
        {"title": "tier", "condition": ["=", [".", "Profile", "Attributes", "tier"], "gold"],
         "effects": []},
        {"title": "sum", "condition": [">", ["+", [".", "Session", "CartItemTotal"], 10], 500],
         "effects": []},
        {"title": "flag", "condition": [".|", false, [".", "Session", "Attributes", "vip"]],
         "effects": []},
        {"title": "items", "condition": ["exists", [".", "Session", "CartItems"],
           [["Item"], [">", [".", "Item", "Price"], 100]]], "effects": []}]}}]}
      """#
    let test = try TestEngine(json: pack)
    _ = try await test.profile("p1", ["tier": "silver"])
    let state = try await test.v2(
      "values",
      NewCustomerSessionV2(
        profileId: "p1",
        cartItems: [item("A", "40"), item("B", "2"), item("C", "1"), item("D", "1")]),
      content: [.ruleFailureReasons])
    let details = try #require(state.ruleFailureReasons).map(\.details)
    #expect(
      details == [
        #"condition 0 is false: Profile.Attributes.tier "silver" == "gold""#,
        "condition 0 is false: (Session.CartItemTotal + 10) 54 > 500",
        "condition 0 is false: Session.Attributes.vip (not set) ?? false",
        "condition 0 is false: exists(Session.CartItems [4 items], Item => Item.Price > 100)",
      ])
  }
}
