import Foundation
import TalonAPI

/// A small, real `IntegrationAPI` for driving the HTTP server in tests: it records every call
/// (operation, path parameter, decoded body as JSON, query flags), answers with `Fixtures`, and
/// can be scripted to fail (errors queued per operation) or to hold a call until released.
actor ScriptedAPI: IntegrationAPI {
  struct Call: Equatable, Sendable {
    var operation: IntegrationOperation
    var parameter: String?
    var body: JSONValue?
    var flags: [String: Bool] = [:]
  }

  private(set) var calls: [Call] = []
  private var failures: [IntegrationOperation: [any Error]] = [:]
  private var holds: [IntegrationOperation: (entered: Signal, release: Signal)] = [:]

  /// Makes the next call of `operation` throw `error` (queued in order).
  func failNext(_ operation: IntegrationOperation, with error: any Error) {
    failures[operation, default: []].append(error)
  }

  /// Makes calls of `operation` wait for `release` after firing `entered`.
  func hold(_ operation: IntegrationOperation, entered: Signal, release: Signal) {
    holds[operation] = (entered, release)
  }

  func count(_ operation: IntegrationOperation) -> Int {
    calls.filter { $0.operation == operation }.count
  }

  private func record(
    _ operation: IntegrationOperation, _ parameter: String? = nil, body: (some Encodable)? = nil,
    flags: [String: Bool] = [:]
  ) async throws {
    calls.append(
      Call(
        operation: operation, parameter: parameter,
        body: try body.map { try JSONValue(encoding: $0) }, flags: flags))
    if let hold = holds[operation] {
      hold.entered.fire()
      await hold.release.wait()
    }
    if var queue = failures[operation], !queue.isEmpty {
      let error = queue.removeFirst()
      failures[operation] = queue
      throw error
    }
  }

  func updateCustomerProfile(integrationId: String, body: NewCustomerProfile) async throws
    -> IntegrationState
  {
    try await record(.updateCustomerProfile, integrationId, body: body)
    return Fixtures.state(
      sessionId: "", profileId: integrationId, eventType: "talon_profile_updated")
  }

  func updateCustomerSession(customerSessionId: String, body: NewCustomerSession) async throws
    -> IntegrationState
  {
    try await record(.updateCustomerSession, customerSessionId, body: body)
    return Fixtures.state(
      sessionId: customerSessionId, profileId: body.profileId ?? "p1",
      eventType: "talon_session_updated")
  }

  func updateCustomerSessionV2(customerSessionId: String, body: IntegrationRequest) async throws
    -> IntegrationStateV2
  {
    try await record(.updateCustomerSessionV2, customerSessionId, body: body)
    return Fixtures.stateV2(sessionId: customerSessionId)
  }

  func trackEvent(body: NewEvent) async throws -> IntegrationState {
    try await record(.trackEvent, body: body)
    return Fixtures.state(
      sessionId: body.sessionId, profileId: body.profileId ?? "p1", eventType: body.type)
  }

  func createCouponReservation(couponValue: String, body: CouponReservations) async throws
    -> Coupon
  {
    try await record(.createCouponReservation, couponValue, body: body)
    return Fixtures.coupon(couponValue)
  }

  func deleteCouponReservation(couponValue: String, body: CouponReservations) async throws {
    try await record(.deleteCouponReservation, couponValue, body: body)
  }

  func getReservedCoupons(integrationId: String) async throws -> InlineResponse2001 {
    try await record(.getReservedCoupons, integrationId, body: String?.none)
    return InlineResponse2001(totalResultSize: 1, data: [Fixtures.coupon("SUMMER10")])
  }

  func getReservedCustomers(couponValue: String) async throws -> InlineResponse200 {
    try await record(.getReservedCustomers, couponValue, body: String?.none)
    return InlineResponse200(totalResultSize: 1, data: [Fixtures.profile("p1")])
  }

  func createReferral(body: NewReferral) async throws -> Referral {
    try await record(.createReferral, body: body)
    return Fixtures.referral(advocate: body.advocateProfileIntegrationId)
  }

  func getCustomerInventory(integrationId: String, profile: Bool?, referrals: Bool?) async throws
    -> CustomerInventory
  {
    var flags: [String: Bool] = [:]
    flags["profile"] = profile
    flags["referrals"] = referrals
    try await record(.getCustomerInventory, integrationId, body: String?.none, flags: flags)
    return CustomerInventory(
      profile: profile == true ? Fixtures.profile(integrationId) : nil,
      referrals: referrals == true ? [Fixtures.referral(advocate: integrationId)] : nil)
  }

  func deleteCustomerData(integrationId: String) async throws {
    try await record(.deleteCustomerData, integrationId, body: String?.none)
  }
}
