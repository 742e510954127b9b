import Foundation
import TalonAPI
import TalonRendering
import TalonScript

/// Writes statement results the way `talon run` shows them:
///
/// - normal: one line per top-level statement, `  12  session update s1 ...  -> 200 ...  (3.1ms)`,
///   then the output of `echo` statements inside its blocks;
/// - verbose: also every nested statement (indented by depth) and the full result of each
///   statement that has one, in the chosen format;
/// - quiet: nothing here (failures and the summary only).
///
/// Failure reports go to standard error: the `FAIL` line on standard output, then the
/// compiler-style report (`file:line:col: error: ...`, the source line, a caret, the whole
/// statement when it spans lines).
struct ResultPrinter: Sendable {
  let console: Console
  let verbosity: Verbosity
  /// Changed by `set output` in the file.
  var format: OutputFormat
  /// Step mode shows each result in full (the summary view by default).
  let step: Bool

  /// Width the statement text is cut to in a result line.
  static let statementWidth = 56

  /// Step mode: the statement that runs next, and the keys.
  func announce(_ statement: Statement) {
    let location = console.styled("\(statement.location.file):\(statement.location.line)", .dim)
    console.line("\n\(console.styled("next", .cyan)) \(location)")
    for line in statement.text.split(separator: "\n", omittingEmptySubsequences: false) {
      console.line("  " + console.styled(String(line), .bold))
    }
    console.write(console.styled("[Enter] run  [s] skip  [!] shell  [q] quit ", .dim))
  }

  func print(_ result: StatementResult) {
    defer { printWarnings(of: result) }
    guard verbosity != .quiet else { return }
    // Captions show only when verbose (`docs/language.md`, "Narration").
    if verbosity == .verbose, let caption = result.caption {
      console.line("")
      console.line(CaptionText.terminal(caption, width: console.width, color: console.color))
    }
    if result.isNarration { return }
    if case .output(let text) = result.kind {
      console.line(text)
    } else {
      console.line(line(for: result, indent: 0))
      if verbosity == .verbose || step, let full = fullText(of: result) {
        console.line(indented(full, by: 6))
      }
    }
    printNested(result.nested)
  }

  /// One line per runtime rule failure the statement's answers reported, on standard error
  /// after the result (also when quiet: they are never dropped).
  func printWarnings(of result: StatementResult) {
    for warning in result.warnings { console.error(warning) }
  }

  func printFailure(_ error: ScriptError, statement: Statement, nested: [StatementResult]) {
    if verbosity != .quiet {
      let status = console.styled(error.kind == .expectFailed ? "FAIL" : "ERROR", .red)
      console.line(
        "  \(lineNumber(statement.location.line))  \(statementText(statement.text))  \(status)")
      printNested(nested)
    }
    var report = error.rendered
    if let text = error.statementText, text.contains("\n") {
      report += "\nin the statement:\n" + indented(text, by: 2)
    }
    console.error(report)
  }

  private func printNested(_ nested: [StatementResult]) {
    guard verbosity != .quiet else { return }
    for result in nested {
      if verbosity == .verbose, let caption = result.caption {
        let text = CaptionText.terminal(
          caption, width: console.width - 2 * result.depth, color: console.color)
        console.line(indented(text, by: 2 * result.depth))
      }
      if result.isNarration { continue }
      if case .output(let text) = result.kind {
        console.line(indented(text, by: 2 * result.depth))
      } else if verbosity == .verbose {
        console.line(line(for: result, indent: 2 * result.depth))
        if let full = fullText(of: result) {
          console.line(indented(full, by: 6 + 2 * result.depth))
        }
      }
    }
  }

  /// The full result in the chosen format, for results that have one.
  func fullText(of result: StatementResult) -> String? {
    switch result.kind {
    case .api, .value: break
    case .assignment where !result.apiCalls.isEmpty: break
    default: return nil
    }
    let text = ResultRenderer(format: format, color: console.color).render(result)
    return text.isEmpty ? nil : text
  }

  func line(for result: StatementResult, indent: Int) -> String {
    let summary = ResultLine.text(for: result)
    let styledSummary: String
    switch result.kind {
    case .expectation: styledSummary = console.styled(summary, .green)
    case .exit: styledSummary = console.styled(summary, .yellow)
    default: styledSummary = summary
    }
    return String(repeating: " ", count: indent)
      + "  \(lineNumber(result.location.line))  \(statementText(result.text))  "
      + "\(console.styled("->", .dim)) \(styledSummary)  "
      + console.styled("(\(Self.duration(result.duration)))", .dim)
  }

  private func lineNumber(_ line: Int) -> String {
    let text = String(line)
    return console.styled(String(repeating: " ", count: max(0, 4 - text.count)) + text, .dim)
  }

  /// The statement's first line, cut to `statementWidth` (`...` marks what was cut).
  func statementText(_ text: String) -> String {
    let end = text.firstIndex(of: "\n") ?? text.endIndex
    var first = String(text[..<end])
    var cut = end != text.endIndex
    if first.utf8.count > Self.statementWidth, first.count > Self.statementWidth {
      first = String(first.prefix(Self.statementWidth - 3))
      cut = true
    }
    return cut ? first + "..." : first
  }

  private func indented(_ text: String, by count: Int) -> String {
    let padding = String(repeating: " ", count: count)
    return text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { padding + $0 }.joined(separator: "\n")
  }

  /// `0.4ms`, `12ms`, `1.25s`.
  static func duration(_ duration: Duration) -> String {
    let milliseconds = WorkflowRunner.seconds(duration) * 1000
    if milliseconds < 10 {
      // Tenths by hand: `String(format:)` cost more than the rest of a result line.
      let tenths = Int((milliseconds * 10).rounded())
      return "\(tenths / 10).\(tenths % 10)ms"
    }
    if milliseconds < 1000 { return "\(Int(milliseconds.rounded()))ms" }
    return String(format: "%.2fs", milliseconds / 1000)
  }
}
