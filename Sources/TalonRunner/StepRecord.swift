import TalonAPI
import TalonRendering
import TalonScript

/// What one statement did, kept for the JSON and HTML reports: where it stands, its text, how
/// it ended, its one-line result and, for session and event answers, the cart as a receipt.
package struct StepRecord: Sendable {
  /// How a statement ended.
  package enum Status: String, Sendable {
    /// It ran (an API call, an assignment, output).
    case ok
    /// An `expect` held.
    case passed
    /// An `expect` did not hold.
    case failed
    /// An API, runtime or parse error stopped it.
    case error
    /// Ctrl-C stopped the run here.
    case interrupted
  }

  package var location: ScriptLocation
  /// 0 top level, 1 inside a block or a script `run` calls, and so on.
  package var depth: Int
  /// The statement's source text.
  package var text: String
  package var status: Status
  /// The one-line result (`200 updateCustomerSessionV2 s1: coupon SUMMER10 accepted`), or the
  /// failure's message.
  package var summary: String
  /// The answer as a receipt, for session and event answers.
  package var receipt: Receipt?
  /// The compiler-style report of a failure (source line and caret).
  package var report: String?
  /// The narration before the statement (`#>` lines), if any.
  package var caption: Caption?
  /// True for a caption standing alone (no statement of its own).
  package var isNarration = false

  init(result: StatementResult) {
    location = result.location
    depth = result.depth
    text = result.text
    summary = ResultLine.text(for: result)
    caption = result.caption
    isNarration = result.isNarration
    switch result.kind {
    case .expectation: status = .passed
    default: status = .ok
    }
    switch result.kind {
    case .api: receipt = Receipt(result.value)
    case .assignment where !result.apiCalls.isEmpty: receipt = Receipt(result.value)
    default: receipt = nil
    }
  }

  init(failure: ScriptError, statement: Statement) {
    location = failure.location ?? statement.location
    depth = failure.location.map { $0.file == statement.location.file ? 0 : 1 } ?? 0
    text = failure.statementText ?? statement.text
    switch failure.kind {
    case .expectFailed: status = .failed
    case .cancelled: status = .interrupted
    case .api, .runtime, .parse: status = .error
    }
    summary = failure.message
    report = failure.rendered
    caption = statement.caption
  }
}
