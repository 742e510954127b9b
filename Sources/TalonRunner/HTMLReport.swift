import Foundation
import TalonRendering
import TalonScript

/// The `--report html=FILE` page, for people who do not read logs: one self-contained file
/// (its styles inline; no scripts, fonts, images or links to the network) with the verdict,
/// every failure, then per file each statement with its result: the cart as a receipt (items,
/// per-item discounts naming the SKU, free items, totals before and after, loyalty points),
/// the effects in words, expectations passed and failed.
///
/// Narration (`#>` captions) shows before its statement as formatted text, so the report of a
/// demo (`talon run --report html=FILE examples/demo.tw`) is a handout: the story, each
/// receipt, each check.
///
/// Decided here: statements inside blocks and `run` scripts are indented under the statement
/// that ran them; statements that neither call the API nor check anything are shown small at
/// the top level and left out inside blocks, so the page reads as the story of the carts.
package enum HTMLReport {
  package static func document(for report: RunReport, title: String = "talon run") -> String {
    let verdict = Self.verdict(report)
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>\(HTMLText.escape(title)): \(verdict.word)</title>
      <style>
      \(style)
      \(HTMLText.receiptStyle)
      \(CaptionText.htmlStyle)
      </style>
      </head>
      <body>
      <header class="verdict \(verdict.style)">
      <h1>\(HTMLText.escape(title)): \(verdict.word)</h1>
      <p class="summary">\(HTMLText.escape(report.summaryLine))</p>
      </header>

      """
    html += failureList(report)
    html += "<nav><ul class=\"files\">\n"
    for (index, file) in report.files.enumerated() {
      let status = Self.status(of: file)
      html += "<li class=\"\(status)\"><a href=\"#file-\(index + 1)\">"
      html += "\(HTMLText.escape(file.file))</a> <span class=\"badge \(status)\">"
      html += "\(status)</span></li>\n"
    }
    html += "</ul></nav>\n"
    for (index, file) in report.files.enumerated() {
      html += section(for: file, number: index + 1)
    }
    html += "</body>\n</html>\n"
    return html
  }

  static func verdict(_ report: RunReport) -> (word: String, style: String) {
    if report.interrupted { return ("interrupted", "failed") }
    if report.files.contains(where: { !$0.passed }) { return ("FAILED", "failed") }
    return ("passed", "passed")
  }

  /// `passed`, `failed`, `error`, `interrupted` or `not run`.
  static func status(of file: FileOutcome) -> String {
    if !file.ran { return "not-run" }
    if file.interrupted { return "interrupted" }
    if file.failures.contains(where: { $0.kind != .expectFailed }) { return "error" }
    return file.failures.isEmpty ? "passed" : "failed"
  }

  static func failureList(_ report: RunReport) -> String {
    let failures = report.files.flatMap(\.failures)
    guard !failures.isEmpty else { return "" }
    var html = "<section class=\"failures\"><h2>\(failures.count) "
    html += failures.count == 1 ? "failure" : "failures"
    html += "</h2>\n<ul>\n"
    for failure in failures {
      html += "<li><code>\(HTMLText.escape(failure.location.map { "\($0)" } ?? ""))</code> "
      html += HTMLText.escape(failure.message) + "</li>\n"
    }
    return html + "</ul></section>\n"
  }

  static func section(for file: FileOutcome, number: Int) -> String {
    let status = Self.status(of: file)
    var html = "<section class=\"file \(status)\" id=\"file-\(number)\">\n"
    html += "<h2><span class=\"badge \(status)\">\(status)</span> "
    html += "\(HTMLText.escape(file.file))</h2>\n"
    guard file.ran else { return html + "<p class=\"meta\">not run</p>\n</section>\n" }
    var meta = [
      ResultLine.count(file.statements, "statement"),
      "\(ResultLine.count(file.expectationsPassed, "expectation")) passed, "
        + "\(file.expectationsFailed) failed",
      RunReport.seconds(file.seconds),
    ]
    if !file.backend.isEmpty { meta.insert(file.backend, at: 0) }
    html += "<p class=\"meta\">\(HTMLText.escape(meta.joined(separator: " · ")))</p>\n"
    html += "<ol class=\"steps\">\n"
    for step in file.steps where step.caption != nil || !(step.depth > 0 && isQuiet(step)) {
      html += self.step(step, in: file.file)
    }
    html += "</ol>\n"
    if file.steps.isEmpty {
      // Without steps (none ran) the failures still show.
      for failure in file.failures {
        html += "<pre class=\"report\">\(HTMLText.escape(failure.rendered))</pre>\n"
      }
    }
    return html + "</section>\n"
  }

  /// A statement that neither called the API nor checked anything (`let`, control flow,
  /// `echo`): shown small, and not at all inside blocks and called scripts.
  static func isQuiet(_ step: StepRecord) -> Bool {
    step.status == .ok && step.receipt == nil && !step.summary.hasPrefix("2")
  }

  static func step(_ step: StepRecord, in file: String) -> String {
    var captionHTML = ""
    if let caption = step.caption {
      captionHTML =
        "<li class=\"narration\" style=\"margin-left: \(step.depth * 2)em\">"
        + CaptionText.html(caption) + "</li>\n"
    }
    if step.isNarration { return captionHTML }
    let mark: String =
      switch step.status {
      case .ok: "·"
      case .passed: "✓"
      case .failed: "✗"
      case .error: "!"
      case .interrupted: "■"
      }
    let quiet = isQuiet(step)
    var classes = "step \(step.status.rawValue)"
    if quiet { classes += " quiet" }
    var html = "<li class=\"\(classes)\" style=\"margin-left: \(step.depth * 2)em\">"
    html += "<span class=\"mark\">\(mark)</span> "
    html += "<span class=\"where\">\(HTMLText.escape(location(step.location, in: file)))</span> "
    html += "<code>\(HTMLText.escape(firstLine(step.text)))</code>"
    let label: String =
      switch step.status {
      case .ok: ""
      case .passed: "expectation passed"
      case .failed: "expectation failed: "
      case .error: "error: "
      case .interrupted: "interrupted: "
      }
    if step.status == .passed {
      html += " <span class=\"result\">\(label)</span>"
    } else {
      // The receipt words the effects: the line keeps what was called.
      var summary = step.summary
      if step.receipt != nil, let colon = summary.range(of: ": ") {
        summary = String(summary[..<colon.lowerBound])
      }
      html += " <span class=\"result\">\(HTMLText.escape(label + summary))</span>"
    }
    if let report = step.report, step.status != .interrupted {
      html += "\n<pre class=\"report\">\(HTMLText.escape(report))</pre>"
    }
    if let receipt = step.receipt {
      html += "\n" + receipt.html
    }
    return captionHTML + html + "</li>\n"
  }

  /// `12` for the file's own lines, `lib/pay.tw:3` for lines of scripts it runs.
  static func location(_ location: ScriptLocation, in file: String) -> String {
    location.file == file ? "\(location.line)" : "\(location.file):\(location.line)"
  }

  static func firstLine(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return String(lines.first ?? "") + (lines.count > 1 ? " ..." : "")
  }

  static let style = """
    body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      margin: 0 auto; max-width: 70em; padding: 1.5em 2em 3em; color: #1f2328;
      background: #ffffff; line-height: 1.45; }
    header.verdict { padding: 1em 1.4em; border-radius: 8px; margin-bottom: 1.2em; }
    header.verdict h1 { margin: 0 0 .2em 0; font-size: 1.6em; }
    header.verdict p { margin: 0; }
    header.passed { background: #dafbe1; border: 2px solid #2da44e; }
    header.failed { background: #ffebe9; border: 2px solid #cf222e; }
    section.failures { background: #fff8f7; border-left: 5px solid #cf222e; padding: .5em 1em;
      margin-bottom: 1.2em; }
    section.failures h2 { margin: .2em 0; font-size: 1.15em; color: #a40e26; }
    nav ul.files { list-style: none; padding: 0; margin: 0 0 1.5em 0; }
    nav li { padding: .15em 0; }
    a { color: #0550ae; }
    section.file { border-top: 1px solid #d0d7de; padding-top: .6em; margin-top: 1.2em; }
    section.file h2 { font-size: 1.25em; margin: .3em 0; }
    .meta { color: #57606a; margin: 0 0 .6em 0; }
    .badge { display: inline-block; font-size: .75em; font-weight: bold; padding: .1em .6em;
      border-radius: 1em; color: #ffffff; background: #57606a; vertical-align: middle; }
    .badge.passed { background: #2da44e; }
    .badge.failed, .badge.error, .badge.interrupted { background: #cf222e; }
    .badge.not-run { background: #8c959f; }
    ol.steps { list-style: none; padding: 0; margin: 0; }
    li.step { padding: .2em 0; }
    li.step code { background: #f6f8fa; padding: .05em .35em; border-radius: 4px; }
    li.step .mark { display: inline-block; width: 1.2em; font-weight: bold; }
    li.step .where { color: #8c959f; font-size: .85em; display: inline-block; min-width: 2em;
      text-align: right; }
    li.step .result { color: #57606a; }
    li.passed .mark, li.passed .result { color: #1a7f37; }
    li.failed .mark, li.failed .result, li.error .mark, li.error .result,
    li.interrupted .mark, li.interrupted .result { color: #cf222e; font-weight: bold; }
    li.quiet { font-size: .85em; color: #57606a; }
    li.narration { list-style: none; }
    pre.report { background: #fff8f7; border: 1px solid #ffcecb; padding: .5em .8em;
      margin: .3em 0 .3em 2.5em; overflow-x: auto; font-size: 12px; }
    """
}
