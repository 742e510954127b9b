import Foundation
import TalonAPI
import Testing

@testable import TalonScript

/// The direct encoder gives exactly what encoding to JSON text and parsing it back gives.
@Suite struct JSONValueEncoderTests {
  static let epoch = Date(timeIntervalSince1970: 1_591_012_800.25)

  @Test func matchesWireCodingForResults() throws {
    let state = IntegrationStateV2(
      customerSession: CustomerSessionV2(
        integrationId: "s1", created: Self.epoch, applicationId: 1, profileId: "alice",
        couponCodes: ["A"], state: .closed,
        cartItems: [
          CartItem(name: "Shoe", sku: "S", quantity: 2, price: Decimal(string: "19.99")!)
        ],
        additionalCosts: ["shipping": AdditionalCost(price: Decimal(string: "4.95")!)],
        attributes: ["tier": "gold", "n": [1, nil, true]], firstSession: true,
        total: Decimal(string: "44.93")!),
      customerProfile: CustomerProfile(
        integrationId: "alice", created: Self.epoch, accountId: 1, closedSessions: 3,
        totalSales: Decimal(string: "0.1")!, lastActivity: Self.epoch),
      effects: [
        Effect(
          campaignId: -1, rulesetId: 2, ruleIndex: 0, ruleName: "r", effectType: "setDiscount",
          props: ["name": "x", "value": .number(Decimal(string: "4.5")!)])
      ])
    #expect(try JSONValueEncoder.encode(state) == JSONValue(encoding: state))
    let request = IntegrationRequest(
      customerSession: NewCustomerSessionV2(profileId: "a", state: .open),
      responseContent: [.customerSession])
    #expect(try JSONValueEncoder.encode(request) == JSONValue(encoding: request))
    let inventory = CustomerInventory(profile: nil, referrals: [])
    #expect(try JSONValueEncoder.encode(inventory) == ["referrals": []])
  }
}
