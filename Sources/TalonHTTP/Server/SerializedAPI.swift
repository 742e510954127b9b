import Foundation
import TalonAPI

/// An `IntegrationAPI` that lets one call at a time into the API it wraps; later calls wait
/// suspended, in arrival order, without holding a thread. The calls run on a thread of their
/// own (`LaneExecutor`), one after the other.
///
/// Why `talon serve` wraps the embedded engine in it: the engine runs each operation as one
/// synchronous SQLite transaction (no thread hop), so concurrent requests calling it directly
/// would each block a thread of Swift's small cooperative pool waiting for the store, leaving
/// none to parse, validate and encode other requests meanwhile. Behind this gate at most one
/// call runs, on the lane's thread, which goes from one call to the next without waking
/// another thread in between (that wake-up had capped the server below the engine's own rate);
/// the result of every call is unchanged.
public final class SerializedAPI: IntegrationAPI, Sendable {
  private let api: any IntegrationAPI
  private let gate = AsyncGate()
  let lane = LaneExecutor(name: "talon-engine")

  public init(_ api: any IntegrationAPI) {
    self.api = api
  }

  deinit {
    lane.stop()
  }

  private func serialized<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    try await withTaskExecutorPreference(lane) {
      await gate.enter()
      defer { gate.leave() }
      return try await body()
    }
  }

  public func updateCustomerProfile(integrationId: String, body: NewCustomerProfile) async throws
    -> IntegrationState
  {
    try await serialized {
      try await api.updateCustomerProfile(integrationId: integrationId, body: body)
    }
  }

  public func updateCustomerSession(customerSessionId: String, body: NewCustomerSession)
    async throws -> IntegrationState
  {
    try await serialized {
      try await api.updateCustomerSession(customerSessionId: customerSessionId, body: body)
    }
  }

  public func updateCustomerSessionV2(customerSessionId: String, body: IntegrationRequest)
    async throws -> IntegrationStateV2
  {
    try await serialized {
      try await api.updateCustomerSessionV2(customerSessionId: customerSessionId, body: body)
    }
  }

  public func trackEvent(body: NewEvent) async throws -> IntegrationState {
    try await serialized { try await api.trackEvent(body: body) }
  }

  public func createCouponReservation(couponValue: String, body: CouponReservations) async throws
    -> Coupon
  {
    try await serialized {
      try await api.createCouponReservation(couponValue: couponValue, body: body)
    }
  }

  public func deleteCouponReservation(couponValue: String, body: CouponReservations) async throws {
    try await serialized {
      try await api.deleteCouponReservation(couponValue: couponValue, body: body)
    }
  }

  public func getReservedCoupons(integrationId: String) async throws -> InlineResponse2001 {
    try await serialized { try await api.getReservedCoupons(integrationId: integrationId) }
  }

  public func getReservedCustomers(couponValue: String) async throws -> InlineResponse200 {
    try await serialized { try await api.getReservedCustomers(couponValue: couponValue) }
  }

  public func createReferral(body: NewReferral) async throws -> Referral {
    try await serialized { try await api.createReferral(body: body) }
  }

  public func getCustomerInventory(integrationId: String, profile: Bool?, referrals: Bool?)
    async throws -> CustomerInventory
  {
    try await serialized {
      try await api.getCustomerInventory(
        integrationId: integrationId, profile: profile, referrals: referrals)
    }
  }

  public func deleteCustomerData(integrationId: String) async throws {
    try await serialized { try await api.deleteCustomerData(integrationId: integrationId) }
  }
}

/// A first-come, first-served gate for async code: `enter` suspends while another holder is
/// inside, `leave` admits the next waiter. Not reentrant.
final class AsyncGate: @unchecked Sendable {
  private let lock = NSLock()
  private var occupied = false
  private var waiters: [CheckedContinuation<Void, Never>] = []

  func enter() async {
    let admitted = lock.withLock {
      if occupied { return false }
      occupied = true
      return true
    }
    if admitted { return }
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let admittedNow = lock.withLock {
        if !occupied {
          occupied = true
          return true
        }
        waiters.append(continuation)
        return false
      }
      if admittedNow { continuation.resume() }
    }
  }

  func leave() {
    let next: CheckedContinuation<Void, Never>? = lock.withLock {
      guard !waiters.isEmpty else {
        occupied = false
        return nil
      }
      // As many waiters as requests in flight: removing the first is cheap enough.
      return waiters.removeFirst()
    }
    next?.resume()
  }
}
