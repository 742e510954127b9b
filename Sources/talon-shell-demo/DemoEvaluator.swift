import Foundation
import TalonShell

/// The demo's language (see ``ShellDemo``); an actor, as the real interpreter will be.
actor DemoEvaluator: Evaluator {
  private var context = PromptContext(backend: "embedded")

  var promptContext: PromptContext { context }

  /// Incomplete while a `{`, `[` or `(` is unclosed or the text ends in `\`.
  func isComplete(_ text: String) -> Bool {
    if text.hasSuffix("\\") { return false }
    var depth = 0
    for character in text {
      switch character {
      case "{", "[", "(": depth += 1
      case "}", "]", ")": depth -= 1
      default: break
      }
    }
    return depth <= 0
  }

  func evaluate(_ text: String) async -> EvaluationOutcome {
    let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
    switch words.first {
    case "exit":
      return .exit(words.dropFirst().first.flatMap { Int32($0) } ?? 0)
    case "fail":
      return .error("demo failure", exitCode: words.dropFirst().first.flatMap { Int32($0) } ?? 1)
    case "use":
      let parts = (words.dropFirst().first ?? "").split(separator: "/").map(String.init)
      context.profile = parts.first
      context.session = parts.dropFirst().first
      return .output("")
    case "say":
      Terminal.writeStandardOutput(words.dropFirst().joined(separator: " ") + "\n")
      return .output("")
    case "sleep":
      let seconds = words.dropFirst().first.flatMap { Double($0) } ?? 1
      Terminal.writeStandardOutput("sleeping \(words.dropFirst().first ?? "1") s\n")
      do {
        try await Task.sleep(for: .seconds(seconds))
        return .output("slept")
      } catch {
        return .error("sleep cancelled", exitCode: 3)
      }
    case "hang":
      // Ignores cancellation: the task it waits for is not a child of this one.
      let seconds = words.dropFirst().first.flatMap { Double($0) } ?? 1
      Terminal.writeStandardOutput("hanging \(words.dropFirst().first ?? "1") s\n")
      await Task.detached { try? await Task.sleep(for: .seconds(seconds)) }.value
      return .output("hung")
    default:
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      if lines.count == 1 { return .output("echo: \(text)") }
      return .output("echo[\(lines.count) lines]: " + lines.joined(separator: " | "))
    }
  }
}
