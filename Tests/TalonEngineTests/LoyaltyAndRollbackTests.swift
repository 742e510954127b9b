import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Loyalty, close and rollback")
struct LoyaltyAndRollbackTests {
  @Test func pointsArePendingUntilCloseAndFloored() async throws {
    let test = try TestEngine()
    let open = try await test.v2(
      "s", NewCustomerSessionV2(profileId: "alice", cartItems: [item("A", "42.99")]))
    let earn = try #require(open.effects.of("addLoyaltyPoints").first)
    #expect(earn.props["value"] == 42)
    #expect(try await test.points("alice") == 0)
    let closed = try await test.v2("s", NewCustomerSessionV2(state: .closed))
    #expect(try await test.points("alice") == 42)
    #expect(closed.event?.ledgerEntries.map(\.amount) == [42])
    #expect(closed.customerProfile?.loyaltyMemberships?.map(\.loyaltyProgramId) == [1])
  }

  @Test func burningPointsNeedsTheBalance() async throws {
    let test = try TestEngine()
    // Earn 150 points.
    try await test.v2(
      "earn",
      NewCustomerSessionV2(profileId: "alice", state: .closed, cartItems: [item("A", "150")]))
    #expect(try await test.points("alice") == 150)
    let burn = try await test.v2(
      "burn",
      NewCustomerSessionV2(
        profileId: "alice", cartItems: [item("B", "20")], attributes: ["usePoints": true]))
    #expect(burn.effects.of("deductLoyaltyPoints").first?.props["value"] == 100)
    #expect(
      burn.effects.contains { $0.typedProps == .setDiscount(name: "100 points redeemed", value: 5) }
    )
    try await test.v2("burn", NewCustomerSessionV2(state: .closed))
    #expect(try await test.points("alice") == 70)  // 150 - 100 + 20
    // Not enough points left: the burn rule is skipped as a whole.
    let again = try await test.v2(
      "burn2",
      NewCustomerSessionV2(
        profileId: "alice", cartItems: [item("B", "10")], attributes: ["usePoints": true]))
    #expect(again.effects.of("deductLoyaltyPoints").isEmpty)
    #expect(!again.effects.contains { $0.props["name"] == "100 points redeemed" })
  }

  @Test func cancelOfClosedSessionRestoresEverythingExactly() async throws {
    let test = try TestEngine()
    try await test.v2(
      "before",
      NewCustomerSessionV2(profileId: "alice", state: .closed, cartItems: [item("A", "33.50")]))
    let profileBefore = try #require(try await test.storedProfile("alice"))
    let pointsBefore = try await test.points("alice")
    let couponBefore = try #require(try await test.coupon("SUMMER10"))

    try await test.v2(
      "s",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"],
        cartItems: [item("SHOE-1", "80", category: "shoes"), item("HAT-1", "40")]))
    let closed = try await test.v2("s", NewCustomerSessionV2(state: .closed))
    #expect(try await test.coupon("SUMMER10")?.usageCounter == couponBefore.usageCounter + 1)
    #expect(try await test.points("alice") == pointsBefore + 120)
    #expect(closed.customerProfile?.closedSessions == profileBefore.closedSessions + 1)
    #expect(closed.customerProfile?.totalSales == profileBefore.totalSales + 120)
    let campaigns = try #require(closed.triggeredCampaigns)
    #expect(campaigns.first { $0.id == 2 }?.couponRedemptionCount == 1)

    let cancelled = try await test.v2("s", NewCustomerSessionV2(state: .cancelled))
    #expect(cancelled.event?.type == "talon_session_revoked")
    #expect(cancelled.effects.of("rollbackCoupon").map(\.props) == [["value": "SUMMER10"]])
    let rollbacks = cancelled.effects.of("rollbackDiscount").compactMap(\.typedProps)
    #expect(
      Set(rollbacks) == [
        .rollbackDiscount(name: "5% off big baskets", value: 6),
        .rollbackDiscount(name: "Coupon SUMMER10", value: 12),
        .rollbackDiscount(name: "20% off shoes", value: 16),
      ])
    #expect(cancelled.effects.of("rollbackCoupon").first?.campaignId == 2)
    #expect(try await test.coupon("SUMMER10")?.usageCounter == couponBefore.usageCounter)
    #expect(try await test.points("alice") == pointsBefore)
    let profileAfter = try #require(try await test.storedProfile("alice"))
    #expect(profileAfter.closedSessions == profileBefore.closedSessions)
    #expect(profileAfter.totalSales == profileBefore.totalSales)
    // The campaign counter went back too: the per-profile limit lets alice use SUMMER10 again.
    let retry = try await test.v2(
      "again",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"], cartItems: [item("A", "10")]))
    #expect(retry.effects.of("acceptCoupon").count == 1)
    #expect(retry.triggeredCampaigns?.first { $0.id == 2 }?.couponRedemptionCount == 0)
  }

  @Test func v1CancelReturnsRollbackEffectsAsArrays() async throws {
    let test = try TestEngine()
    try await test.v1(
      "s",
      NewCustomerSession(
        profileId: "bob", coupon: "SUMMER10", state: .closed, cartItems: [item("A", "50")]))
    let cancelled = try await test.v1("s", NewCustomerSession(state: .cancelled))
    #expect(cancelled.event.effects.contains([2, 2, 1, ["rollbackCoupon", "SUMMER10"]]))
    #expect(
      cancelled.event.effects.contains([2, 2, 1, ["rollbackDiscount", "Coupon SUMMER10", 5]]))
    #expect(cancelled.session.discounts.isEmpty)
  }

  @Test func discountsNeverExceedWhatRemains() async throws {
    let json = #"""
      {"application": {"id": 1, "currency": "JPY"},
       "campaigns": [
        {"id": 1, "name": "big", "ruleset": {"rules": [
          {"title": "a", "condition": true, "effects": [["setDiscount", "huge", 1000]]},
          {"title": "b", "condition": true, "effects": [["setDiscount", "more", 5]]}]}},
        {"id": 2, "name": "items", "ruleset": {"rules": [
          {"title": "c", "condition": true,
           "effects": [["setDiscountPerItem", "item", [".", "Session", "CartItems"], [["I"], 99]]]}]}}]}
      """#
    let test = try TestEngine(json: json)
    let state = try await test.v2("s", NewCustomerSessionV2(cartItems: [item("A", "300.4")]))
    #expect(
      state.effects.map(\.typedProps) == [
        .setDiscount(name: "huge", value: Decimal(exactly: "300.4"))
      ])
    let rounding = try TestEngine(json: json.replacingOccurrences(of: "1000", with: "2.5"))
    let yen = try await rounding.v2("s", NewCustomerSessionV2(cartItems: [item("A", "4")]))
    #expect(yen.effects.compactMap(\.typedProps).first == .setDiscount(name: "huge", value: 3))
    #expect(
      yen.effects.compactMap(\.typedProps).dropFirst().first == .setDiscount(name: "more", value: 1)
    )
  }
}
