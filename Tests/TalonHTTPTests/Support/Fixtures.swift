import Foundation
import TalonAPI

/// Canned, schema-valid answers for `ScriptedAPI` (whole-second dates so they round-trip).
enum Fixtures {
  static let created = Date(timeIntervalSince1970: 1_590_000_000)
  static let later = Date(timeIntervalSince1970: 1_591_012_800)

  static func profile(_ id: String) -> CustomerProfile {
    CustomerProfile(
      integrationId: id, created: created, attributes: ["tier": "gold"], accountId: 1,
      closedSessions: 2, totalSales: Decimal(string: "119.98") ?? 0, lastActivity: later)
  }

  static func session(_ id: String, profileId: String) -> CustomerSession {
    CustomerSession(
      integrationId: id, created: created, applicationId: 1, profileId: profileId,
      cartItems: [
        CartItem(name: "Shoe", sku: "SKU-1", quantity: 2, price: Decimal(string: "59.99") ?? 0)
      ],
      total: Decimal(string: "119.98") ?? 0, firstSession: true,
      discounts: ["10% off": Decimal(string: "12.00") ?? 0])
  }

  static func event(type: String, sessionId: String, profileId: String) -> Event {
    Event(
      id: 7, created: later, applicationId: 1, profileId: profileId, type: type,
      sessionId: sessionId, effects: [[1, 1, 0, ["setDiscount", "10% off", 12]]])
  }

  static func state(sessionId: String, profileId: String, eventType: String) -> IntegrationState {
    IntegrationState(
      session: session(sessionId, profileId: profileId), profile: profile(profileId),
      event: event(type: eventType, sessionId: sessionId, profileId: profileId))
  }

  static func stateV2(sessionId: String) -> IntegrationStateV2 {
    IntegrationStateV2(
      customerSession: CustomerSessionV2(
        integrationId: sessionId, created: created, applicationId: 1, profileId: "p1",
        couponCodes: ["SUMMER10"], firstSession: true, total: 50, cartItemTotal: 50),
      effects: [
        Effect(
          campaignId: 1, rulesetId: 1, ruleIndex: 0, ruleName: "10% off",
          effectType: "setDiscount", props: ["name": "10% off", "value": 5])
      ])
  }

  static let rollbackCoupon = Effect(
    campaignId: 2, rulesetId: 2, ruleIndex: 0, ruleName: "Summer coupon",
    props: .rollbackCoupon(value: "SUMMER10"))

  static func coupon(_ value: String) -> Coupon {
    Coupon(
      id: 3, created: created, campaignId: 1, value: value, usageLimit: 100, usageCounter: 0,
      reservation: true)
  }

  static func referral(advocate: String) -> Referral {
    Referral(
      id: 4, created: created, campaignId: 2, advocateProfileIntegrationId: advocate,
      code: "REF-ABCD", usageCounter: 0, usageLimit: 1)
  }
}
