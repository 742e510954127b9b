import Foundation
import TalonAPI
import Testing

@testable import TalonHTTP

/// `SerializedAPI` and its gate: calls pass through unchanged, one at a time.
@Suite("SerializedAPI")
struct SerializedAPITests {
  /// Counts the holders inside the gate and the most seen at once.
  final class Occupancy: @unchecked Sendable {
    private let lock = NSLock()
    private var inside = 0
    private(set) var most = 0
    private(set) var finished = 0

    func enter() {
      lock.withLock {
        inside += 1
        most = max(most, inside)
      }
    }

    func leave() {
      lock.withLock {
        inside -= 1
        finished += 1
      }
    }

    var snapshot: (most: Int, finished: Int) { lock.withLock { (most, finished) } }
  }

  @Test func theGateAdmitsOneHolderAtATime() async throws {
    let gate = AsyncGate()
    let occupancy = Occupancy()
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<50 {
        group.addTask {
          await gate.enter()
          occupancy.enter()
          try? await Task.sleep(for: .milliseconds(1))
          occupancy.leave()
          gate.leave()
        }
      }
    }
    #expect(occupancy.snapshot.most == 1)
    #expect(occupancy.snapshot.finished == 50)
    // Free again afterwards.
    await gate.enter()
    gate.leave()
  }

  @Test func callsAndErrorsPassThroughUnchanged() async throws {
    let api = ScriptedAPI()
    await api.failNext(.getReservedCustomers, with: IntegrationError.notFound("no such coupon"))
    let serialized = SerializedAPI(api)
    let state = try await serialized.updateCustomerProfile(
      integrationId: "ann", body: NewCustomerProfile(attributes: ["a": 1]))
    #expect(state.profile.integrationId == "ann")
    await #expect(throws: IntegrationError.notFound("no such coupon")) {
      _ = try await serialized.getReservedCustomers(couponValue: "NOPE")
    }
    #expect(await api.calls.map(\.operation) == [.updateCustomerProfile, .getReservedCustomers])
  }

  /// Records the thread each call runs on and how many run at once.
  final class ThreadProbe: IntegrationAPI, @unchecked Sendable {
    let occupancy = Occupancy()
    private let lock = NSLock()

    var lane: LaneExecutor?
    private(set) var offLane = 0

    func deleteCustomerData(integrationId: String) async throws {
      occupancy.enter()
      let onLane = lane?.isCurrentThread ?? false
      lock.withLock { if !onLane { offLane += 1 } }
      // Busy for a moment without suspending, as the engine's transactions are.
      let until = ContinuousClock.now + .microseconds(200)
      while ContinuousClock.now < until {}
      occupancy.leave()
    }

    func updateCustomerProfile(integrationId: String, body: NewCustomerProfile) async throws
      -> IntegrationState
    { throw IntegrationError.notFound("unused") }
    func updateCustomerSession(customerSessionId: String, body: NewCustomerSession) async throws
      -> IntegrationState
    { throw IntegrationError.notFound("unused") }
    func updateCustomerSessionV2(customerSessionId: String, body: IntegrationRequest) async throws
      -> IntegrationStateV2
    { throw IntegrationError.notFound("unused") }
    func trackEvent(body: NewEvent) async throws -> IntegrationState {
      throw IntegrationError.notFound("unused")
    }
    func createCouponReservation(couponValue: String, body: CouponReservations) async throws
      -> Coupon
    { throw IntegrationError.notFound("unused") }
    func deleteCouponReservation(couponValue: String, body: CouponReservations) async throws {}
    func getReservedCoupons(integrationId: String) async throws -> InlineResponse2001 {
      throw IntegrationError.notFound("unused")
    }
    func getReservedCustomers(couponValue: String) async throws -> InlineResponse200 {
      throw IntegrationError.notFound("unused")
    }
    func createReferral(body: NewReferral) async throws -> Referral {
      throw IntegrationError.notFound("unused")
    }
    func getCustomerInventory(integrationId: String, profile: Bool?, referrals: Bool?)
      async throws -> CustomerInventory
    { throw IntegrationError.notFound("unused") }
  }

  @Test func concurrentCallsRunOneAtATimeOnTheLaneThread() async throws {
    let probe = ThreadProbe()
    let serialized = SerializedAPI(probe)
    probe.lane = serialized.lane
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 0..<64 {
        group.addTask { try await serialized.deleteCustomerData(integrationId: "p\(index)") }
      }
      try await group.waitForAll()
    }
    #expect(probe.occupancy.snapshot == (most: 1, finished: 64))
    #expect(probe.offLane == 0)
    #expect(!serialized.lane.isCurrentThread)
  }
}
