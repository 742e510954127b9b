import Foundation
import TalonAPI

/// What a session update, event or profile update produced, from which the v1 and v2 answers
/// are built. Optional parts are filled only when the answer needs them.
struct SessionOutcome: Sendable {
  var session: StoredSession
  var profile: StoredProfile?
  var event: Event
  var effects: [Effect]
  var createdCoupons: [Coupon] = []
  var createdReferrals: [Referral] = []
  var coupons: [Coupon] = []
  var referral: Referral?
  var loyalty: Loyalty?
  var triggeredCampaigns: [Campaign] = []
}

extension OperationContext {
  /// Fills the parts of the outcome `content` asks for.
  func complete(_ outcome: inout SessionOutcome, triggered: [Int], content: Set<ResponseContent>)
    throws
  {
    if content.contains(.coupons) {
      outcome.coupons = try store.coupons(values: outcome.session.couponCodes)
    }
    if content.contains(.referral), !outcome.session.referralCode.isEmpty {
      outcome.referral = try store.referral(code: outcome.session.referralCode)
    }
    if content.contains(.loyalty), let profile = outcome.profile, !pack.loyaltyPrograms.isEmpty {
      outcome.loyalty = try loyalty(of: profile.integrationId)
    }
    if content.contains(.triggeredCampaigns) {
      outcome.triggeredCampaigns = try triggered.compactMap { id in
        try pack.campaign(id).map { try wire($0) }
      }
    }
  }

  func integrationState(_ outcome: SessionOutcome) -> IntegrationState {
    IntegrationState(
      session: wireV1(outcome.session),
      profile: outcome.profile.map(wire) ?? anonymousProfile(created: outcome.session.created),
      event: outcome.event, loyalty: outcome.loyalty,
      coupon: outcome.coupons.first { $0.value == outcome.session.couponCodes.first })
  }

  func integrationStateV2(_ outcome: SessionOutcome, content: Set<ResponseContent>)
    -> IntegrationStateV2
  {
    IntegrationStateV2(
      customerSession: content.contains(.customerSession) ? wireV2(outcome.session) : nil,
      customerProfile: content.contains(.customerProfile)
        ? (outcome.profile.map(wire) ?? anonymousProfile(created: outcome.session.created)) : nil,
      event: content.contains(.event) ? outcome.event : nil,
      loyalty: content.contains(.loyalty) ? (outcome.loyalty ?? Loyalty()) : nil,
      referral: outcome.referral,
      coupons: content.contains(.coupons) ? outcome.coupons : nil,
      triggeredCampaigns: content.contains(.triggeredCampaigns) ? outcome.triggeredCampaigns : nil,
      effects: outcome.effects, createdCoupons: outcome.createdCoupons,
      createdReferrals: outcome.createdReferrals)
  }
}
