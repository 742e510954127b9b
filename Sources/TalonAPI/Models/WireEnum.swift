/// A string enumeration of the wire format that stays open: decoding accepts values this build
/// does not know (a newer server may send them), while `known` lists the values of the reference
/// document, which the schema validator enforces on requests.
public protocol WireEnum: RawRepresentable, Codable, Hashable, Sendable,
  ExpressibleByStringLiteral, CustomStringConvertible
where RawValue == String {
  init(rawValue: String)
  /// The values the reference document lists, in its order.
  static var known: [Self] { get }
}

extension WireEnum {
  public init(stringLiteral value: String) { self.init(rawValue: value) }
  public init(from decoder: any Decoder) throws {
    self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
  }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
  public var description: String { rawValue }
  /// True when the reference document lists this value.
  public var isKnown: Bool { Self.known.contains(self) }
}

/// The state of a customer session.
public struct SessionState: WireEnum {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public static let open: Self = "open"
  public static let closed: Self = "closed"
  public static let cancelled: Self = "cancelled"
  /// Today's generation: a closed session some of whose items came back (ReturnCartItems).
  public static let partiallyReturned: Self = "partially_returned"
  public static let known: [Self] = [.open, .closed, .cancelled]
}

/// What a v2 session update may ask to have returned besides the effects.
public struct ResponseContent: WireEnum {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public static let customerSession: Self = "customerSession"
  public static let customerProfile: Self = "customerProfile"
  public static let coupons: Self = "coupons"
  public static let triggeredCampaigns: Self = "triggeredCampaigns"
  public static let referral: Self = "referral"
  public static let loyalty: Self = "loyalty"
  public static let event: Self = "event"
  public static let awardedGiveaways: Self = "awardedGiveaways"
  public static let ruleFailureReasons: Self = "ruleFailureReasons"
  public static let previousReturns: Self = "previousReturns"
  public static let campaignEligibility: Self = "campaignEligibility"
  public static let known: [Self] = [
    .customerSession, .customerProfile, .coupons, .triggeredCampaigns, .referral, .loyalty, .event,
    .awardedGiveaways, .ruleFailureReasons, .previousReturns, .campaignEligibility,
  ]
}

/// Why a coupon code was rejected.
public struct CouponRejectionReasonCode: WireEnum {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public static let couponNotFound: Self = "CouponNotFound"
  public static let couponPartOfNotRunningCampaign: Self = "CouponPartOfNotRunningCampaign"
  public static let couponValidConditionMissing: Self = "CouponValidConditionMissing"
  public static let couponLimitReached: Self = "CouponLimitReached"
  public static let campaignLimitReached: Self = "CampaignLimitReached"
  public static let profileLimitReached: Self = "ProfileLimitReached"
  public static let couponRecipientDoesNotMatch: Self = "CouponRecipientDoesNotMatch"
  public static let couponExpired: Self = "CouponExpired"
  public static let couponStartDateInFuture: Self = "CouponStartDateInFuture"
  public static let couponRejectedByCondition: Self = "CouponRejectedByCondition"
  public static let effectCouldNotBeApplied: Self = "EffectCouldNotBeApplied"
  /// Today's generation: the coupon needs a reservation the profile does not hold.
  public static let couponReservationRequired: Self = "CouponReservationRequired"
  public static let couponPartOfNotTriggeredCampaign: Self = "CouponPartOfNotTriggeredCampaign"
  public static let profileRequired: Self = "ProfileRequired"
  /// The values today's `CouponRejectionReason.reason` enum lists (without
  /// `CouponLimitReached` and `CouponValidConditionMissing`).
  public static let todays: [Self] = [
    .couponNotFound, .couponPartOfNotRunningCampaign, .campaignLimitReached,
    .profileLimitReached, .couponRecipientDoesNotMatch, .couponExpired,
    .couponStartDateInFuture, .couponRejectedByCondition, .effectCouldNotBeApplied,
    .couponPartOfNotTriggeredCampaign, .couponReservationRequired, .profileRequired,
  ]
  public static let known: [Self] = [
    .couponNotFound, .couponPartOfNotRunningCampaign, .couponValidConditionMissing,
    .couponLimitReached, .campaignLimitReached, .profileLimitReached,
    .couponRecipientDoesNotMatch, .couponExpired, .couponStartDateInFuture,
    .couponRejectedByCondition, .effectCouldNotBeApplied, .couponPartOfNotTriggeredCampaign,
    .couponReservationRequired, .profileRequired,
  ]
}

/// Why a referral code was rejected.
public struct ReferralRejectionReasonCode: WireEnum {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public static let referralNotFound: Self = "ReferralNotFound"
  public static let referralRecipientIdSameAsAdvocate: Self = "ReferralRecipientIdSameAsAdvocate"
  public static let referralPartOfNotRunningCampaign: Self = "ReferralPartOfNotRunningCampaign"
  public static let referralValidConditionMissing: Self = "ReferralValidConditionMissing"
  public static let referralLimitReached: Self = "ReferralLimitReached"
  public static let campaignLimitReached: Self = "CampaignLimitReached"
  public static let profileLimitReached: Self = "ProfileLimitReached"
  public static let referralRecipientDoesNotMatch: Self = "ReferralRecipientDoesNotMatch"
  public static let referralExpired: Self = "ReferralExpired"
  public static let referralStartDateInFuture: Self = "ReferralStartDateInFuture"
  public static let referralRejectedByCondition: Self = "ReferralRejectedByCondition"
  public static let effectCouldNotBeApplied: Self = "EffectCouldNotBeApplied"
  public static let referralPartOfNotTriggeredCampaign: Self =
    "ReferralPartOfNotTriggeredCampaign"
  /// The values today's `ReferralRejectionReason.reason` enum lists (without
  /// `ReferralValidConditionMissing`).
  public static let todays: [Self] = [
    .referralNotFound, .referralRecipientIdSameAsAdvocate, .referralPartOfNotRunningCampaign,
    .referralLimitReached, .campaignLimitReached, .profileLimitReached,
    .referralRecipientDoesNotMatch, .referralExpired, .referralStartDateInFuture,
    .referralRejectedByCondition, .effectCouldNotBeApplied, .referralPartOfNotTriggeredCampaign,
  ]
  public static let known: [Self] = [
    .referralNotFound, .referralRecipientIdSameAsAdvocate, .referralPartOfNotRunningCampaign,
    .referralValidConditionMissing, .referralLimitReached, .campaignLimitReached,
    .profileLimitReached, .referralRecipientDoesNotMatch, .referralExpired,
    .referralStartDateInFuture, .referralRejectedByCondition, .effectCouldNotBeApplied,
    .referralPartOfNotTriggeredCampaign,
  ]
}

/// The state of a campaign.
public struct CampaignState: WireEnum {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public static let enabled: Self = "enabled"
  public static let disabled: Self = "disabled"
  public static let archived: Self = "archived"
  public static let known: [Self] = [.enabled, .disabled, .archived]
}

/// A feature a campaign uses.
public struct CampaignFeature: WireEnum {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public static let coupons: Self = "coupons"
  public static let referrals: Self = "referrals"
  public static let loyalty: Self = "loyalty"
  public static let known: [Self] = [.coupons, .referrals, .loyalty]
}

/// What a campaign limit counts.
public struct LimitAction: WireEnum {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public static let redeemCoupon: Self = "redeemCoupon"
  public static let redeemReferral: Self = "redeemReferral"
  public static let setDiscount: Self = "setDiscount"
  public static let createCoupon: Self = "createCoupon"
  public static let setDiscountEffect: Self = "setDiscountEffect"
  public static let known: [Self] = [
    .redeemCoupon, .redeemReferral, .setDiscount, .createCoupon, .setDiscountEffect,
  ]
}

/// What a campaign limit is counted per.
public struct LimitEntity: WireEnum {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public static let coupon: Self = "Coupon"
  public static let referral: Self = "Referral"
  public static let profile: Self = "Profile"
  public static let identifier: Self = "Identifier"
  public static let known: [Self] = [.coupon, .referral, .profile, .identifier]
}
