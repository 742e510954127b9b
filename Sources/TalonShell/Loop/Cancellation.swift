import Foundation

// The pieces that let a SIGINT, arriving on a dispatch queue, cancel the statement the shell
// loop is waiting for.

/// The cancellation target of SIGINT while a command runs: the shell loop sets the running
/// command's response before it starts and clears it when it ends; a SIGINT between commands
/// does nothing.
final class InterruptTarget: @unchecked Sendable {
  private let lock = NSLock()
  private var action: (@Sendable (Int) -> Void)?
  private var count = 0

  /// Makes `action` the response to the next SIGINTs; it receives how many interrupts the
  /// current command has had, this one included.
  func set(_ action: @escaping @Sendable (Int) -> Void) {
    lock.withLock {
      self.action = action
      count = 0
    }
  }

  /// Ends the current command's response; returns how many interrupts it received.
  @discardableResult
  func clear() -> Int {
    lock.withLock {
      defer {
        action = nil
        count = 0
      }
      return count
    }
  }

  /// Called for each SIGINT: runs the current response; false when no command runs.
  @discardableResult
  func interrupt() -> Bool {
    let (response, received) = lock.withLock { () -> ((@Sendable (Int) -> Void)?, Int) in
      guard let action else { return (nil, 0) }
      count += 1
      return (action, count)
    }
    response?(received)
    return response != nil
  }
}

/// Resumes a continuation exactly once, with whichever answer comes first.
final class SingleAnswer: @unchecked Sendable {
  private let lock = NSLock()
  private var continuation: CheckedContinuation<EvaluationOutcome?, Never>?

  init(_ continuation: CheckedContinuation<EvaluationOutcome?, Never>) {
    self.continuation = continuation
  }

  var isGiven: Bool {
    lock.withLock { continuation == nil }
  }

  func give(_ outcome: EvaluationOutcome?) {
    let waiting = lock.withLock { () -> CheckedContinuation<EvaluationOutcome?, Never>? in
      defer { continuation = nil }
      return continuation
    }
    waiting?.resume(returning: outcome)
  }
}

/// Cancels a task that may not exist yet: a cancel before ``attach(_:)`` applies on attach.
final class TaskCanceller: @unchecked Sendable {
  private let lock = NSLock()
  private var task: Task<Void, Never>?
  private var cancelled = false

  func attach(_ task: Task<Void, Never>) {
    let cancelNow = lock.withLock {
      self.task = task
      return cancelled
    }
    if cancelNow { task.cancel() }
  }

  func cancel() {
    let task = lock.withLock {
      cancelled = true
      return self.task
    }
    task?.cancel()
  }
}
