import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Demo pack smoke")
struct SmokeTests {
  @Test func demoSessionGetsDiscounts() async throws {
    let test = try TestEngine()
    let state = try await test.v2(
      "s1",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"],
        cartItems: [item("SHOE-1", "80", category: "shoes"), item("HAT-1", "40")]))
    #expect(state.effects.of("acceptCoupon").count == 1)
    #expect(state.effects.of("setDiscount").count >= 2)
  }
}
