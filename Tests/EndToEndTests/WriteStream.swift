import Foundation
import Synchronization
import TalonAPI
import TalonHTTP

/// Concurrent writers that keep sending requests to a server until it goes away, recording
/// every acknowledged answer (a 2xx the client decoded). A transport failure (`TalonHTTPError`:
/// refused, closed, timed out) ends a writer quietly: the server stopped or died, and an
/// unacknowledged write may or may not have been stored. Any other failure (an error answer,
/// a body that does not decode) is unexpected and recorded for the test to fail on.
final class WriteStream<Record: Sendable>: @unchecked Sendable {
  /// One acknowledged write: the writer's record and when the answer arrived.
  struct Acknowledged {
    var record: Record
    var worker: Int
    var at: ContinuousClock.Instant
  }

  private struct State {
    var acknowledged: [Acknowledged] = []
    var attempts: [Int: Int] = [:]
    var failures: [String] = []
  }

  private let state = Mutex(State())

  /// Every acknowledged write so far.
  var acknowledgements: [Acknowledged] { state.withLock { $0.acknowledged } }
  var count: Int { state.withLock { $0.acknowledged.count } }
  /// Writes sent (acknowledged or not) by `worker`.
  func attempted(by worker: Int) -> Int { state.withLock { $0.attempts[worker, default: 0] } }
  /// Failures other than the server going away.
  var unexpected: [String] { state.withLock { $0.failures } }

  /// Runs `workers` writers, each for at most `rounds` writes; returns when all stopped.
  func run(
    workers: Int, rounds: Int,
    write: @escaping @Sendable (_ worker: Int, _ round: Int) async throws -> Record
  ) async {
    await withTaskGroup(of: Void.self) { group in
      for worker in 0..<workers {
        group.addTask {
          for round in 0..<rounds {
            self.state.withLock { $0.attempts[worker, default: 0] += 1 }
            do {
              let record = try await write(worker, round)
              let entry = Acknowledged(record: record, worker: worker, at: .now)
              self.state.withLock { $0.acknowledged.append(entry) }
            } catch is TalonHTTPError {
              return
            } catch {
              self.state.withLock { $0.failures.append("worker \(worker): \(error)") }
              return
            }
          }
        }
      }
    }
  }
}
