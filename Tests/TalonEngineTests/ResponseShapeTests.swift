import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("v1 and v2 answers")
struct ResponseShapeTests {
  @Test func v1CarriesPositionalEffectsDiscountsAndMeta() async throws {
    let test = try TestEngine()
    let state = try await test.v1(
      "s",
      NewCustomerSession(
        profileId: "alice", coupon: "SUMMER10",
        cartItems: [item("HAT-1", "40"), item("SHOE-1", "80", category: "shoes")]))
    #expect(state.session.coupon == "SUMMER10")
    #expect(state.session.total == 120)
    #expect(state.session.discounts["5% off big baskets"] == 6)
    #expect(state.session.discounts["Coupon SUMMER10"] == 12)
    #expect(state.session.discounts["20% off shoes"] == 16)
    #expect(state.event.effects.contains([2, 2, 1, ["acceptCoupon", "SUMMER10"]]))
    #expect(state.event.effects.contains([1, 1, 0, ["setDiscount", "5% off big baskets", 6]]))
    #expect(state.coupon?.value == "SUMMER10")
    #expect(state.loyalty?.programs["1"]?.ledger.currentBalance == 0)
    #expect(state.event.meta == nil)

    let rejected = try await test.v1("t", NewCustomerSession(profileId: "bob", coupon: "NOPE"))
    #expect(rejected.event.effects == [[-1, -1, -1, ["rejectCoupon", "NOPE", "CouponNotFound"]]])
    #expect(
      rejected.event.meta?.couponRejectionReason
        == CouponRejectionReason(campaignId: -1, couponId: 0, reason: .couponNotFound))
  }

  @Test func v1TotalIsTheClientsOrTheCartSum() async throws {
    let test = try TestEngine()
    let computed = try await test.v1(
      "a", NewCustomerSession(cartItems: [item("A", "12.5", quantity: 2)]))
    #expect(computed.session.total == 25)
    let sent = try await test.v1("b", NewCustomerSession(cartItems: [item("A", "10")], total: 200))
    #expect(sent.session.total == 200)
    #expect(sent.session.discounts["5% off big baskets"] == 10)
    #expect(sent.profile.integrationId == "")
  }

  @Test func v2ReturnsOnlyWhatIsAsked() async throws {
    let test = try TestEngine()
    let bare = try await test.v2(
      "s", NewCustomerSessionV2(profileId: "alice", cartItems: [item("A", "150")]), content: [])
    #expect(bare.customerSession == nil && bare.customerProfile == nil && bare.event == nil)
    #expect(bare.loyalty == nil && bare.coupons == nil && bare.triggeredCampaigns == nil)
    #expect(!bare.effects.isEmpty)
    let full = try await test.v2(
      "s",
      NewCustomerSessionV2(
        couponCodes: ["SUMMER10"], additionalCosts: ["shipping": AdditionalCost(price: 5)]))
    #expect(full.customerSession?.additionalCostTotal == 5)
    #expect(full.customerSession?.total == 155)
    #expect(full.customerProfile?.integrationId == "alice")
    #expect(full.event?.type == "talon_session_updated")
    #expect(full.loyalty?.programs["1"]?.name == "points")
    #expect(full.coupons?.map(\.value) == ["SUMMER10"])
    #expect(full.triggeredCampaigns?.map(\.id) == [1, 2, 4, 6])
    let effect = try #require(full.effects.first)
    #expect(effect.campaignId == 1 && effect.rulesetId == 1 && effect.ruleIndex == 0)
    #expect(effect.ruleName == "5% off carts of 100 or more")
  }

  @Test func effectsComeInCampaignAndRuleOrder() async throws {
    let test = try TestEngine()
    let state = try await test.v2(
      "s",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"],
        cartItems: [item("SHOE-1", "200", category: "shoes")]))
    let order = state.effects.map { [$0.campaignId, $0.ruleIndex] }
    #expect(order == order.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
    let accept = state.effects.firstIndex { $0.effectType == "acceptCoupon" }
    let discount = state.effects.firstIndex {
      $0.typedProps == .setDiscount(name: "Coupon SUMMER10", value: 20)
    }
    #expect(accept != nil && discount != nil && accept! < discount!)
  }
}
