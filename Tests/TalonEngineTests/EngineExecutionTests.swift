import Foundation
import Synchronization
import TalonAPI
import Testing

@testable import TalonEngine

/// The engine runs its calls one at a time on its own thread, and never needs a thread of the
/// shared pool to make progress.
@Suite("Engine execution")
struct EngineExecutionTests {
  /// Counts the holders inside and the most seen at once.
  final class Occupancy: Sendable {
    private struct Counts {
      var inside = 0
      var most = 0
      var finished = 0
      var offThread = 0
    }

    private let counts = Mutex(Counts())

    func enter(onEngineThread: Bool) {
      counts.withLock {
        $0.inside += 1
        $0.most = max($0.most, $0.inside)
        if !onEngineThread { $0.offThread += 1 }
      }
    }

    func leave() {
      counts.withLock {
        $0.inside -= 1
        $0.finished += 1
      }
    }

    var snapshot: (most: Int, finished: Int, offThread: Int) {
      counts.withLock { ($0.most, $0.finished, $0.offThread) }
    }
  }

  @Test func theGateAdmitsOneHolderAtATime() async throws {
    let gate = AsyncGate()
    let occupancy = Occupancy()
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<50 {
        group.addTask {
          await gate.enter()
          occupancy.enter(onEngineThread: true)
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

  @Test func concurrentCallsRunOneAtATimeOnTheEngineThread() async throws {
    let engine = try TestEngine().engine
    let occupancy = Occupancy()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<64 {
        group.addTask {
          try await engine.probeTransaction {
            occupancy.enter(onEngineThread: engine.executor.isCurrentThread)
            // Busy for a moment without suspending, as a transaction is.
            let until = ContinuousClock.now + .microseconds(200)
            while ContinuousClock.now < until {}
            occupancy.leave()
          }
        }
      }
      try await group.waitForAll()
    }
    #expect(occupancy.snapshot == (most: 1, finished: 64, offThread: 0))
    #expect(!engine.executor.isCurrentThread)
  }

  @Test func realOperationsRunOnTheEngineThreadAndKeepTheirResults() async throws {
    let test = try TestEngine()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 0..<32 {
        group.addTask { try await test.profile("p\(index)", ["n": .number(Decimal(index))]) }
      }
      try await group.waitForAll()
    }
    for index in [0, 17, 31] {
      let profile = try await test.storedProfile("p\(index)")
      #expect(profile?.attributes["n"] == .number(Decimal(index)))
    }
  }

  /// A task preferring the engine's executor (as the runner's and the shell's do) runs on the
  /// engine's thread before, during and after a call: the call needs no hop, and no thread of
  /// the shared pool takes part in it.
  @Test func tasksPreferringTheEngineExecutorCallWithoutAHop() async throws {
    let engine = try TestEngine().engine
    let executor = engine.executor
    let (before, during, after, id) = try await withTaskExecutorPreference(
      engine.preferredTaskExecutor
    ) {
      let before = executor.isCurrentThread
      let during = try await engine.probeTransaction { executor.isCurrentThread }
      let state = try await engine.updateCustomerProfile(
        integrationId: "ann", body: NewCustomerProfile(attributes: ["tier": "gold"]))
      return (before, during, executor.isCurrentThread, state.profile.integrationId)
    }
    #expect(before && during && after)
    #expect(id == "ann")
    #expect(!executor.isCurrentThread)
  }
}

/// The engine implements every operation of the catalogue, each once, and refuses others.
@Suite("Engine operation table")
struct EngineOperationTableTests {
  @Test func everyCatalogueOperationHasOneImplementation() {
    let implemented = OperationTable.entries.map(\.operation)
    #expect(Set(implemented) == Set(IntegrationOperation.allCases))
    #expect(implemented.count == IntegrationOperation.allCases.count)
  }

  @Test func anOperationOutsideTheTableIs501AndAWrongPathIs400() async throws {
    let engine = try TestEngine().engine
    let unknown = APIOperation<NoContent, NoContent>(
      "forgetEverything", "DELETE", "/v1/everything/{id}", success: [204])
    await expectError(501) {
      _ = try await engine.send(unknown, OperationArguments(path: ["x"]))
    }
    await expectError(400) {
      _ = try await engine.send(IntegrationCatalogue.getReservedCoupons, OperationArguments())
    }
  }
}
