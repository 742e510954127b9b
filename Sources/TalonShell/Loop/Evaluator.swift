/// The language behind the shell: says when typed text is a complete statement, evaluates
/// it, and tells the prompt what context it is in.
///
/// Requirements are `async` so that an actor can conform directly; a synchronous
/// implementation satisfies them too. ``evaluate(_:)`` runs in a task that the shell cancels
/// on Ctrl-C; it should stop promptly when cancelled (``Task/checkCancellation()``,
/// cancellable `Task.sleep`, HTTP requests) and answer with an error outcome.
public protocol Evaluator: Sendable {
  /// Whether `text` (the lines typed so far, joined by newlines) is complete; false shows the
  /// continuation prompt and reads another line (unclosed brackets, a trailing `\`).
  func isComplete(_ text: String) async -> Bool
  /// Evaluates one complete statement.
  func evaluate(_ text: String) async -> EvaluationOutcome
  /// Evaluates one complete statement whose first line is line `line` of the input (piped
  /// input), so errors carry their real line. By default the same as ``evaluate(_:)``.
  func evaluate(_ text: String, line: Int) async -> EvaluationOutcome
  /// The backend, profile and session the prompt shows.
  var promptContext: PromptContext { get async }
}

extension Evaluator {
  public func evaluate(_ text: String, line: Int) async -> EvaluationOutcome {
    await evaluate(text)
  }
}

/// The result of one evaluation, as the shell prints it.
public enum EvaluationOutcome: Sendable, Equatable {
  /// Text for standard output (already rendered; a final newline is added when missing;
  /// empty prints nothing).
  case output(String)
  /// A failure message for standard error (red on a terminal). In non-interactive use the
  /// shell stops with `exitCode` (the runner's codes: 1 failed `expect`, 2 parse error,
  /// 3 API or runtime error).
  case error(String, exitCode: Int32 = 1)
  /// Leave the shell with this status.
  case exit(Int32)
}
