import Foundation
import Synchronization
import TalonRendering

/// Where the runner writes: standard output for statement lines and the summary, standard
/// error for failure reports, usage and parse errors, and the progress line.
///
/// Every write first erases a progress line that is showing, so the two never mix on a
/// terminal. Thread-safe: the interpreter reports nested results from its own executor.
package final class Console: Sendable {
  private let writeOutput: @Sendable (String) -> Void
  private let writeError: @Sendable (String) -> Void
  /// ANSI colour on standard output.
  package let color: Bool
  /// Whether the progress line may be drawn (standard error is a terminal).
  package let progressEnabled: Bool
  /// The width, in columns, that captions and receipts are drawn in.
  package let width: Int
  /// Whether the progress line shows; held while writing, so writes never interleave.
  private let progressShowing = Mutex(false)

  package init(
    color: Bool, progressEnabled: Bool, width: Int = 80,
    writeOutput: @escaping @Sendable (String) -> Void,
    writeError: @escaping @Sendable (String) -> Void
  ) {
    self.color = color
    self.progressEnabled = progressEnabled
    self.width = width
    self.writeOutput = writeOutput
    self.writeError = writeError
  }

  /// The process's standard output and error; colour and progress when they are terminals.
  package static func standard() -> Console {
    Console(
      color: Terminal.standardOutputColor,
      progressEnabled: Terminal.isTTY(STDERR_FILENO),
      width: Terminal.standardOutputWidth,
      writeOutput: { Terminal.writeStandardOutput($0) },
      writeError: { Terminal.writeStandardError($0) })
  }

  /// Writes `text` and a line break to standard output.
  package func line(_ text: String) {
    progressShowing.withLock { showing in
      eraseProgress(&showing)
      writeOutput(text + "\n")
    }
  }

  /// Writes `text` as is to standard output (prompts).
  package func write(_ text: String) {
    progressShowing.withLock { showing in
      eraseProgress(&showing)
      writeOutput(text)
    }
  }

  /// Writes `text` and a line break to standard error.
  package func error(_ text: String) {
    progressShowing.withLock { showing in
      eraseProgress(&showing)
      writeError(text + "\n")
    }
  }

  /// Writes text held elsewhere (``ConsoleBuffer``) as it is, each piece to its stream, with
  /// no other write in between.
  func replay(_ chunks: [(toError: Bool, text: String)]) {
    progressShowing.withLock { showing in
      eraseProgress(&showing)
      for chunk in chunks {
        if chunk.toError { writeError(chunk.text) } else { writeOutput(chunk.text) }
      }
    }
  }

  /// Draws `text` as the progress line on standard error, replacing the previous one.
  func progress(_ text: String) {
    guard progressEnabled else { return }
    progressShowing.withLock { showing in
      writeError("\r\u{1B}[2K" + text)
      showing = true
    }
  }

  /// Removes the progress line, if one shows.
  func clearProgress() {
    progressShowing.withLock { eraseProgress(&$0) }
  }

  private func eraseProgress(_ showing: inout Bool) {
    guard showing else { return }
    writeError("\r\u{1B}[2K")
    showing = false
  }

  /// `text` in `style` when colour is on.
  func styled(_ text: String, _ style: ANSIStyle) -> String {
    style.apply(text, enabled: color)
  }
}
