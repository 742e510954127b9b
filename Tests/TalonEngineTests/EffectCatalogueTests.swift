import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Effect catalogue")
struct EffectCatalogueTests {
  static let pack = #"""
    {"application": {"id": 1},
     "loyaltyPrograms": [{"id": 1, "name": "points", "title": "Points"}],
     "campaigns": [
      {"id": 1, "name": "Everything", "features": ["coupons", "referrals", "loyalty"],
       "couponSettings": {"validCharacters": ["A-Z"], "couponPattern": "GIFT-###"},
       "referralSettings": {"validCharacters": ["0-9"], "couponPattern": "FRIEND-###"},
       "ruleset": {"rules": [
         {"title": "all", "condition": ["=", [".", "Event", "Type"], "everything"],
          "effects": [
            ["setDiscount", "flat", 3],
            ["setDiscountPerItem", "per item", [".", "Session", "CartItems"], [["Item"], 1]],
            ["addLoyaltyPoints", 1, 7.9],
            ["addFreeItem", "FREE-1", "Free thing"],
            ["showNotification", "info", "Hello", ["+", "Hi ", [".", "Profile", "Id"]]],
            ["updateAttribute", "Profile.Attributes.vip", true],
            ["updateAttribute", "Session.Attributes.seen", 1],
            ["createCoupon"],
            ["createReferral"],
            ["triggerWebhook", 42, "order hook"],
            ["error", "something odd"]]},
         {"title": "broken", "condition": [".", "Profile", "Attributes", "missing"],
          "effects": [["setDiscount", "never", 1]]},
         {"title": "skipped", "condition": true,
          "effects": [["setDiscount", "half-applied", 1], ["error", ["/", 1, 0]]]}]}}]}
    """#

  @Test func everyRuleEffectType() async throws {
    let test = try TestEngine(json: Self.pack)
    try await test.v2(
      "s", NewCustomerSessionV2(profileId: "ivy", cartItems: [item("A", "10"), item("B", "5")]))
    let state = try await test.event(
      NewEvent(profileId: "ivy", type: "everything", attributes: [:], sessionId: "s"))
    let types = state.event.effects.compactMap { $0[3]?[0]?.stringValue }
    #expect(
      types == [
        "setDiscount", "setDiscountPerItem", "setDiscountPerItem", "addLoyaltyPoints",
        "addFreeItem", "showNotification", "updateAttribute", "updateAttribute", "couponCreated",
        "referralCreated", "triggerWebhook", "error",
      ])
    let effects = state.event.effects
    #expect(effects[0] == [1, 1, 0, ["setDiscount", "flat", 3]])
    #expect(effects[2] == [1, 1, 0, ["setDiscountPerItem", "per item", 1, 1]])
    #expect(effects[3] == [1, 1, 0, ["addLoyaltyPoints", "all", 1, "", 7, "ivy", "unlimited"]])
    #expect(effects[4] == [1, 1, 0, ["addFreeItem", "FREE-1", "Free thing"]])
    #expect(effects[5] == [1, 1, 0, ["showNotification", "info", "Hello", "Hi ivy"]])
    #expect(effects[6] == [1, 1, 0, ["updateAttribute", "Profile.Attributes.vip", true]])
    #expect(effects[10] == [1, 1, 0, ["triggerWebhook", 42, "order hook"]])
    #expect(effects[11] == [1, 1, 0, ["error", "something odd"]])
    let created = try #require(effects[8][3]?[1]?.stringValue)
    #expect(created.hasPrefix("GIFT-") && effects[8][3]?[2] == "ivy")
    #expect(effects[9][3]?[1]?.stringValue?.hasPrefix("FRIEND-") == true)
    #expect(state.profile.attributes["vip"] == true)
    #expect(state.session.attributes["seen"] == 1)
    // The created coupon belongs to the profile and is stored.
    let coupon = try #require(try await test.coupon(created))
    #expect(coupon.recipientIntegrationId == "ivy" && coupon.usageLimit == 1)
    #expect(try await test.inventory("ivy").referrals?.count == 1)
  }

  @Test func createdCodesAreCreatedOncePerSessionAndRule() async throws {
    let test = try TestEngine(json: Self.pack)
    let event = NewEvent(profileId: "ivy", type: "everything", attributes: [:], sessionId: "s")
    func created(_ state: IntegrationState) -> String? {
      state.event.effects.first { $0[3]?[0] == "couponCreated" }?[3]?[1]?.stringValue
    }
    let first = try await test.event(event)
    let second = try await test.event(event)
    #expect(created(first) != nil)
    #expect(created(first) == created(second))
    #expect(try await test.inventory("ivy").referrals?.count == 1)
    // v2 lists them in createdCoupons / createdReferrals on every evaluation.
    let v2 = try await test.v2("s", NewCustomerSessionV2(state: .closed))
    #expect(v2.createdCoupons.isEmpty)  // the session update is not the "everything" event
    // They survive a cancel.
    try await test.v2("s", NewCustomerSessionV2(state: .cancelled))
    let code = try #require(created(first))
    #expect(try await test.coupon(code) != nil)
  }

  @Test func v2CreatedCouponsListedOnEachEvaluation() async throws {
    let json = #"""
      {"application": {"id": 1},
       "campaigns": [{"id": 1, "name": "gift", "couponSettings": {"validCharacters": ["A-Z"], "couponPattern": "GIFT-####"},
         "ruleset": {"rules": [{"title": "gift", "condition": true, "effects": [["createCoupon"], ["createReferral"]]}]}}]}
      """#
    let test = try TestEngine(json: json)
    let first = try await test.v2("s", NewCustomerSessionV2(profileId: "ivy"))
    let second = try await test.v2("s", NewCustomerSessionV2(attributes: ["x": 1]))
    #expect(first.createdCoupons.count == 1)
    #expect(first.createdCoupons.map(\.value) == second.createdCoupons.map(\.value))
    #expect(first.createdReferrals.map(\.code) == second.createdReferrals.map(\.code))
    #expect(first.effects.of("couponCreated").first?.props["profileId"] == "ivy")
    // Anonymous sessions get no codes.
    let anonymous = try await test.v2("anon", NewCustomerSessionV2())
    #expect(anonymous.createdCoupons.isEmpty && anonymous.effects.isEmpty)
  }

  @Test func failingRulesAreSkippedNotTheRequest() async throws {
    let test = try TestEngine(json: Self.pack)
    let state = try await test.v2(
      "s", NewCustomerSessionV2(profileId: "ivy", cartItems: [item("A", "10")]))
    #expect(state.effects.isEmpty)
  }

  @Test func discountLimitsBudgetAndCount() async throws {
    let json = #"""
      {"application": {"id": 1},
       "campaigns": [
        {"id": 1, "name": "budget", "limits": [{"action": "setDiscount", "limit": 25, "entities": []}],
         "ruleset": {"rules": [{"title": "10 off", "condition": true, "effects": [["setDiscount", "ten", 10]]}]}},
        {"id": 2, "name": "count", "limits": [{"action": "setDiscountEffect", "limit": 1, "entities": ["Profile"]}],
         "ruleset": {"rules": [{"title": "1 off", "condition": true, "effects": [["setDiscount", "one", 1]]}]}},
        {"id": 3, "name": "creations", "couponSettings": {"validCharacters": ["A-Z"], "couponPattern": "NEW-####"},
         "limits": [{"action": "createCoupon", "limit": 1, "entities": []}],
         "ruleset": {"rules": [{"title": "gift", "condition": true, "effects": [["createCoupon"]]}]}}]}
      """#
    let test = try TestEngine(json: json)
    for index in 0..<2 {
      let state = try await test.v2(
        "s\(index)",
        NewCustomerSessionV2(profileId: "p", state: .closed, cartItems: [item("A", "50")]))
      #expect(state.effects.contains { $0.props["name"] == "ten" })
    }
    let third = try await test.v2(
      "s2", NewCustomerSessionV2(profileId: "q", cartItems: [item("A", "50")]))
    #expect(!third.effects.contains { $0.props["name"] == "ten" })  // 20 + 10 > 25
    #expect(third.effects.contains { $0.props["name"] == "one" })  // q has not had it
    let again = try await test.v2(
      "s3", NewCustomerSessionV2(profileId: "p", cartItems: [item("A", "50")]))
    #expect(!again.effects.contains { $0.props["name"] == "one" })  // p had one already
    #expect(again.effects.of("couponCreated").isEmpty)  // one coupon was created (session s0)
  }
}
