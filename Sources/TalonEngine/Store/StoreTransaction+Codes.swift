import Foundation
import GRDB
import TalonAPI

/// Coupons, reservations and referrals.
extension StoreTransaction {
  // MARK: Coupons

  private func coupon(from row: Row) throws -> Coupon {
    let value: String = row["value"]
    var coupon: Coupon
    if let cached = cache.records.coupons[value] {
      coupon = cached
    } else {
      coupon = try decode(Coupon.self, row["data"])
      cache.records.coupons[value] = coupon
    }
    coupon.id = row["id"]
    coupon.usageCounter = row["usageCounter"]
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
    let coupon = try Row.fetchOne(
      try statement(
        "SELECT id, value, usageCounter, data FROM coupon WHERE applicationId = ? AND value = ?"),
      arguments: [application, value]
    ).map(coupon(from:))
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
    try run(
      """
      INSERT INTO coupon (applicationId, value, campaignId, usageCounter, data)
      VALUES (?, ?, ?, 0, ?)
      """,
      [application, coupon.value, coupon.campaignId, try encode(coupon)])
    var stored = coupon
    stored.id = Int(db.lastInsertedRowID)
    stored.usageCounter = 0
    return stored
  }

  /// Makes the stored definition of a campaign-file coupon match the file, keeping its id and
  /// usage counter (a new coupon starts at 0).
  func syncFileCoupon(_ coupon: Coupon) throws {
    cache.records.coupons[coupon.value] = nil
    cache.records.couponCounters[coupon.value] = nil
    try run(
      """
      INSERT INTO coupon (applicationId, value, campaignId, usageCounter, data)
      VALUES (?, ?, ?, 0, ?)
      ON CONFLICT(applicationId, value)
      DO UPDATE SET campaignId = excluded.campaignId, data = excluded.data
      """, [application, coupon.value, coupon.campaignId, try encode(coupon)])
  }

  func codeExists(_ value: String) throws -> Bool {
    try Bool.fetchOne(
      try statement(
        """
        SELECT EXISTS(SELECT 1 FROM coupon WHERE applicationId = ? AND value = ?)
          OR EXISTS(SELECT 1 FROM referral WHERE applicationId = ? AND code = ?)
        """
      ), arguments: [application, value, application, value]) ?? false
  }

  func addCouponUsage(_ value: String, _ delta: Int) throws {
    cache.records.couponCounters[value] = nil
    try run(
      """
      UPDATE coupon SET usageCounter = MAX(0, usageCounter + ?)
      WHERE applicationId = ? AND value = ?
      """, [delta, application, value])
  }

  // MARK: Reservations

  func hasReservation(coupon: String, profile: String) throws -> Bool {
    try Bool.fetchOne(
      try statement(
        """
        SELECT EXISTS(SELECT 1 FROM reservation
          WHERE applicationId = ? AND couponValue = ? AND profileId = ?)
        """),
      arguments: [application, coupon, profile]) ?? false
  }

  func reserve(coupon: String, profile: String) throws {
    try run(
      "INSERT OR IGNORE INTO reservation (applicationId, couponValue, profileId) VALUES (?, ?, ?)",
      [application, coupon, profile])
  }

  func unreserve(coupon: String, profile: String) throws {
    try run(
      "DELETE FROM reservation WHERE applicationId = ? AND couponValue = ? AND profileId = ?",
      [application, coupon, profile])
  }

  func deleteReservations(profile: String) throws {
    try run(
      "DELETE FROM reservation WHERE applicationId = ? AND profileId = ?", [application, profile])
  }

  /// Coupon values the profile reserved, in reservation order.
  func reservedCoupons(profile: String) throws -> [String] {
    try String.fetchAll(
      try statement(
        """
        SELECT couponValue FROM reservation WHERE applicationId = ? AND profileId = ?
        ORDER BY rowid
        """),
      arguments: [application, profile])
  }

  /// Profiles holding a reservation of the coupon, in reservation order.
  func reservingProfiles(coupon: String) throws -> [String] {
    try String.fetchAll(
      try statement(
        """
        SELECT profileId FROM reservation WHERE applicationId = ? AND couponValue = ?
        ORDER BY rowid
        """),
      arguments: [application, coupon])
  }

  // MARK: Referrals

  private func referral(from row: Row) throws -> Referral {
    var referral = try decode(Referral.self, row["data"])
    referral.id = row["id"]
    referral.usageCounter = row["usageCounter"]
    return referral
  }

  func referral(code: String) throws -> Referral? {
    try Row.fetchOne(
      try statement(
        "SELECT id, usageCounter, data FROM referral WHERE applicationId = ? AND code = ?"),
      arguments: [application, code]
    ).map(referral(from:))
  }

  func referrals(advocate: String) throws -> [Referral] {
    try Row.fetchAll(
      try statement(
        """
        SELECT id, usageCounter, data FROM referral WHERE applicationId = ? AND advocate = ?
        ORDER BY id
        """),
      arguments: [application, advocate]
    ).map(referral(from:))
  }

  func insert(_ referral: Referral) throws -> Referral {
    try run(
      """
      INSERT INTO referral (applicationId, code, campaignId, advocate, usageCounter, data)
      VALUES (?, ?, ?, ?, 0, ?)
      """,
      [
        application, referral.code, referral.campaignId, referral.advocateProfileIntegrationId,
        try encode(referral),
      ])
    var stored = referral
    stored.id = Int(db.lastInsertedRowID)
    stored.usageCounter = 0
    return stored
  }

  func addReferralUsage(id: Int, _ delta: Int) throws {
    try run(
      """
      UPDATE referral SET usageCounter = MAX(0, usageCounter + ?)
      WHERE id = ? AND applicationId = ?
      """, [delta, id, application])
  }
}
