import Foundation
import Synchronization

// The pieces that let a SIGINT, arriving on a dispatch queue, cancel the statement the shell
// loop is waiting for.

/// The cancellation target of SIGINT while a command runs: the shell loop sets the running
/// command's response before it starts and clears it when it ends; a SIGINT between commands
/// does nothing.
final class InterruptTarget: Sendable {
  private struct State {
    var action: (@Sendable (Int) -> Void)?
    var count = 0
  }

  private let state = Mutex(State())

  /// Makes `action` the response to the next SIGINTs; it receives how many interrupts the
  /// current command has had, this one included.
  func set(_ action: @escaping @Sendable (Int) -> Void) {
    state.withLock { $0 = State(action: action) }
  }

  /// Ends the current command's response; returns how many interrupts it received.
  @discardableResult
  func clear() -> Int {
    state.withLock { state in
      defer { state = State() }
      return state.count
    }
  }

  /// Called for each SIGINT: runs the current response; false when no command runs.
  @discardableResult
  func interrupt() -> Bool {
    let (response, received) = state.withLock { state -> ((@Sendable (Int) -> Void)?, Int) in
      guard let action = state.action else { return (nil, 0) }
      state.count += 1
      return (action, state.count)
    }
    response?(received)
    return response != nil
  }
}

/// Resumes a continuation exactly once, with whichever answer comes first.
final class SingleAnswer: Sendable {
  private let continuation: Mutex<CheckedContinuation<EvaluationOutcome?, Never>?>

  init(_ continuation: CheckedContinuation<EvaluationOutcome?, Never>) {
    self.continuation = Mutex(continuation)
  }

  var isGiven: Bool {
    continuation.withLock { $0 == nil }
  }

  func give(_ outcome: EvaluationOutcome?) {
    let waiting = continuation.withLock { continuation in
      defer { continuation = nil }
      return continuation
    }
    waiting?.resume(returning: outcome)
  }
}

/// Cancels a task that may not exist yet: a cancel before ``attach(_:)`` applies on attach.
final class TaskCanceller: Sendable {
  private struct State {
    var task: Task<Void, Never>?
    var cancelled = false
  }

  private let state = Mutex(State())

  func attach(_ task: Task<Void, Never>) {
    let cancelNow = state.withLock { state in
      state.task = task
      return state.cancelled
    }
    if cancelNow { task.cancel() }
  }

  func cancel() {
    let task = state.withLock { state in
      state.cancelled = true
      return state.task
    }
    task?.cancel()
  }
}
