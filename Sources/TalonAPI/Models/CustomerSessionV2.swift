import Foundation

/// The body of UpdateCustomerSessionV2 (`IntegrationRequest`).
public struct IntegrationRequest: Codable, Hashable, Sendable {
  public var customerSession: NewCustomerSessionV2
  /// Which optional parts the answer should carry.
  public var responseContent: [ResponseContent]?

  public init(customerSession: NewCustomerSessionV2, responseContent: [ResponseContent]? = nil) {
    self.customerSession = customerSession
    self.responseContent = responseContent
  }
}

/// The session part of a v2 update (`NewCustomerSessionV2`). Absent fields keep their stored
/// values; an explicit empty list or object clears them.
public struct NewCustomerSessionV2: Codable, Hashable, Sendable {
  public var profileId: String?
  public var couponCodes: [String]?
  public var referralCode: String?
  public var state: SessionState?
  public var cartItems: [CartItem]?
  public var additionalCosts: [String: AdditionalCost]?
  public var identifiers: [String]?
  public var attributes: JSONValue?
  /// Today's generation: only these campaigns are evaluated (`docs/behaviour.md`, "Evaluable
  /// campaigns").
  public var evaluableCampaignIds: [Int]?

  public init(
    profileId: String? = nil, couponCodes: [String]? = nil, referralCode: String? = nil,
    state: SessionState? = nil, cartItems: [CartItem]? = nil,
    additionalCosts: [String: AdditionalCost]? = nil, identifiers: [String]? = nil,
    attributes: JSONValue? = nil, evaluableCampaignIds: [Int]? = nil
  ) {
    self.profileId = profileId
    self.couponCodes = couponCodes
    self.referralCode = referralCode
    self.state = state
    self.cartItems = cartItems
    self.additionalCosts = additionalCosts
    self.identifiers = identifiers
    self.attributes = attributes
    self.evaluableCampaignIds = evaluableCampaignIds
  }
}

/// A customer session as v2 shows it (`CustomerSessionV2`). Totals are before discounts.
public struct CustomerSessionV2: Codable, Hashable, Sendable {
  public var integrationId: String
  public var created: Date
  public var applicationId: Int
  public var profileId: String
  public var couponCodes: [String]?
  public var referralCode: String?
  public var state: SessionState
  public var cartItems: [CartItem]
  public var additionalCosts: [String: AdditionalCost]?
  public var identifiers: [String]?
  public var attributes: JSONValue
  public var firstSession: Bool
  /// `cartItemTotal + additionalCostTotal`.
  public var total: Decimal
  /// Σ price × quantity over the cart items.
  public var cartItemTotal: Decimal
  /// Σ of the additional costs' prices.
  public var additionalCostTotal: Decimal
  /// Today's generation: the session's internal id, how many updates it has had and when
  /// it was last updated (set by the engine; absent in 2020 answers).
  public var id: Int?
  public var updateCount: Int?
  public var updated: Date?

  public init(
    integrationId: String, created: Date, applicationId: Int, profileId: String,
    couponCodes: [String]? = nil, referralCode: String? = nil, state: SessionState = .open,
    cartItems: [CartItem] = [], additionalCosts: [String: AdditionalCost]? = nil,
    identifiers: [String]? = nil, attributes: JSONValue = .emptyObject, firstSession: Bool,
    total: Decimal = 0, cartItemTotal: Decimal = 0, additionalCostTotal: Decimal = 0
  ) {
    self.integrationId = integrationId
    self.created = created
    self.applicationId = applicationId
    self.profileId = profileId
    self.couponCodes = couponCodes
    self.referralCode = referralCode
    self.state = state
    self.cartItems = cartItems
    self.additionalCosts = additionalCosts
    self.identifiers = identifiers
    self.attributes = attributes
    self.firstSession = firstSession
    self.total = total
    self.cartItemTotal = cartItemTotal
    self.additionalCostTotal = additionalCostTotal
  }
}

/// The answer of UpdateCustomerSessionV2 (`IntegrationStateV2`): always the effects and what
/// was created, the rest only when named in `responseContent`.
public struct IntegrationStateV2: Codable, Hashable, Sendable {
  public var customerSession: CustomerSessionV2?
  public var customerProfile: CustomerProfile?
  public var event: Event?
  public var loyalty: Loyalty?
  public var referral: Referral?
  public var coupons: [Coupon]?
  public var triggeredCampaigns: [Campaign]?
  public var effects: [Effect]
  public var createdCoupons: [Coupon]
  public var createdReferrals: [Referral]
  /// The return a ReturnCartItems call made (that operation only).
  public var `return`: SessionReturn?
  /// The session's earlier returns, when `responseContent` names `previousReturns`.
  public var previousReturns: [SessionReturn]?
  /// Today's generation, when `responseContent` asks for it: why rules of the evaluated
  /// campaigns did not apply.
  public var ruleFailureReasons: [RuleFailureReason]?
  /// Today's generation: always empty when asked for (talon has no giveaways).
  public var awardedGiveaways: [JSONValue]?

  public init(
    customerSession: CustomerSessionV2? = nil, customerProfile: CustomerProfile? = nil,
    event: Event? = nil, loyalty: Loyalty? = nil, referral: Referral? = nil,
    coupons: [Coupon]? = nil, triggeredCampaigns: [Campaign]? = nil, effects: [Effect] = [],
    createdCoupons: [Coupon] = [], createdReferrals: [Referral] = [],
    return returned: SessionReturn? = nil, previousReturns: [SessionReturn]? = nil
  ) {
    self.customerSession = customerSession
    self.customerProfile = customerProfile
    self.event = event
    self.loyalty = loyalty
    self.referral = referral
    self.coupons = coupons
    self.triggeredCampaigns = triggeredCampaigns
    self.effects = effects
    self.createdCoupons = createdCoupons
    self.createdReferrals = createdReferrals
    self.return = returned
    self.previousReturns = previousReturns
  }
}
