import Foundation

/// Prints results on a thread of its own, in order, while the interpreter runs the next
/// statement: rendering a result then uses the second core instead of delaying the workflow.
///
/// The printer takes what waits in batches: after a batch it waits a couple of milliseconds for
/// more before it goes to sleep, and only a printer asleep is woken by `submit`. A fast
/// workflow therefore hands its results over without waking a thread for each (a wake-up cost
/// about as much as printing the line), and a slow one still sees each line as soon as its
/// statement ends. At most `limit` results wait; beyond that `submit` waits for the printer, so
/// a slow terminal holds the run back instead of filling memory. `drain()` returns once
/// everything submitted is written; the session drains before anything else writes, and
/// `close()` (drain, then end the printer's thread) when it ends. Step mode prints
/// synchronously (`enabled: false`): the presenter reads each result before pressing Enter.
final class OutputQueue: @unchecked Sendable {
  /// How long the printer waits for more work after a batch before it sleeps.
  static let lingering: TimeInterval = 0.002

  private let condition = NSCondition()
  private var waiting: [@Sendable () -> Void] = []
  private var submitted = 0
  private var printed = 0
  private var printerAsleep = false
  private var stopping = false
  private let limit: Int
  private let enabled: Bool
  /// Runs a batch's work (the session holds standard output back meanwhile, see
  /// `Console.holdingOutput`).
  private let runBatch: @Sendable (() -> Void) -> Void

  init(
    enabled: Bool, limit: Int = 256,
    runBatch: @escaping @Sendable (() -> Void) -> Void = { $0() }
  ) {
    self.enabled = enabled
    self.limit = limit
    self.runBatch = runBatch
    if enabled {
      Thread { [self] in self.printLoop() }.start()
    }
  }

  func submit(_ work: @escaping @Sendable () -> Void) {
    guard enabled else { return work() }
    condition.lock()
    while waiting.count >= limit {
      condition.broadcast()  // a lingering printer takes the batch now
      condition.wait()
    }
    waiting.append(work)
    submitted += 1
    if printerAsleep {
      printerAsleep = false
      condition.broadcast()
    }
    condition.unlock()
  }

  func drain() {
    guard enabled else { return }
    condition.lock()
    while printed < submitted {
      condition.broadcast()  // a lingering printer takes what waits now
      condition.wait()
    }
    condition.unlock()
  }

  /// Whether the printer sleeps until the next `submit` (tests wait for it).
  var printerIsAsleep: Bool {
    condition.lock()
    defer { condition.unlock() }
    return printerAsleep
  }

  /// Drains, then lets the printer's thread end; nothing may be submitted afterwards.
  func close() {
    guard enabled else { return }
    drain()
    condition.lock()
    stopping = true
    condition.broadcast()
    condition.unlock()
  }

  private func printLoop() {
    condition.lock()
    while true {
      if waiting.isEmpty {
        if stopping { break }
        printerAsleep = true
        while printerAsleep && !stopping { condition.wait() }
        continue
      }
      let batch = waiting
      waiting.removeAll(keepingCapacity: true)
      condition.broadcast()  // room for submitters waiting on the limit
      condition.unlock()
      runBatch { for work in batch { work() } }
      condition.lock()
      printed += batch.count
      condition.broadcast()  // drain() waits for this
      if !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: Self.lingering)) }
    }
    condition.unlock()
  }
}
