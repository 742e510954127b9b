import Dispatch

/// Prints results on a thread of its own, in order, while the interpreter runs the next
/// statement: rendering a result (and turning an API answer into JSON for it, see
/// `DeferredJSON`) then uses the second core instead of delaying the workflow.
///
/// At most `limit` results wait; beyond that `submit` waits for the printer, so a slow
/// terminal holds the run back instead of filling memory. `drain()` returns once everything
/// submitted is written; the session drains before anything else writes and before it ends.
/// Step mode prints synchronously (`enabled: false`): the presenter reads each result before
/// pressing Enter.
final class OutputQueue: Sendable {
  private let queue = DispatchQueue(label: "talon.run.output")
  private let slots: DispatchSemaphore
  private let enabled: Bool

  init(enabled: Bool, limit: Int = 256) {
    self.enabled = enabled
    self.slots = DispatchSemaphore(value: limit)
  }

  func submit(_ work: @escaping @Sendable () -> Void) {
    guard enabled else { return work() }
    slots.wait()
    queue.async { [slots] in
      work()
      slots.signal()
    }
  }

  func drain() {
    guard enabled else { return }
    queue.sync {}
  }
}
