import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// Today's request fields on the v2 session update: `evaluableCampaignIds`, the new
/// `responseContent` values, sku-only cart items, reservations in both generations and
/// `event.meta` without reasons today's enum lacks (docs/behaviour.md, "Evaluable campaigns",
/// "Response content", "Cart items", "Reservations in both generations", "Rejection reasons
/// today's enum lacks").
@Suite("Today's session request fields")
struct TodaysSessionRequestTests {
  static let pack = #"""
    {"application": {"id": 1},
     "campaigns": [
      {"id": 1, "name": "Five off", "ruleset": {"rules": [
        {"title": "five", "condition": true, "effects": [["setDiscount", "five", 5]]}]}},
      {"id": 2, "name": "Coupons", "features": ["coupons"], "ruleset": {"rules": [
        {"title": "coupon", "condition": ["couponValid"], "effects": [["setDiscount", "c", 1]]}]},
       "coupons": [
         {"value": "OLDSTYLE", "reservation": false},
         {"value": "MEMBERS", "isReservationMandatory": true},
         {"value": "PERSONAL", "reservation": false, "isReservationMandatory": false},
         {"value": "ONCE", "usageLimit": 1}]},
      {"id": 3, "name": "Paused", "state": "disabled", "ruleset": {"rules": [
        {"title": "paused", "condition": true, "effects": [["setDiscount", "paused", 2]]}]}}
     ]}
    """#

  func discounts(_ state: IntegrationStateV2) -> [String] {
    state.effects.of("setDiscount").compactMap { $0.props["name"]?.stringValue }
  }

  /// A dry v2 update with every response content.
  func dry(_ test: TestEngine, _ id: String, _ session: NewCustomerSessionV2) async throws
    -> IntegrationStateV2
  {
    try TestEngine.checked(
      try await test.engine.updateCustomerSessionV2(
        customerSessionId: id,
        body: IntegrationRequest(customerSession: session, responseContent: ResponseContent.known),
        dry: true),
      "IntegrationStateV2")
  }

  @Test func evaluableCampaignIdsEvaluatesOnlyThoseCampaignsInADryRun() async throws {
    let test = try TestEngine(json: Self.pack)
    let all = try await dry(test, "a", NewCustomerSessionV2(cartItems: [item("A", "50")]))
    #expect(discounts(all) == ["five"])
    let only = try await dry(
      test, "b",
      NewCustomerSessionV2(
        couponCodes: ["ONCE"], cartItems: [item("A", "50")], evaluableCampaignIds: [2, 99]))
    #expect(discounts(only) == ["c"])
    // Rule failure reasons only name evaluated campaigns.
    let none = try await dry(
      test, "c", NewCustomerSessionV2(cartItems: [item("A", "50")], evaluableCampaignIds: [2]))
    #expect(none.effects.isEmpty)
    #expect(none.ruleFailureReasons?.map(\.campaignID) == [2])
    // A code of a campaign left out is rejected as not running.
    let outside = try await dry(
      test, "d",
      NewCustomerSessionV2(
        couponCodes: ["ONCE"], cartItems: [item("A", "50")], evaluableCampaignIds: [1]))
    #expect(discounts(outside) == ["five"])
    #expect(
      outside.effects.of("rejectCoupon").first?.props["rejectionReason"]
        == "CouponPartOfNotRunningCampaign")
    // Without dry the list does not count.
    let real = try await test.v2(
      "e", NewCustomerSessionV2(cartItems: [item("A", "50")], evaluableCampaignIds: [2]))
    #expect(discounts(real) == ["five"])
  }

  @Test func aDryRunEvaluatesAListedDisabledCampaign() async throws {
    let test = try TestEngine(json: Self.pack)
    let session = NewCustomerSessionV2(cartItems: [item("A", "50")], evaluableCampaignIds: [3])
    let body = IntegrationRequest(customerSession: session, responseContent: [])
    let dry = try await test.engine.updateCustomerSessionV2(
      customerSessionId: "s", body: body, dry: true)
    #expect(discounts(dry) == ["paused"])
    let real = try await test.engine.updateCustomerSessionV2(customerSessionId: "s", body: body)
    #expect(discounts(real) == ["five"])
  }

  @Test func newResponseContentValues() async throws {
    let test = try TestEngine(json: Self.pack)
    let asked = try await test.v2(
      "s", NewCustomerSessionV2(cartItems: [item("A", "50")]),
      content: [.awardedGiveaways, .previousReturns, .campaignEligibility, .ruleFailureReasons])
    #expect(asked.awardedGiveaways == [])
    #expect(asked.previousReturns == [])
    #expect(asked.ruleFailureReasons != nil)
    let json = try JSONValue(encoding: asked)
    #expect(json["campaignEligibility"] == nil)
    let plain = try await test.v2("s", NewCustomerSessionV2(), content: [])
    #expect(plain.awardedGiveaways == nil && plain.previousReturns == nil)
    #expect(plain.ruleFailureReasons == nil)
  }

  @Test func anUnknownResponseContentValueIsA400WithItsPointer() async throws {
    let test = try TestEngine(json: Self.pack)
    let error = await expectError(400) {
      _ = try await test.engine.updateCustomerSessionV2(
        customerSessionId: "s",
        body: IntegrationRequest(
          customerSession: NewCustomerSessionV2(), responseContent: ["coupons", "everything"]))
    }
    #expect(error?.response.errors?.first?.source.pointer == "/responseContent/1")
  }

  @Test func skuOnlyCartItemsOnTheV2Route() async throws {
    let test = try TestEngine(json: Self.pack)
    let body = try JSONValue(
      parsing: #"""
        {"customerSession": {"cartItems": [{"sku": "TEE", "quantity": 2}]},
         "responseContent": ["customerSession"]}
        """#)
    let request = try WireCoding.decode(IntegrationRequest.self, from: body)
    let state = try await test.engine.updateCustomerSessionV2(
      customerSessionId: "s", body: request)
    let stored = try #require(state.customerSession?.cartItems.first)
    #expect(stored.name == "TEE" && stored.price == 0 && stored.quantity == 2)
    #expect(state.customerSession?.cartItemTotal == 0)
  }

  @Test func theV1BodyKeepsThe2020CartRule() throws {
    let body = try JSONValue(parsing: #"{"cartItems": [{"sku": "TEE", "quantity": 2}]}"#)
    #expect(throws: WireCodingError.self) {
      _ = try WireCoding.decode(NewCustomerSession.self, from: body)
    }
    let full = try JSONValue(
      parsing: #"{"cartItems": [{"sku": "TEE", "name": "Tee", "quantity": 2, "price": 5}]}"#)
    #expect(try WireCoding.decode(NewCustomerSession.self, from: full).cartItems?.first?.price == 5)
  }

  @Test func a2020ReservationCouponAnswersByRoute() async throws {
    let test = try TestEngine(json: Self.pack)
    let coupon = try #require(try await test.coupon("OLDSTYLE"))
    #expect(coupon.isReservationMandatory == true && coupon.reservation == false)
    let v1 = try await test.v1(
      "v1", NewCustomerSession(profileId: "bob", coupon: "OLDSTYLE", cartItems: [item("A", "9")]))
    #expect(
      v1.event.effects.last?[3] == ["rejectCoupon", "OLDSTYLE", "CouponRecipientDoesNotMatch"])
    let v2 = try await test.v2(
      "v2", NewCustomerSessionV2(profileId: "bob", couponCodes: ["OLDSTYLE"]))
    #expect(
      v2.effects.of("rejectCoupon").first?.props["rejectionReason"] == "CouponReservationRequired")
    #expect(v2.event?.meta?.couponRejectionReason?.reason == .couponReservationRequired)
    try await test.reserve("OLDSTYLE", ["bob"])
    let held = try await test.v2(
      "v3", NewCustomerSessionV2(profileId: "bob", couponCodes: ["OLDSTYLE"]))
    #expect(held.effects.of("acceptCoupon").count == 1)
  }

  @Test func aCouponStatingIsReservationMandatoryHasTodaysMeaningEverywhere() async throws {
    let test = try TestEngine(json: Self.pack)
    let v1 = try await test.v1(
      "v1", NewCustomerSession(profileId: "bob", coupon: "MEMBERS", cartItems: [item("A", "9")]))
    #expect(
      v1.event.effects.last?[3] == ["rejectCoupon", "MEMBERS", "CouponReservationRequired"])
    // A personal code: anyone may use it, one customer at most may reserve it.
    let personal = try await test.v2(
      "p", NewCustomerSessionV2(profileId: "bob", couponCodes: ["PERSONAL"]))
    #expect(personal.effects.of("acceptCoupon").count == 1)
    try await test.reserve("PERSONAL", ["bob"])
    let error = await expectError(400) { _ = try await test.reserve("PERSONAL", ["carol"]) }
    #expect(error?.response.errors?.first?.source.pointer == "/integrationIDs/0")
  }

  @Test func eventMetaOnTheV2RouteLeavesOutReasonsTodaysEnumLacks() async throws {
    let test = try TestEngine(json: Self.pack)
    try await test.v2(
      "c", NewCustomerSessionV2(profileId: "a", couponCodes: ["ONCE"], state: .closed))
    let v2 = try await test.v2("d", NewCustomerSessionV2(profileId: "b", couponCodes: ["ONCE"]))
    #expect(v2.effects.of("rejectCoupon").first?.props["rejectionReason"] == "CouponLimitReached")
    #expect(v2.event?.meta == nil)
    let v1 = try await test.v1(
      "e", NewCustomerSession(profileId: "b", coupon: "ONCE", cartItems: [item("A", "9")]))
    #expect(v1.event.meta?.couponRejectionReason?.reason == .couponLimitReached)
  }
}
