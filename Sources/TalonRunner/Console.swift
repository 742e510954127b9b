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
  /// Whether the progress line shows, and standard output held back by ``holdingOutput(_:)``;
  /// locked while writing, so writes never interleave.
  private let state = Mutex(State())

  private struct State {
    var progressShowing = false
    /// Standard output not written yet; nil when writes go out at once.
    var heldOutput: String?
  }

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
    state.withLock { state in
      eraseProgress(&state)
      output(text + "\n", &state)
    }
  }

  /// Writes `text` as is to standard output (prompts).
  package func write(_ text: String) {
    state.withLock { state in
      eraseProgress(&state)
      output(text, &state)
    }
  }

  /// Writes `text` and a line break to standard error.
  package func error(_ text: String) {
    state.withLock { state in
      releaseOutput(&state)
      eraseProgress(&state)
      writeError(text + "\n")
    }
  }

  /// Runs `body` with standard output held back, then writes what it wrote at once: the
  /// output thread writes a batch of result lines with one system call instead of one each.
  /// Anything written to standard error meanwhile first lets out what is held, so the order
  /// of the two streams stays as written.
  func holdingOutput(_ body: () -> Void) {
    state.withLock { $0.heldOutput = $0.heldOutput ?? "" }
    body()
    state.withLock { state in
      releaseOutput(&state)
      state.heldOutput = nil
    }
  }

  /// Writes text held elsewhere (``ConsoleBuffer``) as it is, each piece to its stream, with
  /// no other write in between.
  func replay(_ chunks: [(toError: Bool, text: String)]) {
    state.withLock { state in
      releaseOutput(&state)
      eraseProgress(&state)
      for chunk in chunks {
        if chunk.toError { writeError(chunk.text) } else { writeOutput(chunk.text) }
      }
    }
  }

  /// Draws `text` as the progress line on standard error, replacing the previous one.
  func progress(_ text: String) {
    guard progressEnabled else { return }
    state.withLock { state in
      releaseOutput(&state)
      writeError("\r\u{1B}[2K" + text)
      state.progressShowing = true
    }
  }

  /// Removes the progress line, if one shows.
  func clearProgress() {
    state.withLock { eraseProgress(&$0) }
  }

  private func eraseProgress(_ state: inout State) {
    guard state.progressShowing else { return }
    writeError("\r\u{1B}[2K")
    state.progressShowing = false
  }

  private func output(_ text: String, _ state: inout State) {
    if state.heldOutput != nil {
      state.heldOutput?.append(text)
    } else {
      writeOutput(text)
    }
  }

  /// Writes what standard output holds; holding goes on.
  private func releaseOutput(_ state: inout State) {
    guard let held = state.heldOutput, !held.isEmpty else { return }
    writeOutput(held)
    state.heldOutput = ""
  }

  /// `text` in `style` when colour is on.
  func styled(_ text: String, _ style: ANSIStyle) -> String {
    style.apply(text, enabled: color)
  }
}
