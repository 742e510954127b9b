import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// `EmbeddedEngine.reload`: later calls run the new pack, the store stays, new coupons enter it.
@Suite("Reloading the campaign pack")
struct ReloadTests {
  static func pack(discount: Int, coupon: String) throws -> CampaignPack {
    let text = #"""
      {"application": {"id": 1},
       "campaigns": [{"id": 1, "name": "c", "coupons": [{"value": "\#(coupon)"}],
         "ruleset": {"rules": [{"title": "r", "condition": true,
           "effects": [["setDiscount", "d", \#(discount)]]},
           {"title": "code", "condition": ["couponValid"], "effects": []}]}}]}
      """#
    return try CampaignPack.parse(Data(text.utf8), source: "reload.json")
  }

  @Test func laterCallsRunTheNewPack() async throws {
    let test = try TestEngine(pack: try Self.pack(discount: 1, coupon: "OLD1"))
    let before = try await test.v2(
      "s1", NewCustomerSessionV2(profileId: "p", cartItems: [item("A", "20")]))
    #expect(before.effects.of("setDiscount").first?.props["value"] == 1)

    try await test.engine.reload(try Self.pack(discount: 2, coupon: "NEW1"))
    #expect(test.engine.campaigns.campaigns[0].coupons.map(\.value) == ["NEW1"])
    let after = try await test.v2(
      "s2",
      NewCustomerSessionV2(profileId: "p", couponCodes: ["NEW1"], cartItems: [item("A", "20")]))
    #expect(after.effects.of("setDiscount").first?.props["value"] == 2)
    #expect(after.effects.of("acceptCoupon").count == 1)
    // The store stayed: the first session is still there.
    #expect(try await test.engine.storedSession("s1") != nil)
  }
}
