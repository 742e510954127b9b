import Foundation

/// The body of UpdateCustomerProfile (`NewCustomerProfile`).
public struct NewCustomerProfile: Codable, Hashable, Sendable {
  /// Attributes to merge into the profile's; a key with `null` removes that attribute.
  public var attributes: JSONValue?

  public init(attributes: JSONValue? = nil) {
    self.attributes = attributes
  }
}

/// A customer profile (`CustomerProfile`).
public struct CustomerProfile: Codable, Hashable, Sendable {
  public var integrationId: String
  public var created: Date
  public var attributes: JSONValue
  public var accountId: Int
  /// Sessions of this profile that reached `closed` (and were not cancelled since).
  public var closedSessions: Int
  public var totalSales: Decimal
  public var loyaltyMemberships: [LoyaltyMembership]?
  public var lastActivity: Date
  /// Today's generation: the profile's internal id (absent in 2020 answers).
  public var id: Int?

  public init(
    integrationId: String, created: Date, attributes: JSONValue = .emptyObject, accountId: Int,
    closedSessions: Int, totalSales: Decimal, loyaltyMemberships: [LoyaltyMembership]? = nil,
    lastActivity: Date
  ) {
    self.integrationId = integrationId
    self.created = created
    self.attributes = attributes
    self.accountId = accountId
    self.closedSessions = closedSessions
    self.totalSales = totalSales
    self.loyaltyMemberships = loyaltyMemberships
    self.lastActivity = lastActivity
  }
}

/// A loyalty program a profile takes part in (`LoyaltyMembership`).
public struct LoyaltyMembership: Codable, Hashable, Sendable {
  public var joined: Date?
  public var loyaltyProgramId: Int

  public init(joined: Date? = nil, loyaltyProgramId: Int) {
    self.joined = joined
    self.loyaltyProgramId = loyaltyProgramId
  }
}

/// What is stored about one customer: the answer of GetCustomerInventory (`CustomerInventory`).
public struct CustomerInventory: Codable, Hashable, Sendable {
  public var profile: CustomerProfile?
  public var referrals: [Referral]?
  /// Today's generation, each when its flag asks: the profile's loyalty balances, the coupons
  /// it reserved or was given, and its giveaways and achievements (always empty here).
  public var loyalty: Loyalty?
  public var coupons: [Coupon]?
  public var giveaways: [JSONValue]?
  public var achievements: [JSONValue]?

  public init(profile: CustomerProfile? = nil, referrals: [Referral]? = nil) {
    self.profile = profile
    self.referrals = referrals
  }
}
