import Foundation

/// The body of the v1 UpdateCustomerSession (`NewCustomerSession`). Absent fields keep their
/// stored values.
public struct NewCustomerSession: Codable, Hashable, Sendable {
  public var profileId: String?
  public var coupon: String?
  public var referral: String?
  public var state: SessionState?
  public var cartItems: [CartItem]?
  public var identifiers: [String]?
  public var total: Decimal?
  public var attributes: JSONValue?

  public init(
    profileId: String? = nil, coupon: String? = nil, referral: String? = nil,
    state: SessionState? = nil, cartItems: [CartItem]? = nil, identifiers: [String]? = nil,
    total: Decimal? = nil, attributes: JSONValue? = nil
  ) {
    self.profileId = profileId
    self.coupon = coupon
    self.referral = referral
    self.state = state
    self.cartItems = cartItems
    self.identifiers = identifiers
    self.total = total
    self.attributes = attributes
  }

  /// Cart items keep the 2020 rule: `name`, `sku`, `quantity` and `price` each required.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    profileId = try container.decodeIfPresent(String.self, forKey: .profileId)
    coupon = try container.decodeIfPresent(String.self, forKey: .coupon)
    referral = try container.decodeIfPresent(String.self, forKey: .referral)
    state = try container.decodeIfPresent(SessionState.self, forKey: .state)
    cartItems = try container.decodeIfPresent([CartItem2020].self, forKey: .cartItems)?.map(\.item)
    identifiers = try container.decodeIfPresent([String].self, forKey: .identifiers)
    total = try container.decodeIfPresent(Decimal.self, forKey: .total)
    attributes = try container.decodeIfPresent(JSONValue.self, forKey: .attributes)
  }
}

/// A customer session as v1 shows it (`CustomerSession`).
public struct CustomerSession: Codable, Hashable, Sendable {
  public var integrationId: String
  public var created: Date
  public var applicationId: Int
  public var profileId: String
  public var coupon: String
  public var referral: String
  public var state: SessionState
  public var cartItems: [CartItem]
  public var identifiers: [String]?
  public var total: Decimal
  public var attributes: JSONValue
  public var firstSession: Bool
  /// Each discount's name and value.
  public var discounts: [String: Decimal]

  public init(
    integrationId: String, created: Date, applicationId: Int, profileId: String,
    coupon: String = "", referral: String = "", state: SessionState = .open,
    cartItems: [CartItem] = [], identifiers: [String]? = nil, total: Decimal = 0,
    attributes: JSONValue = .emptyObject, firstSession: Bool, discounts: [String: Decimal] = [:]
  ) {
    self.integrationId = integrationId
    self.created = created
    self.applicationId = applicationId
    self.profileId = profileId
    self.coupon = coupon
    self.referral = referral
    self.state = state
    self.cartItems = cartItems
    self.identifiers = identifiers
    self.total = total
    self.attributes = attributes
    self.firstSession = firstSession
    self.discounts = discounts
  }
}

/// The v1 answer of profile, session and event operations (`IntegrationState`).
public struct IntegrationState: Codable, Hashable, Sendable {
  public var session: CustomerSession
  public var profile: CustomerProfile
  public var event: Event
  public var loyalty: Loyalty?
  public var coupon: Coupon?

  public init(
    session: CustomerSession, profile: CustomerProfile, event: Event, loyalty: Loyalty? = nil,
    coupon: Coupon? = nil
  ) {
    self.session = session
    self.profile = profile
    self.event = event
    self.loyalty = loyalty
    self.coupon = coupon
  }
}
