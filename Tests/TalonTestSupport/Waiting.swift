import Foundation

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
package final class Recorder<Element: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [Element] = []

  package init() {}
  package func append(_ item: Element) { lock.withLock { items.append(item) } }
  package var all: [Element] { lock.withLock { items } }
}
