import Foundation
import TalonAPI

/// The embedded Integration API: the 11 operations against a SQLite store, the campaigns of a
/// `CampaignPack` and the Talang rule engine, in process.
///
/// Every operation is one serialized transaction: all of its changes or none. Errors are
/// `IntegrationError`s (400 with a pointer, 404, 409) that an HTTP server passes on unchanged.
/// The clock is the engine's (`BackendClock`): virtual with a seed, real plus any advance without.
public final class EmbeddedEngine: IntegrationAPI, BackendClock, Sendable {
  /// The campaigns this engine runs.
  public let campaigns: CampaignPack
  private let store: EngineStore
  private let runtime: EngineRuntime

  public init(configuration: EngineConfiguration) throws {
    campaigns = configuration.campaigns
    runtime = EngineRuntime(seed: configuration.seed)
    store = try EngineStore(location: configuration.store)
    let pack = campaigns
    try store.writeSync { store in try Self.syncCoupons(pack, store) }
  }

  /// The file's coupons enter the store (new ones at usage 0; known ones keep their counters).
  private static func syncCoupons(_ pack: CampaignPack, _ store: StoreTransaction) throws {
    for campaign in pack.campaigns {
      for coupon in campaign.coupons { try store.syncFileCoupon(coupon) }
    }
  }

  private func perform<T: Sendable>(_ body: @escaping @Sendable (OperationContext) throws -> T)
    async throws -> T
  {
    let pack = campaigns
    let runtime = runtime
    return try await store.write { store in
      try body(OperationContext(store: store, pack: pack, runtime: runtime, now: runtime.now()))
    }
  }

  /// Empties the store (profiles, sessions, events, codes, ledgers, counters); the campaign
  /// file's coupons are loaded again at usage 0.
  public func reset() async throws {
    let pack = campaigns
    try await store.write { store in
      try store.deleteEverything()
      try Self.syncCoupons(pack, store)
    }
  }

  /// True when the store holds no profile, session or event.
  public func isFresh() async throws -> Bool {
    try await store.write { store in try store.isFresh() }
  }

  /// Closes the store; later operations fail.
  public func close() {
    try? store.close()
  }

  // MARK: IntegrationAPI

  public func updateCustomerProfile(integrationId: String, body: NewCustomerProfile) async throws
    -> IntegrationState
  {
    try await perform { context in
      context.integrationState(try context.updateProfile(id: integrationId, body: body))
    }
  }

  public func updateCustomerSession(customerSessionId: String, body: NewCustomerSession)
    async throws -> IntegrationState
  {
    try await perform { context in
      let outcome = try context.updateSession(
        id: customerSessionId, patch: SessionPatch(v1: body), content: [.coupons, .loyalty])
      return context.integrationState(outcome)
    }
  }

  public func updateCustomerSessionV2(customerSessionId: String, body: IntegrationRequest)
    async throws -> IntegrationStateV2
  {
    for (index, content) in (body.responseContent ?? []).enumerated() where !content.isKnown {
      let allowed = ResponseContent.known.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
      throw IntegrationError.badRequest(
        "responseContent must be one of the following: \(allowed)", title: "enum",
        pointer: "/responseContent/\(index)")
    }
    let content = Set(body.responseContent ?? [])
    return try await perform { context in
      let outcome = try context.updateSession(
        id: customerSessionId, patch: SessionPatch(v2: body.customerSession), content: content)
      return context.integrationStateV2(outcome, content: content)
    }
  }

  public func trackEvent(body: NewEvent) async throws -> IntegrationState {
    try await perform { context in context.integrationState(try context.trackEvent(body)) }
  }

  public func createCouponReservation(couponValue: String, body: CouponReservations) async throws
    -> Coupon
  {
    try await perform { context in
      try context.createReservation(couponValue: couponValue, body: body)
    }
  }

  public func deleteCouponReservation(couponValue: String, body: CouponReservations) async throws {
    try await perform { context in
      try context.deleteReservation(couponValue: couponValue, body: body)
    }
  }

  public func getReservedCoupons(integrationId: String) async throws -> InlineResponse2001 {
    try await perform { context in try context.reservedCoupons(integrationId: integrationId) }
  }

  public func getReservedCustomers(couponValue: String) async throws -> InlineResponse200 {
    try await perform { context in try context.reservedCustomers(couponValue: couponValue) }
  }

  public func createReferral(body: NewReferral) async throws -> Referral {
    try await perform { context in try context.createReferral(body) }
  }

  public func getCustomerInventory(integrationId: String, profile: Bool?, referrals: Bool?)
    async throws -> CustomerInventory
  {
    try await perform { context in
      try context.inventory(integrationId: integrationId, profile: profile, referrals: referrals)
    }
  }

  public func deleteCustomerData(integrationId: String) async throws {
    try await perform { context in try context.deleteCustomerData(integrationId: integrationId) }
  }

  // MARK: BackendClock

  public func now() async -> Date {
    runtime.now()
  }

  public func setClock(to date: Date) async throws {
    runtime.set(to: date)
  }

  /// Moves the clock forward; a negative amount is a 400.
  public func advanceClock(by seconds: TimeInterval) async throws {
    guard seconds >= 0, seconds.isFinite else {
      throw IntegrationError.badRequest(
        "the clock only moves forward", title: "type", parameter: "seconds")
    }
    runtime.advance(by: seconds)
  }
}

extension EmbeddedEngine {
  /// The stored session (for tests and diagnostics; not part of the Integration API).
  func storedSession(_ id: String) async throws -> StoredSession? {
    try await store.write { store in try store.session(id) }
  }
}

extension EmbeddedEngine {
  /// Saves a profile, then fails: proves that a failed operation leaves nothing behind (tests).
  func saveProfileThenFail(_ id: String) async throws {
    try await perform { context in
      try context.store.save(StoredProfile(integrationId: id, now: context.now))
      throw IntegrationError.conflict("failing on purpose after a write")
    }
  }
}
