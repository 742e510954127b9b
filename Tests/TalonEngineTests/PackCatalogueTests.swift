import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// The campaign pack as the catalogue commands see it: rules in infix form, live counters,
/// coupon holders (docs/behaviour.md, "Exploration").
@Suite("Pack catalogue")
struct PackCatalogueTests {
  private func rules(_ conditions: [String], effect: String = "(setDiscount \"x\" 1)")
    async throws -> [PackCatalogue.Rule]
  {
    let rules = conditions.enumerated().map { index, condition in
      """
      {"title": "r\(index)", "condition": \(JSONValue.string(condition).jsonText),
       "effects": [\(JSONValue.string(effect).jsonText)]}
      """
    }
    let test = try TestEngine(
      json: """
        {"application": {"id": 1, "name": "Infix", "currency": "EUR"},
         "campaigns": [{"id": 1, "name": "C", "ruleset": {"rules": [\(rules.joined(separator: ","))]}}]}
        """)
    return try #require(try await test.engine.packCatalogue().campaigns.first).rules
  }

  @Test func conditionsReadInInfixWithBracketsOnlyWherePrecedenceNeedsThem() async throws {
    let shown = try await rules([
      "(>= (. Session Total) 150)",
      "(and (not (. Session FirstSession)) (or (= 1 2) (< (+ 1 2) (* 3 (- 4 5)))))",
      "(= (- 10 (- 4 3)) (- (- 10 4) 3))",
      "(and (or true false) (. Profile Attributes vip))",
      "(startsWith (. Session Attributes code) \"VIP\")",
    ]).map(\.condition)
    #expect(
      shown == [
        "Session.Total >= 150",
        "not Session.FirstSession and (1 == 2 or 1 + 2 < 3 * (4 - 5))",
        "10 - (4 - 3) == 10 - 4 - 3",
        "(true or false) and Profile.Attributes.vip",
        "startsWith(Session.Attributes.code, \"VIP\")",
      ])
  }

  @Test func effectsReadAsCalls() async throws {
    let shown = try await rules(["(not false)"], effect: "(addFreeItem \"TOTE-01\" \"Tote bag\")")
    #expect(shown.first?.effects == ["addFreeItem(\"TOTE-01\", \"Tote bag\")"])
  }

  @Test func theDemoShopListsItsCampaignsCouponsAndPrograms() async throws {
    let test = try TestEngine()
    let catalogue = try await test.engine.packCatalogue()
    #expect(catalogue.source == "built-in demo shop")
    #expect(catalogue.campaigns.map(\.campaign.id) == Array(1...8))
    #expect(catalogue.campaigns.first { $0.campaign.id == 8 }?.running == false)
    let tote = try #require(catalogue.campaigns.first { $0.campaign.id == 6 })
    #expect(tote.rules.first?.condition == "Session.CartItemTotal >= 150")
    #expect(catalogue.coupons.map(\.coupon.value).contains("VIP-ONLY"))
    #expect(catalogue.loyaltyPrograms.map(\.id) == [1])
  }

  @Test func countersAndHoldersComeFromTheStore() async throws {
    let test = try TestEngine()
    try await test.reserve("VIP-ONLY", ["alice"])
    try await test.v2(
      "s",
      NewCustomerSessionV2(
        profileId: "bob", couponCodes: ["SUMMER10"], state: .closed, cartItems: [item("A", "60")]))
    let catalogue = try await test.engine.packCatalogue()
    let summer = try #require(catalogue.coupons.first { $0.coupon.value == "SUMMER10" })
    #expect(summer.coupon.usageCounter == 1)
    let vip = try #require(catalogue.coupons.first { $0.coupon.value == "VIP-ONLY" })
    #expect(vip.holders == ["alice"])
    let campaign = try #require(
      catalogue.campaigns.first { $0.campaign.id == summer.coupon.campaignId })
    #expect(campaign.campaign.couponRedemptionCount == 1)
  }
}
