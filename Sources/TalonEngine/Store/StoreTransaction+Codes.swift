import Foundation
import TalonAPI

/// Coupons, reservations and referrals.
extension StoreTransaction {
  // MARK: Coupons

  private func coupon(_ value: String, from row: StoredRow) throws -> Coupon {
    var coupon: Coupon
    if let cached = cache.records.coupons[value] {
      coupon = cached
    } else {
      coupon = try decode(Coupon.self, row.data)
      cache.records.coupons[value] = coupon
    }
    coupon.id = row.id
    coupon.usageCounter = row.usageCounter
    return coupon
  }

  func coupon(_ value: String) throws -> Coupon? {
    if var coupon = cache.records.coupons[value],
      let counter = cache.records.couponCounters[value]
    {
      coupon.id = counter.id
      coupon.usageCounter = counter.usageCounter
      return coupon
    }
    let coupon = try rows.couponRow(value).map { try self.coupon(value, from: $0) }
    if let coupon {
      cache.records.couponCounters[value] = CouponCounter(
        id: coupon.id, usageCounter: coupon.usageCounter)
    }
    return coupon
  }

  func coupons(values: [String]) throws -> [Coupon] {
    try values.compactMap { try coupon($0) }
  }

  /// Inserts a new coupon (its id and counter are assigned here).
  func insert(_ coupon: Coupon) throws -> Coupon {
    var stored = coupon
    stored.id = try rows.insertCoupon(
      value: coupon.value, campaignId: coupon.campaignId, data: try encode(coupon))
    stored.usageCounter = 0
    return stored
  }

  /// Makes the stored definition of a campaign-file coupon match the file, keeping its id and
  /// usage counter (a new coupon starts at 0).
  func syncFileCoupon(_ coupon: Coupon) throws {
    cache.records.coupons[coupon.value] = nil
    cache.records.couponCounters[coupon.value] = nil
    try rows.upsertFileCoupon(
      value: coupon.value, campaignId: coupon.campaignId, data: try encode(coupon))
  }

  func codeExists(_ value: String) throws -> Bool {
    try rows.codeExists(value)
  }

  func addCouponUsage(_ value: String, _ delta: Int) throws {
    cache.records.couponCounters[value] = nil
    try rows.addCouponUsage(value, delta)
  }

  // MARK: Reservations

  func hasReservation(coupon: String, profile: String) throws -> Bool {
    try rows.hasReservation(coupon: coupon, profile: profile)
  }

  func reserve(coupon: String, profile: String) throws {
    try rows.reserve(coupon: coupon, profile: profile)
  }

  func unreserve(coupon: String, profile: String) throws {
    try rows.unreserve(coupon: coupon, profile: profile)
  }

  func deleteReservations(profile: String) throws {
    try rows.deleteReservations(profile: profile)
  }

  /// Coupon values the profile reserved, in reservation order.
  func reservedCoupons(profile: String) throws -> [String] {
    try rows.reservedCoupons(profile: profile)
  }

  /// Profiles holding a reservation of the coupon, in reservation order.
  func reservingProfiles(coupon: String) throws -> [String] {
    try rows.reservingProfiles(coupon: coupon)
  }

  // MARK: Referrals

  private func referral(from row: StoredRow) throws -> Referral {
    var referral = try decode(Referral.self, row.data)
    referral.id = row.id
    referral.usageCounter = row.usageCounter
    return referral
  }

  func referral(code: String) throws -> Referral? {
    try rows.referralRow(code: code).map(referral(from:))
  }

  func referrals(advocate: String) throws -> [Referral] {
    try rows.referralRows(advocate: advocate).map(referral(from:))
  }

  func insert(_ referral: Referral) throws -> Referral {
    var stored = referral
    stored.id = try rows.insertReferral(
      code: referral.code, campaignId: referral.campaignId,
      advocate: referral.advocateProfileIntegrationId, data: try encode(referral))
    stored.usageCounter = 0
    return stored
  }

  func addReferralUsage(id: Int, _ delta: Int) throws {
    try rows.addReferralUsage(id: id, delta)
  }
}
