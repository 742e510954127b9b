import Foundation
import TalonAPI
import TalonEngine

/// Counts Integration API calls (thread-safe).
final class CallCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [IntegrationOperation] = []

  var operations: [IntegrationOperation] { lock.withLock { stored } }
  var count: Int { operations.count }

  func record(_ operation: IntegrationOperation) { lock.withLock { stored.append(operation) } }
}

/// The real embedded engine behind a counter of the calls made to it.
struct CountingAPI: IntegrationAPI {
  let engine: EmbeddedEngine
  let counter: CallCounter

  func updateCustomerProfile(integrationId: String, body: NewCustomerProfile) async throws
    -> IntegrationState
  {
    counter.record(.updateCustomerProfile)
    return try await engine.updateCustomerProfile(integrationId: integrationId, body: body)
  }

  func updateCustomerSession(customerSessionId: String, body: NewCustomerSession) async throws
    -> IntegrationState
  {
    counter.record(.updateCustomerSession)
    return try await engine.updateCustomerSession(customerSessionId: customerSessionId, body: body)
  }

  func updateCustomerSessionV2(customerSessionId: String, body: IntegrationRequest) async throws
    -> IntegrationStateV2
  {
    counter.record(.updateCustomerSessionV2)
    return try await engine.updateCustomerSessionV2(
      customerSessionId: customerSessionId, body: body)
  }

  func trackEvent(body: NewEvent) async throws -> IntegrationState {
    counter.record(.trackEvent)
    return try await engine.trackEvent(body: body)
  }

  func createCouponReservation(couponValue: String, body: CouponReservations) async throws
    -> Coupon
  {
    counter.record(.createCouponReservation)
    return try await engine.createCouponReservation(couponValue: couponValue, body: body)
  }

  func deleteCouponReservation(couponValue: String, body: CouponReservations) async throws {
    counter.record(.deleteCouponReservation)
    try await engine.deleteCouponReservation(couponValue: couponValue, body: body)
  }

  func getReservedCoupons(integrationId: String) async throws -> InlineResponse2001 {
    counter.record(.getReservedCoupons)
    return try await engine.getReservedCoupons(integrationId: integrationId)
  }

  func getReservedCustomers(couponValue: String) async throws -> InlineResponse200 {
    counter.record(.getReservedCustomers)
    return try await engine.getReservedCustomers(couponValue: couponValue)
  }

  func createReferral(body: NewReferral) async throws -> Referral {
    counter.record(.createReferral)
    return try await engine.createReferral(body: body)
  }

  func getCustomerInventory(integrationId: String, profile: Bool?, referrals: Bool?)
    async throws -> CustomerInventory
  {
    counter.record(.getCustomerInventory)
    return try await engine.getCustomerInventory(
      integrationId: integrationId, profile: profile, referrals: referrals)
  }

  func deleteCustomerData(integrationId: String) async throws {
    counter.record(.deleteCustomerData)
    try await engine.deleteCustomerData(integrationId: integrationId)
  }
}
