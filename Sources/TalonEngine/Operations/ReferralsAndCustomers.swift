import Foundation
import TalonAPI

/// CreateReferral, GetCustomerInventory and DeleteCustomerData.
///
/// Decided here: a referral campaign is one with the `referrals` feature; unknown advocates are
/// created; codes follow `referralSettings` (default ten characters of A-Z0-9) and the campaign's
/// `referralUsageLimit`. Deleting a customer's data also drops their reservations.
extension OperationContext {
  func createReferral(_ body: NewReferral) throws -> Referral {
    guard let campaign = pack.campaign(body.campaignId),
      campaign.campaign.features.contains(.referrals)
    else {
      throw IntegrationError.badRequest(
        "campaign \(body.campaignId) is not a referral campaign of this application",
        title: "invalid value", pointer: "/campaignId")
    }
    guard !body.advocateProfileIntegrationId.isEmpty else {
      throw IntegrationError.badRequest(
        "advocateProfileIntegrationId must not be empty", title: "minLength",
        pointer: "/advocateProfileIntegrationId")
    }
    try IdentifierRule.checkField(
      body.advocateProfileIntegrationId, pointer: "/advocateProfileIntegrationId")
    if let friend = body.friendProfileIntegrationId {
      try IdentifierRule.checkField(friend, pointer: "/friendProfileIntegrationId")
    }
    if let limit = body.usageLimit, !(0...Self.maxReferralUsageLimit).contains(limit) {
      throw IntegrationError.badRequest(
        "usageLimit must be between 0 and \(Self.maxReferralUsageLimit)", title: "maximum",
        pointer: "/usageLimit")
    }
    if let attributes = body.attributes, attributes.objectValue == nil, attributes != .null {
      throw IntegrationError.badRequest(
        "attributes must be an object", title: "type", pointer: "/attributes")
    }
    let settings = campaign.campaign.referralSettings ?? CampaignRun.defaultCodeSettings
    var code: String?
    for _ in 0..<50 {
      let candidate = runtime.code(settings)
      if try !store.codeExists(candidate) {
        code = candidate
        break
      }
    }
    guard let code else {
      throw IntegrationError.conflict("no unused referral code is left for this pattern")
    }
    var advocate = try profileOrNew(body.advocateProfileIntegrationId)
    advocate.lastActivity = now
    try store.save(advocate)
    let friend = body.friendProfileIntegrationId.flatMap { $0.isEmpty ? nil : $0 }
    // A limit given with the code replaces the campaign's (docs/behaviour.md, "Referrals and
    // the customer inventory").
    var referral = Referral(
      id: 0, created: now, campaignId: campaign.id,
      advocateProfileIntegrationId: body.advocateProfileIntegrationId,
      friendProfileIntegrationId: friend, startDate: body.startDate,
      expiryDate: body.expiryDate, code: code, usageCounter: 0,
      usageLimit: body.usageLimit ?? campaign.referralUsageLimit)
    if let attributes = body.attributes?.objectValue { referral.attributes = .object(attributes) }
    return try store.insert(referral)
  }

  /// The parts of a customer's inventory the query's flags ask for; today's `giveaways` and
  /// `achievements` are empty lists (talon has neither).
  func inventory(integrationId: String, _ query: [String: QueryValue]) throws
    -> CustomerInventory
  {
    func asked(_ flag: String) -> Bool { query[flag]?.bool == true }
    try requireParameter(integrationId, "integrationId")
    guard let stored = try store.profile(integrationId) else {
      throw IntegrationError.notFound(
        "customer profile \(integrationId) not found", parameter: "integrationId")
    }
    var inventory = CustomerInventory(
      profile: asked("profile") ? try wireIdentified(stored) : nil,
      referrals: asked("referrals")
        ? try store.referrals(advocate: integrationId).map(inventoryReferral) : nil)
    if asked("loyalty") { inventory.loyalty = try loyalty(of: integrationId) }
    if asked("coupons") { inventory.coupons = try inventoryCoupons(of: integrationId) }
    if asked("giveaways") { inventory.giveaways = [] }
    if asked("achievements") { inventory.achievements = [] }
    return inventory
  }

  /// The coupons the profile reserved, with their state and the profile's redemptions
  /// (docs/behaviour.md, "Referrals and the customer inventory").
  private func inventoryCoupons(of integrationId: String) throws -> [Coupon] {
    let redeemed = try redeemedCouponCodes(profileId: integrationId)
    return try store.coupons(values: try store.reservedCoupons(profile: integrationId)).map {
      var coupon = $0
      coupon.profileRedemptionCount = redeemed[coupon.value, default: 0]
      if let expiry = coupon.expiryDate, now >= expiry {
        coupon.state = "expired"
      } else if coupon.usageLimit > 0 && coupon.usageCounter >= coupon.usageLimit {
        coupon.state = "used"
      } else {
        coupon.state = "active"
      }
      return coupon
    }
  }

  /// A referral as today's inventory and v2 answers show it: `referredCustomers` is the friend
  /// the code was made for, if any (docs/behaviour.md).
  func inventoryReferral(_ referral: Referral) -> Referral {
    var shown = referral
    shown.referredCustomers = referral.friendProfileIntegrationId.map { [$0] } ?? []
    return shown
  }

  func deleteCustomerData(integrationId: String) throws {
    try requireParameter(integrationId, "integrationId")
    guard try store.profile(integrationId) != nil else {
      throw IntegrationError.notFound(
        "customer profile \(integrationId) not found", parameter: "integrationId")
    }
    let sessions = try store.sessions(ofProfile: integrationId)
    for var session in sessions {
      session.attributes = [:]
      try store.save(session)
    }
    try store.clearEventAttributes(
      profileId: integrationId, sessionIds: sessions.map(\.integrationId))
    try store.deleteReservations(profile: integrationId)
    try store.deleteProfile(integrationId)
  }
}
