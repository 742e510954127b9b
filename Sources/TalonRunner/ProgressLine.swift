import Foundation

/// The progress line on standard error while a long workflow runs: the file, the statements
/// done and the line running. Drawn only when standard error is a terminal, only once the file
/// has run for `delay` (short workflows never show it), and at most every `interval`.
final class ProgressLine: @unchecked Sendable {
  private let console: Console
  private let delay: Duration
  private let interval: Duration
  private let lock = NSLock()
  private var file = ""
  private var fileStart = ContinuousClock.now
  private var lastDrawn: ContinuousClock.Instant?
  private var statements = 0

  init(console: Console, delay: Duration = .seconds(1), interval: Duration = .milliseconds(100)) {
    self.console = console
    self.delay = delay
    self.interval = interval
  }

  /// A new file starts.
  func start(file: String) {
    lock.withLock {
      self.file = file
      fileStart = .now
      lastDrawn = nil
      statements = 0
    }
  }

  /// One more statement finished; `line` is the line of the statement that runs now.
  func advance(line: Int) {
    guard console.progressEnabled else { return }
    let text: String? = lock.withLock {
      statements += 1
      let now = ContinuousClock.now
      guard now - fileStart >= delay else { return nil }
      if let lastDrawn, now - lastDrawn < interval { return nil }
      lastDrawn = now
      let seconds = Double((now - fileStart).components.seconds)
      return "talon run: \(file): \(statements) statements, line \(line), \(Int(seconds))s"
    }
    if let text { console.progress(text) }
  }

  /// The file is done: remove the line.
  func finish() {
    console.clearProgress()
  }
}
