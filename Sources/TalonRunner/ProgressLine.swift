import Foundation
import Synchronization
import TalonRendering

/// The progress line on standard error while a long workflow runs: the file, the statements
/// done and the line running. Drawn only when standard error is a terminal, only once the file
/// has run for `delay` (short workflows never show it), and at most every `interval`.
final class ProgressLine: Sendable {
  private struct State {
    var file = ""
    var fileStart = ContinuousClock.now
    var lastDrawn: ContinuousClock.Instant?
    var statements = 0
  }

  private let console: Console
  private let delay: Duration
  private let interval: Duration
  private let state = Mutex(State())

  init(console: Console, delay: Duration = .seconds(1), interval: Duration = .milliseconds(100)) {
    self.console = console
    self.delay = delay
    self.interval = interval
  }

  /// A new file starts.
  func start(file: String) {
    state.withLock { $0 = State(file: file, fileStart: .now) }
  }

  /// One more statement finished; `line` is the line of the statement that runs now.
  func advance(line: Int) {
    guard console.progressEnabled else { return }
    let (delay, interval) = (delay, interval)
    let text: String? = state.withLock { state in
      state.statements += 1
      let now = ContinuousClock.now
      guard now - state.fileStart >= delay else { return nil }
      if let lastDrawn = state.lastDrawn, now - lastDrawn < interval { return nil }
      state.lastDrawn = now
      let seconds = Double((now - state.fileStart).components.seconds)
      return
        "talon run: \(state.file): \(ResultLine.count(state.statements, "statement")), line \(line), \(Int(seconds))s"
    }
    if let text { console.progress(text) }
  }

  /// The file is done: remove the line.
  func finish() {
    console.clearProgress()
  }
}
