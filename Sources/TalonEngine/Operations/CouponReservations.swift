import Foundation
import TalonAPI

/// Coupon reservations: create, delete, and the two listings.
///
/// Decided here: reserving a coupon bound to another recipient, or a second profile for a
/// personal code (today's `reservation: false`), is a 400 titled `invalid value` pointing at
/// that id; reserved coupons of an unknown profile are an empty list.
extension OperationContext {
  private func existingCoupon(_ value: String) throws -> Coupon {
    try requireParameter(value, "couponValue")
    guard let coupon = try store.coupon(value) else {
      throw IntegrationError.notFound("coupon \(value) not found", parameter: "couponValue")
    }
    return coupon
  }

  private func checkIds(_ body: CouponReservations) throws {
    for (index, id) in body.integrationIDs.enumerated() {
      if id.isEmpty {
        throw IntegrationError.badRequest(
          "integrationIDs must not contain empty ids", title: "minLength",
          pointer: "/integrationIDs/\(index)")
      }
      try IdentifierRule.checkField(id, pointer: "/integrationIDs/\(index)")
    }
  }

  func createReservation(couponValue: String, body: CouponReservations) throws -> Coupon {
    let coupon = try existingCoupon(couponValue)
    try checkIds(body)
    if let recipient = coupon.recipientIntegrationId {
      for (index, id) in body.integrationIDs.enumerated() where id != recipient {
        throw IntegrationError.badRequest(
          "coupon \(couponValue) is reserved for another customer", title: "invalid value",
          pointer: "/integrationIDs/\(index)")
      }
    }
    if coupon.reservation == false,
      pack.campaign(coupon.campaignId)?.reservationsIn2020Sense.contains(coupon.value) == false
    {
      // Today's `reservation: false` (docs/behaviour.md, "Reservations in both generations"):
      // a personal code, reserved by one profile at most.
      var holders = Set(try store.reservingProfiles(coupon: coupon.value))
      for (index, id) in body.integrationIDs.enumerated() {
        holders.insert(id)
        if holders.count > 1 {
          throw IntegrationError.badRequest(
            "coupon \(couponValue) is a personal code: one customer may reserve it",
            title: "invalid value", pointer: "/integrationIDs/\(index)")
        }
      }
    }
    for id in body.integrationIDs {
      var profile = try profileOrNew(id)
      profile.lastActivity = now
      try store.save(profile)
      try store.reserve(coupon: coupon.value, profile: id)
    }
    return coupon
  }

  func deleteReservation(couponValue: String, body: CouponReservations) throws {
    let coupon = try existingCoupon(couponValue)
    try checkIds(body)
    for id in body.integrationIDs { try store.unreserve(coupon: coupon.value, profile: id) }
  }

  /// The profile's reserved coupons that are usable now: campaign running, started, not
  /// expired, not used up.
  func reservedCoupons(integrationId: String) throws -> InlineResponse2001 {
    try requireParameter(integrationId, "integrationId")
    let coupons = try store.coupons(values: try store.reservedCoupons(profile: integrationId))
      .filter { coupon in
        guard let campaign = pack.campaign(coupon.campaignId), campaign.isRunning(at: now)
        else { return false }
        if let start = coupon.startDate, now < start { return false }
        if let expiry = coupon.expiryDate, now >= expiry { return false }
        return coupon.usageLimit == 0 || coupon.usageCounter < coupon.usageLimit
      }
    return InlineResponse2001(totalResultSize: coupons.count, data: coupons)
  }

  func reservedCustomers(couponValue: String) throws -> InlineResponse200 {
    let coupon = try existingCoupon(couponValue)
    let profiles = try store.reservingProfiles(coupon: coupon.value).compactMap {
      try store.profile($0).map(wireIdentified)
    }
    return InlineResponse200(totalResultSize: profiles.count, data: profiles)
  }
}
