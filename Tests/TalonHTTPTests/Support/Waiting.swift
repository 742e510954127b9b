import Foundation
import TalonTestSupport

/// A one-shot event that tasks can wait for (with a timeout) and that fires once.
final class Signal: @unchecked Sendable {
  private let lock = NSLock()
  private var fired = false
  private var waiters: [CheckedContinuation<Void, Never>] = []

  func fire() {
    let toResume: [CheckedContinuation<Void, Never>] = lock.withLock {
      fired = true
      defer { waiters.removeAll() }
      return waiters
    }
    for waiter in toResume { waiter.resume() }
  }

  var hasFired: Bool { lock.withLock { fired } }

  /// Waits until fired (no timeout; wrap in `withTimeout`).
  func wait() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let ready: Bool = lock.withLock {
        if fired { return true }
        waiters.append(continuation)
        return false
      }
      if ready { continuation.resume() }
    }
  }

  func wait(seconds: Double, _ what: String) async throws {
    try await withTimeout(seconds, what) { await self.wait() }
  }
}
