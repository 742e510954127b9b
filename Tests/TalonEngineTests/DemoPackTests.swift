import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Demo pack")
struct DemoPackTests {
  func reason(_ state: IntegrationStateV2) -> String? {
    state.effects.of("rejectCoupon").first?.props["rejectionReason"]?.stringValue
  }

  @Test func demoSessionGetsDiscounts() async throws {
    let test = try TestEngine()
    let state = try await test.v2(
      "s1",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"],
        cartItems: [item("SHOE-1", "80", category: "shoes"), item("HAT-1", "80")]))
    #expect(state.effects.of("acceptCoupon").count == 1)
    #expect(
      state.effects.compactMap(\.typedProps).filter {
        if case .setDiscount = $0 { true } else { false }
      } == [
        .setDiscount(name: "5% off big baskets", value: 8),
        .setDiscount(name: "Coupon SUMMER10", value: 16),
      ])
    #expect(state.effects.of("setDiscountPerItem").first?.props["value"] == 16)
    #expect(
      state.effects.of("addFreeItem").first?.props == [
        "sku": "TOTE-01", "name": "Demo shop tote bag",
      ])
  }

  @Test func demoCouponsShowEveryCase() async throws {
    let test = try TestEngine()
    let cart = [item("A", "30")]
    func session(_ id: String, _ profile: String, _ code: String, close: Bool = false) async throws
      -> IntegrationStateV2
    {
      try await test.v2(
        id,
        NewCustomerSessionV2(
          profileId: profile, couponCodes: [code], state: close ? .closed : nil, cartItems: cart))
    }
    #expect(reason(try await session("e", "a", "SPRING19")) == "CouponExpired")
    #expect(reason(try await session("b", "a", "BLACKFRIDAY")) == "CouponPartOfNotRunningCampaign")
    #expect(reason(try await session("v", "a", "VIP-ONLY")) == "CouponReservationRequired")
    try await test.reserve("VIP-ONLY", ["a"])
    let vip = try await session("v", "a", "VIP-ONLY")
    #expect(vip.effects.contains { $0.typedProps == .setDiscount(name: "VIP 20%", value: 6) })
    for index in 0..<3 {
      let used = try await session("f\(index)", "p\(index)", "FLASH3", close: true)
      #expect(used.effects.of("acceptCoupon").count == 1)
    }
    #expect(reason(try await session("f3", "p9", "FLASH3")) == "CouponLimitReached")
    _ = try await session("s1", "a", "SUMMER10", close: true)
    #expect(reason(try await session("s2", "a", "SUMMER10")) == "ProfileLimitReached")
  }
}
