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
