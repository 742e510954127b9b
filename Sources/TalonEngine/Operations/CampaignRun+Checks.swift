import Foundation
import TalonAPI

/// Whether a coupon or referral code may be used by this session, and if not, why.
extension CampaignRun {
  /// nil when the coupon is valid for the session in `campaign`; otherwise the first failing
  /// check's reason (`docs/behaviour.md`, "Coupons and reservations").
  func check(_ coupon: Coupon, in campaign: CampaignDefinition) throws -> CouponRejectionReasonCode?
  {
    if let start = coupon.startDate, now < start { return .couponStartDateInFuture }
    if let expiry = coupon.expiryDate, now >= expiry { return .couponExpired }
    if coupon.usageLimit > 0 && coupon.usageCounter >= coupon.usageLimit {
      return .couponLimitReached
    }
    if let recipient = coupon.recipientIntegrationId, recipient != profileId {
      return .couponRecipientDoesNotMatch
    }
    if coupon.requiresReservation {
      guard !profileId.isEmpty,
        try store.hasReservation(coupon: coupon.value, profile: profileId)
      else {
        // docs/behaviour.md, "Reservations in both generations".
        let in2020Sense = campaign.reservationsIn2020Sense.contains(coupon.value)
        return in2020Sense && !isTodaysRoute
          ? .couponRecipientDoesNotMatch : .couponReservationRequired
      }
    }
    let context = LimitContext(
      coupon: coupon.value, referral: nil, profile: profileId,
      identifiers: session.identifiers ?? [])
    for limit in campaign.campaign.limits where limit.action == .redeemCoupon {
      if try exceeded(limit, campaign: campaign, context: context, adding: 1) {
        if limit.entities.contains(.profile) { return .profileLimitReached }
        if limit.entities == [.coupon] { return .couponLimitReached }
        return .campaignLimitReached
      }
    }
    return nil
  }

  /// nil when the referral code is valid for the session; otherwise why not.
  func check(_ referral: Referral) throws -> ReferralRejectionReasonCode? {
    guard let campaign = pack.campaign(referral.campaignId), selection.evaluates(campaign, at: now)
    else {
      return .referralPartOfNotRunningCampaign
    }
    if let start = referral.startDate, now < start { return .referralStartDateInFuture }
    if let expiry = referral.expiryDate, now >= expiry { return .referralExpired }
    if referral.usageLimit > 0 && referral.usageCounter >= referral.usageLimit {
      return .referralLimitReached
    }
    if referral.advocateProfileIntegrationId == profileId {
      return .referralRecipientIdSameAsAdvocate
    }
    if let friend = referral.friendProfileIntegrationId, !friend.isEmpty, friend != profileId {
      return .referralRecipientDoesNotMatch
    }
    let context = LimitContext(
      coupon: nil, referral: referral.code, profile: profileId,
      identifiers: session.identifiers ?? [])
    for limit in campaign.campaign.limits where limit.action == .redeemReferral {
      if try exceeded(limit, campaign: campaign, context: context, adding: 1) {
        if limit.entities.contains(.profile) { return .profileLimitReached }
        if limit.entities == [.referral] { return .referralLimitReached }
        return .campaignLimitReached
      }
    }
    return nil
  }

  /// True when adding `amount` to the limit's rows (committed plus pending in this run) would
  /// go over the limit.
  func exceeded(
    _ limit: LimitConfig, campaign: CampaignDefinition, context: LimitContext,
    adding amount: Decimal
  ) throws -> Bool {
    for key in context.keys(for: limit) ?? [] {
      let committed = try store.counter(
        campaign: campaign.id, action: limit.action.rawValue, entity: key)
      let pending =
        counters.first {
          $0.campaignId == campaign.id && $0.action == limit.action.rawValue && $0.entity == key
        }?.amount ?? 0
      if committed + pending + amount > limit.limit { return true }
    }
    return false
  }

  /// Adds counter increments to commit at close, merging rows.
  mutating func count(_ deltas: [CounterDelta]) {
    for delta in deltas {
      if let index = counters.firstIndex(where: {
        $0.campaignId == delta.campaignId && $0.action == delta.action && $0.entity == delta.entity
      }) {
        counters[index].amount += delta.amount
      } else {
        counters.append(delta)
      }
    }
  }
}
