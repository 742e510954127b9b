import Foundation
import TalonScript

/// The `--report junit=FILE` document: one `<testsuite>` for the run, one `<testcase>` per
/// workflow file.
///
/// Decided here: a test case has at most one `<failure>` or `<error>` element holding every
/// failure of the file (CI tools show one per case): an `<error>` (its `type` the kind: `api`,
/// `runtime`, `parse`, `cancelled`) when anything but an `expect` failed, else a
/// `<failure type="expect">`. Its `message` is the first failure, `file:line:col: message`, with
/// `(and N more)`; the body holds each compiler-style report (source line and caret), one after
/// the other. A file interrupted by Ctrl-C is an `<error type="cancelled">`; a file not run
/// (`--fail-fast`, `exit` or Ctrl-C stopped the run before it) is `<skipped/>`. Text is
/// escaped for XML, and characters XML cannot hold (control characters other than tab,
/// newline and carriage return) become U+FFFD.
package enum JUnitReport {
  package static func document(for report: RunReport, suiteName: String = "talon run") -> String {
    let failures = report.files.filter { !$0.failures.isEmpty && !isError($0) }.count
    let errors = report.files.filter(isError).count
    let skipped = report.files.filter { !$0.ran }.count
    var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    let counts =
      #"tests="\#(report.files.count)" failures="\#(failures)" errors="\#(errors)""#
      + #" skipped="\#(skipped)" time="\#(seconds(report.seconds))""#
    xml += #"<testsuites name="\#(escape(suiteName))" \#(counts)>"# + "\n"
    xml += #"  <testsuite name="\#(escape(suiteName))" \#(counts)>"# + "\n"
    for file in report.files {
      xml += testCase(for: file)
    }
    xml += "  </testsuite>\n</testsuites>\n"
    return xml
  }

  /// Whether the file's element is an `<error>`: something other than an `expect` failed.
  static func isError(_ file: FileOutcome) -> Bool {
    file.failures.contains { $0.kind != .expectFailed }
  }

  static func testCase(for file: FileOutcome) -> String {
    let name = escape(file.file)
    let className = escape(Self.className(of: file.file))
    var xml =
      #"    <testcase name="\#(name)" classname="\#(className)" file="\#(name)""#
      + #" assertions="\#(file.expectationsPassed + file.expectationsFailed)""#
      + #" time="\#(seconds(file.seconds))""#
    if file.ran && file.failures.isEmpty { return xml + "/>\n" }
    xml += ">\n"
    if !file.ran { xml += "      <skipped/>\n" }
    if let first = file.failures.first {
      let error = isError(file)
      let element = error ? "error" : "failure"
      let decisive = file.failures.first { $0.kind != .expectFailed } ?? first
      let type = decisive.kind == .expectFailed ? "expect" : decisive.kind.rawValue
      var message = (first.location.map { "\($0): " } ?? "") + first.message
      if file.failures.count > 1 { message += " (and \(file.failures.count - 1) more)" }
      let body = file.failures.map { failure in
        var text = failure.rendered
        if let statement = failure.statementText, statement.contains("\n") {
          text += "\nin the statement:\n" + statement
        }
        return text
      }.joined(separator: "\n\n")
      xml +=
        #"      <\#(element) message="\#(attribute(message))" type="\#(type)">"#
        + escape(body) + "</\(element)>\n"
    }
    return xml + "    </testcase>\n"
  }

  /// `workflows/checkout.tw` → `workflows.checkout`.
  static func className(of file: String) -> String {
    var name = file
    if name.hasSuffix(".tw") { name.removeLast(3) }
    while name.hasPrefix("./") { name.removeFirst(2) }
    return name.replacingOccurrences(of: "/", with: ".")
  }

  static func seconds(_ value: Double) -> String {
    String(format: "%.3f", value)
  }

  /// Text safe inside an XML attribute, line breaks and tabs kept as character references
  /// (a parser would turn them into spaces otherwise).
  static func attribute(_ text: String) -> String {
    escape(text).replacingOccurrences(of: "\n", with: "&#10;")
      .replacingOccurrences(of: "\r", with: "&#13;").replacingOccurrences(of: "\t", with: "&#9;")
  }

  /// Text safe inside an XML attribute or element.
  package static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&apos;"
      case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        let allowed =
          (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
          || (0x10000...0x10FFFF).contains(value)
        escaped.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return escaped
  }
}
