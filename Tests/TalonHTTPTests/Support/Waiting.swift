import Foundation

/// A test waited longer than its bound for a condition.
struct TimedOut: Error, CustomStringConvertible {
  var what: String
  var description: String { "timed out waiting for \(what)" }
}

/// Runs `body`, failing with `TimedOut` when it takes longer than `seconds`.
func withTimeout<T: Sendable>(
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

/// A thread-safe list that tests append to from callbacks.
final class Recorder<Element: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [Element] = []

  func append(_ item: Element) { lock.withLock { items.append(item) } }
  var all: [Element] { lock.withLock { items } }
}
