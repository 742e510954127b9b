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
}
