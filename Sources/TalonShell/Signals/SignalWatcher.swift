import Dispatch
import Foundation

/// Turns a process signal into a call of a Swift handler on a dispatch queue, instead of the
/// signal's default action: SIGINT cancels the running command, SIGTERM saves the history
/// and exits.
///
/// The signal's default disposition is set to ignore (so it no longer ends the process) and a
/// dispatch signal source reports each arrival. The handler runs on an ordinary queue, not in
/// signal context, so it may do anything (save a file, cancel a task, call `exit`).
/// ``cancel()`` stops reporting and restores the default disposition.
public final class SignalWatcher: @unchecked Sendable {
  public let signal: Int32
  private let source: any DispatchSourceSignal

  /// Starts watching `signal`; `handler` runs once per arrival the process receives (the
  /// kernel merges a signal that arrives while the same one is still pending). Returns once
  /// the watcher is installed, so no later arrival is missed.
  public init(
    signal: Int32, queue: DispatchQueue = DispatchQueue(label: "talon.signals"),
    handler: @escaping @Sendable () -> Void
  ) {
    self.signal = signal
    Foundation.signal(signal, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
    let source = self.source
    source.setEventHandler {
      // `data` counts the arrivals merged into this event.
      for _ in 0..<max(1, source.data) { handler() }
    }
    // Until the source is installed, the signal is ignored and would be lost: return only
    // once it is. The registration handler runs on `queue`, never on this thread.
    let registered = DispatchSemaphore(value: 0)
    source.setRegistrationHandler { registered.signal() }
    source.resume()
    _ = registered.wait(timeout: .now() + .seconds(2))
  }

  /// Stops watching and gives the signal its default action back.
  public func cancel() {
    source.cancel()
    Foundation.signal(signal, SIG_DFL)
  }

  deinit {
    source.cancel()
  }
}

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
