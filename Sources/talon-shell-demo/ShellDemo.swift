import Foundation
import TalonShell

/// TEST FIXTURE, not a product: the shell loop with a tiny built-in evaluator. The pty tests
/// drive the real `talon` binary; this fixture remains only for the one loop behaviour the
/// command language cannot trigger: a second Ctrl-C giving up on a command that ignores
/// cancellation (`hang`).
///
/// Statements: `exit [N]`, `sleep N` (cancellable), `hang N` (ignores cancellation), `fail [N]` (an error with exit code N),
/// `use PROFILE[/SESSION]` (sets the prompt context), `say TEXT` (prints TEXT during
/// evaluation); anything else is echoed back. `TALON_DEMO_SECRET` is treated as the active
/// API key of the history.
@main
struct ShellDemo {
  static func main() async {
    let loop = ShellLoop(evaluator: DemoEvaluator(), completer: DemoCompleter())
    if let secret = ProcessInfo.processInfo.environment["TALON_DEMO_SECRET"] {
      loop.history?.activeSecrets = [secret]
    }
    exit(await loop.run())
  }
}

/// Completes the demo's fixed words at the start of the line or after a space.
struct DemoCompleter: Completer {
  static let words = ["echo", "exit", "fail", "hang", "hello", "help", "say", "sleep", "use"]

  func complete(line: String, cursor: Int) -> CompletionResult {
    let before = line.prefix(cursor)
    let word = before.reversed().prefix { !$0.isWhitespace }.reversed()
    let partial = String(word)
    return CompletionResult(
      replacing: partial.count, candidates: Self.words.filter { $0.hasPrefix(partial) })
  }
}
