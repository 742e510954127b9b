import Foundation
import TalonAPI
import TalonScript

/// Turns statement results and errors into the text the shell (or the runner) prints.
///
/// - `json`: values as compact JSON, one line.
/// - `pretty`: values as indented JSON, coloured when `color` is set.
/// - `summary`: session and event results (anything with `effects`, v2 or v1) as the effect
///   table of ``ResultSummary`` under a title; loyalty balances and transactions as
///   ``LedgerSummary`` text; other values in the words of ``ValueSummary``.
///
/// Decisions: `echo` and `help` text is printed as is in every format; `let` of an API
/// command shows the command's result (so `let s = session update ...` still shows the
/// effects), `let` of a plain value, a held `expect`, control flow and `exit` show nothing.
/// Nested results (statements inside blocks and `run` scripts) are not part of
/// ``render(_:)``; render them one by one as they arrive. Errors are `ScriptError.rendered`,
/// red when `color` is set.
public struct ResultRenderer: Sendable {
  public var format: OutputFormat
  public var color: Bool

  public init(format: OutputFormat = .pretty, color: Bool = false) {
    self.format = format
    self.color = color
  }

  /// The text for one result; empty when it shows nothing. No final newline.
  public func render(_ result: StatementResult) -> String {
    switch result.kind {
    case .output(let text):
      return text.hasSuffix("\n") ? String(text.dropLast()) : text
    case .api(let call):
      return render(value: result.value, call: call)
    case .value:
      return render(value: result.value)
    case .assignment:
      guard let call = result.apiCalls.last else { return "" }
      return render(value: result.value, call: call)
    case .expectation, .none, .exit:
      return ""
    }
  }

  /// A value in this format; `call` is the API call that answered it, if any.
  public func render(value: JSONValue, call: APICallRecord? = nil) -> String {
    switch format {
    case .json:
      return JSONTextWriter.forPeople(indented: false, color: false).text(value)
    case .pretty:
      return JSONTextWriter.forPeople(indented: true, color: color).text(value)
    case .summary:
      if let explanation = Explanation(value) {
        return ExplanationText.text(explanation, color: color)
      }
      if let summary = ResultSummary(value) {
        guard let dryRun = call?.dryRun else { return summary.text(color: color) }
        return summary.whatIfText(
          color: color, stored: dryRun.stored.flatMap(ResultSummary.init)?.lines)
      }
      if let text = LedgerSummary.text(value) { return text }
      return ValueSummary.text(
        value, operation: call?.operation.sdkName, parameters: call?.pathParameters ?? [])
    }
  }

  /// The error as the compiler-style text with its location (and caret), red with colour.
  public func render(error: ScriptError) -> String {
    ANSIStyle.red.apply(error.rendered, enabled: color)
  }

  /// One line about a result, for progress output: the operation and its path parameter,
  /// the status, the number of effects, the time; or the statement's text for non-API
  /// statements. E.g. `UpdateCustomerSessionV2 s1: 200, 2 effects (discount, coupon), 3 ms`.
  public func renderLine(_ result: StatementResult) -> String {
    guard case .api(let call) = result.kind else {
      if case .assignment = result.kind, let call = result.apiCalls.last {
        return line(call, value: result.value, duration: result.duration)
      }
      return result.text
    }
    return line(call, value: result.value, duration: result.duration)
  }

  private func line(_ call: APICallRecord, value: JSONValue, duration: Duration) -> String {
    var text = call.operation.sdkName
    if let parameter = call.pathParameter { text += " " + parameter }
    if call.dryRun != nil { text += " (dry run)" }
    text += ": \(call.status)"
    if let summary = ResultSummary(value) {
      let labels = summary.lines.map(\.label).reduce(into: [String]()) { unique, label in
        if !unique.contains(label) { unique.append(label) }
      }
      let count = summary.lines.count
      text += ", \(count) effect\(count == 1 ? "" : "s")"
      if !labels.isEmpty { text += " (\(labels.joined(separator: ", ")))" }
    }
    let milliseconds =
      Double(duration.components.attoseconds) / 1e15
      + Double(duration.components.seconds) * 1000
    return text + ", " + String(format: "%.0f ms", milliseconds)
  }
}
