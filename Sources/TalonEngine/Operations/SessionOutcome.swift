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
  /// The return a ReturnCartItems call made.
  var sessionReturn: SessionReturn?
  var previousReturns: [SessionReturn]?
  /// Why rules did not apply, when the request asked for `ruleFailureReasons`.
  var ruleFailureReasons: [RuleFailureReason] = []
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
    if content.contains(.previousReturns) {
      let current = outcome.sessionReturn?.id
      outcome.previousReturns = try (outcome.session.returns ?? []).filter { $0.id != current }
        .map { try wire($0, of: outcome.session) }
    }
    if content.contains(.triggeredCampaigns) {
      outcome.triggeredCampaigns = try triggered.compactMap { id in
        try pack.campaign(id).map { try wire($0) }
      }
    }
  }

  /// How often the profile redeemed each code: its closed sessions that carried it.
  func redeemedCouponCodes(profileId: String) throws -> [String: Int] {
    guard !profileId.isEmpty else { return [:] }
    var counts: [String: Int] = [:]
    for session in try store.sessions(ofProfile: profileId) where session.state == .closed {
      for code in session.couponCodes { counts[code, default: 0] += 1 }
    }
    return counts
  }

  func integrationState(_ outcome: SessionOutcome) -> IntegrationState {
    IntegrationState(
      session: wireV1(outcome.session),
      profile: outcome.profile.map(wire) ?? anonymousProfile(created: outcome.session.created),
      event: outcome.event, loyalty: outcome.loyalty,
      coupon: outcome.coupons.first { $0.value == outcome.session.couponCodes.first })
  }

  /// The v2 answer: today's superset (docs/behaviour.md, "Integration API (today's
  /// generation)"): ids, update counts, the event's effects as effect objects and each
  /// coupon's redemptions by the session's profile.
  func integrationStateV2(_ outcome: SessionOutcome, content: Set<ResponseContent>) throws
    -> IntegrationStateV2
  {
    let effects = todaysEffects(outcome.effects, eventId: outcome.event.id)
    var event = outcome.event
    event.effects = effects.map(\.object)
    event.meta = todaysMeta(event.meta)
    var coupons = outcome.coupons
    if content.contains(.coupons), !coupons.isEmpty {
      let redeemed = try redeemedCouponCodes(profileId: outcome.session.profileId)
      for index in coupons.indices {
        coupons[index].profileRedemptionCount = redeemed[coupons[index].value, default: 0]
      }
    }
    var state = IntegrationStateV2(
      customerSession: content.contains(.customerSession) ? try wireV2(outcome.session) : nil,
      customerProfile: content.contains(.customerProfile)
        ? (try outcome.profile.map(wireIdentified)
          ?? anonymousProfile(created: outcome.session.created)) : nil,
      event: content.contains(.event) ? event : nil,
      loyalty: content.contains(.loyalty) ? (outcome.loyalty ?? Loyalty()) : nil,
      referral: outcome.referral.map(inventoryReferral),
      coupons: content.contains(.coupons) ? coupons : nil,
      triggeredCampaigns: content.contains(.triggeredCampaigns) ? outcome.triggeredCampaigns : nil,
      effects: effects, createdCoupons: outcome.createdCoupons,
      createdReferrals: outcome.createdReferrals, return: outcome.sessionReturn,
      previousReturns: outcome.previousReturns)
    // docs/behaviour.md, "Response content": `campaignEligibility` is left out.
    if content.contains(.ruleFailureReasons) {
      state.ruleFailureReasons = outcome.ruleFailureReasons
    }
    if content.contains(.awardedGiveaways) { state.awardedGiveaways = [] }
    return state
  }

  /// `event.meta` as today's generation shows it: a rejection whose reason today's enum lacks
  /// (`CouponLimitReached`, `CouponValidConditionMissing`, `ReferralValidConditionMissing`) is
  /// left out; the effect keeps it (`docs/behaviour.md`, "Rejection reasons today's enum
  /// lacks").
  func todaysMeta(_ meta: Meta?) -> Meta? {
    guard var meta else { return nil }
    if let coupon = meta.couponRejectionReason,
      !CouponRejectionReasonCode.todays.contains(coupon.reason)
    {
      meta.couponRejectionReason = nil
    }
    if let referral = meta.referralRejectionReason,
      !ReferralRejectionReasonCode.todays.contains(referral.reason)
    {
      meta.referralRejectionReason = nil
    }
    return meta == Meta() ? nil : meta
  }
}
