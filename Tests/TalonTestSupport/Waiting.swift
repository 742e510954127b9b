import Foundation
import Synchronization

/// A test waited longer than its bound for a condition.
package struct TimedOut: Error, CustomStringConvertible {
  package var what: String
  package var description: String { "timed out waiting for \(what)" }
  package init(what: String) { self.what = what }
}

/// Runs `body`, failing with `TimedOut` when it takes longer than `seconds`.
package func withTimeout<T: Sendable>(
  _ seconds: Double, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
  try await withThrowingTaskGroup(of: T.self) { group in
    group.addTask { try await body() }
    group.addTask {
      try await Task.sleep(for: .seconds(seconds))
      throw TimedOut(what: what)
    }
    defer { group.cancelAll() }
    guard let first = try await group.next() else { throw TimedOut(what: what) }
    return first
  }
}

/// A thread-safe list that tests append to from callbacks and log handlers.
package final class Recorder<Element: Sendable>: Sendable {
  private let items = Mutex<[Element]>([])

  package init() {}
  package func append(_ item: Element) { items.withLock { $0.append(item) } }
  package var all: [Element] { items.withLock { $0 } }
}

/// A one-shot event that tasks can wait for (with a timeout) and that fires once.
package final class Signal: Sendable {
  private struct State {
    var fired = false
    var waiters: [CheckedContinuation<Void, Never>] = []
  }

  private let state = Mutex(State())

  package init() {}

  package func fire() {
    let toResume = state.withLock { state in
      state.fired = true
      defer { state.waiters.removeAll() }
      return state.waiters
    }
    for waiter in toResume { waiter.resume() }
  }

  package var hasFired: Bool { state.withLock { $0.fired } }

  /// Waits until fired (no timeout; wrap in `withTimeout`).
  package func wait() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let ready = state.withLock { state in
        if state.fired { return true }
        state.waiters.append(continuation)
        return false
      }
      if ready { continuation.resume() }
    }
  }

  package func wait(seconds: Double, _ what: String) async throws {
    try await withTimeout(seconds, what) { await self.wait() }
  }
}

/// Runs blocking work (a child process, a read with a deadline) on a thread of its own and
/// waits for it without holding a thread of the concurrency pool. The pool has one thread per
/// core, two here: tests that blocked it while waiting starved every other test's async work
/// (servers that seemed not to listen, cancelled sleeps that did not end).
package func offThePool<T>(_ work: @escaping @Sendable () throws -> sending T) async throws
  -> sending T
{
  try await withCheckedThrowingContinuation { continuation in
    Thread.detachNewThread {
      do { continuation.resume(returning: try work()) } catch {
        continuation.resume(throwing: error)
      }
    }
  }
}
