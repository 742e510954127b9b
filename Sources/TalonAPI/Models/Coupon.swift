import Foundation

/// A coupon code of a campaign (`Coupon`).
public struct Coupon: Codable, Hashable, Sendable {
  public var id: Int
  public var created: Date
  public var campaignId: Int
  public var value: String
  /// How often the coupon may be redeemed; 0 means without limit.
  public var usageLimit: Int
  public var startDate: Date?
  public var expiryDate: Date?
  public var usageCounter: Int
  public var attributes: JSONValue?
  public var referralId: Int?
  /// When set, only this profile may use the coupon.
  public var recipientIntegrationId: String?
  public var importId: Int?
  /// 2020: true, a reservation marks a favourite; false, a reservation is required to use it.
  /// Today: true, many profiles may reserve it; false, one profile only (a personal code).
  public var reservation: Bool?
  public var batchId: String?
  /// Today's generation: the coupon can be redeemed only by a profile holding a reservation
  /// (`docs/behaviour.md`, "Reservations in both generations").
  public var isReservationMandatory: Bool?
  /// Today's generation: how often the profile the answer is about redeemed this coupon
  /// (`IntegrationCoupon`, `InventoryCoupon`).
  public var profileRedemptionCount: Int?
  /// Today's generation, in the inventory: `active`, `used` or `expired` (`InventoryCoupon`).
  public var state: String?

  public init(
    id: Int, created: Date, campaignId: Int, value: String, usageLimit: Int,
    startDate: Date? = nil, expiryDate: Date? = nil, usageCounter: Int,
    attributes: JSONValue? = nil, referralId: Int? = nil, recipientIntegrationId: String? = nil,
    importId: Int? = nil, reservation: Bool? = nil, batchId: String? = nil,
    isReservationMandatory: Bool? = nil
  ) {
    self.id = id
    self.created = created
    self.campaignId = campaignId
    self.value = value
    self.usageLimit = usageLimit
    self.startDate = startDate
    self.expiryDate = expiryDate
    self.usageCounter = usageCounter
    self.attributes = attributes
    self.referralId = referralId
    self.recipientIntegrationId = recipientIntegrationId
    self.importId = importId
    self.reservation = reservation
    self.batchId = batchId
    self.isReservationMandatory = isReservationMandatory
  }

  /// True when only a profile holding a reservation may redeem the coupon: today's
  /// `isReservationMandatory`, or, for a coupon that does not state it, the 2020
  /// `reservation: false`.
  public var requiresReservation: Bool { isReservationMandatory ?? (reservation == false) }
}

/// The body of the coupon reservation operations (`CouponReservations`).
public struct CouponReservations: Codable, Hashable, Sendable {
  public var integrationIDs: [String]

  public init(integrationIDs: [String]) {
    self.integrationIDs = integrationIDs
  }
}

/// A page of coupons: the answer of GetReservedCoupons (`InlineResponse2001`).
public struct InlineResponse2001: Codable, Hashable, Sendable {
  public var totalResultSize: Int
  public var data: [Coupon]

  public init(totalResultSize: Int, data: [Coupon]) {
    self.totalResultSize = totalResultSize
    self.data = data
  }
}

/// A page of customer profiles: the answer of GetReservedCustomers (`InlineResponse200`).
public struct InlineResponse200: Codable, Hashable, Sendable {
  public var totalResultSize: Int
  public var data: [CustomerProfile]

  public init(totalResultSize: Int, data: [CustomerProfile]) {
    self.totalResultSize = totalResultSize
    self.data = data
  }
}

/// The reference's `InlineResponse2001`, named for what it holds.
public typealias ReservedCoupons = InlineResponse2001
/// The reference's `InlineResponse200`, named for what it holds.
public typealias ReservedCustomers = InlineResponse200
