import Foundation

/// The body of TrackEvent (`NewEvent`).
public struct NewEvent: Codable, Hashable, Sendable {
  public var profileId: String?
  /// The event type; must not be empty nor start with `talon_`.
  public var type: String
  public var attributes: JSONValue
  public var sessionId: String

  public init(
    profileId: String? = nil, type: String, attributes: JSONValue = .emptyObject,
    sessionId: String
  ) {
    self.profileId = profileId
    self.type = type
    self.attributes = attributes
    self.sessionId = sessionId
  }
}

/// An event and the effects it produced (`Event`). In v1 responses `effects` holds positional
/// arrays `[campaignId, rulesetId, ruleIndex, [effectType, arg...]]`.
public struct Event: Codable, Hashable, Sendable {
  public var id: Int
  public var created: Date
  public var applicationId: Int
  public var profileId: String?
  public var type: String
  public var attributes: JSONValue
  public var sessionId: String?
  public var effects: [JSONValue]
  public var ledgerEntries: [LedgerEntry]
  public var meta: Meta?

  public init(
    id: Int, created: Date, applicationId: Int, profileId: String? = nil, type: String,
    attributes: JSONValue = .emptyObject, sessionId: String? = nil, effects: [JSONValue] = [],
    ledgerEntries: [LedgerEntry] = [], meta: Meta? = nil
  ) {
    self.id = id
    self.created = created
    self.applicationId = applicationId
    self.profileId = profileId
    self.type = type
    self.attributes = attributes
    self.sessionId = sessionId
    self.effects = effects
    self.ledgerEntries = ledgerEntries
    self.meta = meta
  }
}

/// Side information of an event, notably why a code was rejected (`Meta`).
public struct Meta: Codable, Hashable, Sendable {
  public var campaigns: JSONValue?
  public var coupons: JSONValue?
  public var couponRejectionReason: CouponRejectionReason?
  public var referralRejectionReason: ReferralRejectionReason?
  public var warnings: JSONValue?

  public init(
    campaigns: JSONValue? = nil, coupons: JSONValue? = nil,
    couponRejectionReason: CouponRejectionReason? = nil,
    referralRejectionReason: ReferralRejectionReason? = nil, warnings: JSONValue? = nil
  ) {
    self.campaigns = campaigns
    self.coupons = coupons
    self.couponRejectionReason = couponRejectionReason
    self.referralRejectionReason = referralRejectionReason
    self.warnings = warnings
  }
}

/// Why a coupon was rejected, in `Event.meta` (`CouponRejectionReason`).
public struct CouponRejectionReason: Codable, Hashable, Sendable {
  public var campaignId: Int
  public var couponId: Int
  public var reason: CouponRejectionReasonCode

  public init(campaignId: Int, couponId: Int, reason: CouponRejectionReasonCode) {
    self.campaignId = campaignId
    self.couponId = couponId
    self.reason = reason
  }
}

/// Why a referral code was rejected, in `Event.meta` (`ReferralRejectionReason`).
public struct ReferralRejectionReason: Codable, Hashable, Sendable {
  public var campaignId: Int
  public var referralId: Int
  public var reason: ReferralRejectionReasonCode

  public init(campaignId: Int, referralId: Int, reason: ReferralRejectionReasonCode) {
    self.campaignId = campaignId
    self.referralId = referralId
    self.reason = reason
  }
}

/// One loyalty ledger transaction (`LedgerEntry`).
public struct LedgerEntry: Codable, Hashable, Sendable {
  public var id: Int
  public var created: Date
  public var profileId: String
  public var accountId: Int
  public var loyaltyProgramId: Int
  public var eventId: Int
  public var amount: Int
  public var reason: String
  public var expiryDate: Date
  public var referenceId: Int?

  public init(
    id: Int, created: Date, profileId: String, accountId: Int, loyaltyProgramId: Int,
    eventId: Int, amount: Int, reason: String, expiryDate: Date, referenceId: Int? = nil
  ) {
    self.id = id
    self.created = created
    self.profileId = profileId
    self.accountId = accountId
    self.loyaltyProgramId = loyaltyProgramId
    self.eventId = eventId
    self.amount = amount
    self.reason = reason
    self.expiryDate = expiryDate
    self.referenceId = referenceId
  }
}
