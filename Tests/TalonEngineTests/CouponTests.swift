import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Coupons and reservations")
struct CouponTests {
  static func couponRule(_ name: String, extra: String = "true") -> String {
    #"{"title": "\#(name)", "condition": ["and", ["couponValid"], \#(extra)], "effects": [["setDiscount", "\#(name)", 1]]}"#
  }

  static let pack = #"""
    {"application": {"id": 1},
     "campaigns": [
      {"id": 1, "name": "Coupons", "features": ["coupons"],
       "ruleset": {"rules": [
         {"title": "10% over 50",
          "condition": ["and", ["couponValid"], [">=", [".", "Session", "Total"], 50]],
          "effects": [["setDiscount", "10% off", ["*", [".", "Session", "Total"], 0.1]]]}]},
       "coupons": [
         {"value": "OK10"}, {"value": "OK10B"}, {"value": "ONCE", "usageLimit": 1},
         {"value": "OLD1", "expiryDate": "2020-01-01T00:00:00Z"},
         {"value": "LATER", "startDate": "2030-01-01T00:00:00Z"},
         {"value": "ALICEONLY", "recipientIntegrationId": "alice"},
         {"value": "RESERVED", "reservation": false},
         {"value": "FAV1", "reservation": true}]},
      {"id": 2, "name": "Paused", "state": "disabled",
       "ruleset": {"rules": [\#(couponRule("paused"))]}, "coupons": [{"value": "PAUSED"}]},
      {"id": 3, "name": "Over", "endTime": "2020-02-01T00:00:00Z",
       "ruleset": {"rules": [\#(couponRule("over"))]}, "coupons": [{"value": "ENDED"}]},
      {"id": 4, "name": "No check",
       "ruleset": {"rules": [{"title": "r", "condition": true, "effects": []}]},
       "coupons": [{"value": "NOCHECK"}]},
      {"id": 5, "name": "Campaign limit",
       "limits": [{"action": "redeemCoupon", "limit": 1, "entities": []}],
       "ruleset": {"rules": [\#(couponRule("c5"))]},
       "coupons": [{"value": "C5-A"}, {"value": "C5-B"}]},
      {"id": 6, "name": "Profile limit",
       "limits": [{"action": "redeemCoupon", "limit": 1, "entities": ["Profile"]}],
       "ruleset": {"rules": [\#(couponRule("c6"))]}, "coupons": [{"value": "P6-X"}]},
      {"id": 7, "name": "Per-coupon limit",
       "limits": [{"action": "redeemCoupon", "limit": 1, "entities": ["Coupon"]}],
       "ruleset": {"rules": [\#(couponRule("c7"))]},
       "coupons": [{"value": "K7-A"}, {"value": "K7-B"}]},
      {"id": 8, "name": "Identifier limit",
       "limits": [{"action": "redeemCoupon", "limit": 1, "entities": ["Identifier"]}],
       "ruleset": {"rules": [\#(couponRule("c8"))]}, "coupons": [{"value": "I8-X"}]},
      {"id": 9, "name": "Ten uses",
       "ruleset": {"rules": [\#(couponRule("c9"))]},
       "coupons": [{"value": "TEN1", "usageLimit": 10}]}
     ]}
    """#

  static let cart = [item("A", "100")]

  func reason(
    _ test: TestEngine, _ code: String, profile: String = "bob", session: String? = nil,
    cart: [CartItem] = cart, identifiers: [String]? = nil
  ) async throws -> String? {
    let state = try await test.v2(
      session ?? "s-\(UUID().uuidString)",
      NewCustomerSessionV2(
        profileId: profile, couponCodes: [code], cartItems: cart, identifiers: identifiers))
    return state.effects.of("rejectCoupon").first?.props["rejectionReason"]?.stringValue
  }

  func close(_ test: TestEngine, _ code: String, profile: String, identifiers: [String]? = nil)
    async throws -> IntegrationStateV2
  {
    try await test.v2(
      "close-\(UUID().uuidString)",
      NewCustomerSessionV2(
        profileId: profile, couponCodes: [code], state: .closed, cartItems: Self.cart,
        identifiers: identifiers))
  }

  @Test func validCouponIsAcceptedBeforeItsDiscount() async throws {
    let test = try TestEngine(json: Self.pack)
    let state = try await test.v2(
      "s", NewCustomerSessionV2(profileId: "bob", couponCodes: ["OK10"], cartItems: Self.cart))
    #expect(state.effects.map(\.effectType) == ["acceptCoupon", "setDiscount"])
    #expect(state.effects[0].props == ["value": "OK10"])
    #expect(state.effects[1].props == ["name": "10% off", "value": 10])
  }

  @Test func eachCampaignSeesOnlyItsFirstCode() async throws {
    let test = try TestEngine(json: Self.pack)
    let state = try await test.v2(
      "s",
      NewCustomerSessionV2(
        profileId: "bob", couponCodes: ["OK10", "OK10B", "C5-A"], cartItems: Self.cart))
    #expect(state.effects.of("acceptCoupon").map { $0.props["value"] } == ["OK10", "C5-A"])
    let rejected = try #require(state.effects.of("rejectCoupon").first)
    #expect(rejected.props == ["value": "OK10B", "rejectionReason": "EffectCouldNotBeApplied"])
  }

  @Test func rejectionReasons() async throws {
    let test = try TestEngine(json: Self.pack)
    #expect(try await reason(test, "NOPE") == "CouponNotFound")
    #expect(try await reason(test, "ok10") == "CouponNotFound")
    #expect(try await reason(test, "PAUSED") == "CouponPartOfNotRunningCampaign")
    #expect(try await reason(test, "ENDED") == "CouponPartOfNotRunningCampaign")
    #expect(try await reason(test, "NOCHECK") == "CouponValidConditionMissing")
    #expect(try await reason(test, "OLD1") == "CouponExpired")
    #expect(try await reason(test, "LATER") == "CouponStartDateInFuture")
    #expect(try await reason(test, "ALICEONLY") == "CouponRecipientDoesNotMatch")
    #expect(try await reason(test, "ALICEONLY", profile: "alice") == nil)
    // The v2 route gives today's reason (docs/behaviour.md, "Reservations in both generations").
    #expect(try await reason(test, "RESERVED") == "CouponReservationRequired")
    #expect(try await reason(test, "OK10", cart: [item("A", "10")]) == "CouponRejectedByCondition")
    _ = try await close(test, "ONCE", profile: "bob")
    #expect(try await reason(test, "ONCE", profile: "carol") == "CouponLimitReached")
  }

  @Test func rejectedCodeIsExplainedInMeta() async throws {
    let test = try TestEngine(json: Self.pack)
    let state = try await test.v1(
      "s", NewCustomerSession(profileId: "bob", coupon: "OLD1", cartItems: Self.cart))
    let coupon = try #require(try await test.coupon("OLD1"))
    #expect(
      state.event.meta?.couponRejectionReason
        == CouponRejectionReason(campaignId: 1, couponId: coupon.id, reason: .couponExpired))
    #expect(state.event.effects == [[1, 1, 0, ["rejectCoupon", "OLD1", "CouponExpired"]]])
  }

  @Test func limitsPerEntity() async throws {
    let test = try TestEngine(json: Self.pack)
    // Campaign-wide: one redemption across all coupons of campaign 5.
    #expect(try await close(test, "C5-A", profile: "a").effects.of("acceptCoupon").count == 1)
    #expect(try await reason(test, "C5-B", profile: "b") == "CampaignLimitReached")
    // Per profile: once per customer.
    #expect(try await close(test, "P6-X", profile: "a").effects.of("acceptCoupon").count == 1)
    #expect(try await reason(test, "P6-X", profile: "a") == "ProfileLimitReached")
    #expect(try await reason(test, "P6-X", profile: "b") == nil)
    // Per coupon: each code once.
    #expect(try await close(test, "K7-A", profile: "a").effects.of("acceptCoupon").count == 1)
    #expect(try await reason(test, "K7-A", profile: "b") == "CouponLimitReached")
    #expect(try await reason(test, "K7-B", profile: "b") == nil)
    // Per identifier: once per device.
    let first = try await close(test, "I8-X", profile: "a", identifiers: ["device-1"])
    #expect(first.effects.of("acceptCoupon").count == 1)
    #expect(
      try await reason(test, "I8-X", profile: "b", identifiers: ["device-1"])
        == "CampaignLimitReached")
    #expect(try await reason(test, "I8-X", profile: "b", identifiers: ["device-2"]) == nil)
  }

  @Test func nothingIsRedeemedWhileOpen() async throws {
    let test = try TestEngine(json: Self.pack)
    for index in 0..<3 {
      try await test.v2(
        "open-\(index)",
        NewCustomerSessionV2(profileId: "p\(index)", couponCodes: ["ONCE"], cartItems: Self.cart))
    }
    #expect(try await test.coupon("ONCE")?.usageCounter == 0)
    let closed = try await test.v2("open-1", NewCustomerSessionV2(state: .closed))
    #expect(closed.effects.of("acceptCoupon").count == 1)
    #expect(try await test.coupon("ONCE")?.usageCounter == 1)
    let late = try await test.v2("open-2", NewCustomerSessionV2(state: .closed))
    #expect(late.effects.of("rejectCoupon").first?.props["rejectionReason"] == "CouponLimitReached")
  }

  @Test func reservationsOfBothKinds() async throws {
    let test = try TestEngine(json: Self.pack)
    // reservation: false — holding a reservation is required.
    #expect(try await reason(test, "RESERVED", profile: "dora") == "CouponReservationRequired")
    let reserved = try await test.reserve("RESERVED", ["dora", "erin"])
    #expect(reserved.value == "RESERVED" && reserved.reservation == false)
    try await test.reserve("RESERVED", ["dora"])  // idempotent
    #expect(try await reason(test, "RESERVED", profile: "dora") == nil)
    #expect(
      try await test.reservedCustomers("RESERVED").data.map(\.integrationId) == ["dora", "erin"])
    try await test.unreserve("RESERVED", ["dora"])
    try await test.unreserve("RESERVED", ["dora"])  // idempotent
    #expect(try await test.reservedCustomers("RESERVED").totalResultSize == 1)
    #expect(try await reason(test, "RESERVED", profile: "dora") == "CouponReservationRequired")
    // reservation: true — a favourite; anyone may still use the coupon.
    try await test.reserve("FAV1", ["erin"])
    #expect(try await reason(test, "FAV1", profile: "zed") == nil)
    let favourites = try await test.reservedCoupons("erin")
    #expect(favourites.data.map(\.value) == ["RESERVED", "FAV1"])
    #expect(favourites.totalResultSize == 2)
    // Unknown profiles were created by reserving.
    #expect(try await test.storedProfile("erin") != nil)
  }

  @Test func reservedCouponsListOnlyUsableOnes() async throws {
    let test = try TestEngine(json: Self.pack)
    try await test.reserve("OLD1", ["fay"])
    try await test.reserve("ONCE", ["fay"])
    try await test.reserve("OK10", ["fay"])
    try await test.reserve("PAUSED", ["fay"])
    #expect(try await test.reservedCoupons("fay").data.map(\.value) == ["ONCE", "OK10"])
    _ = try await close(test, "ONCE", profile: "fay")
    #expect(try await test.reservedCoupons("fay").data.map(\.value) == ["OK10"])
    #expect(try await test.reservedCoupons("nobody").totalResultSize == 0)
  }

  @Test func reservationErrors() async throws {
    let test = try TestEngine(json: Self.pack)
    let missing = await expectError(404) { try await test.reserve("NOPE", ["a"]) }
    #expect(missing?.response.errors?.first?.source.parameter == "couponValue")
    await expectError(404) { try await test.unreserve("NOPE", ["a"]) }
    await expectError(404) { _ = try await test.reservedCustomers("NOPE") }
    let other = await expectError(400) { try await test.reserve("ALICEONLY", ["alice", "bob"]) }
    #expect(other?.response.errors?.first?.source.pointer == "/integrationIDs/1")
    #expect(try await test.reservedCustomers("ALICEONLY").totalResultSize == 0)
    try await test.reserve("ALICEONLY", ["alice"])
    await expectError(400) { try await test.reserve("OK10", [""]) }
  }

  @Test func fiftyConcurrentClosesRedeemExactlyTen() async throws {
    let test = try TestEngine(json: Self.pack)
    let engine = test.engine
    let accepted = try await withThrowingTaskGroup(of: Int.self) { group in
      for index in 0..<50 {
        group.addTask {
          let state = try await engine.updateCustomerSessionV2(
            customerSessionId: "c\(index)",
            body: IntegrationRequest(
              customerSession: NewCustomerSessionV2(
                profileId: "p\(index)", couponCodes: ["TEN1"], state: .closed,
                cartItems: Self.cart)))
          return state.effects.of("acceptCoupon").count
        }
      }
      return try await group.reduce(0, +)
    }
    #expect(accepted == 10)
    #expect(try await test.coupon("TEN1")?.usageCounter == 10)
  }
}
