import TalonRendering
import TalonScript

/// What happened to one workflow file.
package struct FileOutcome: Sendable {
  /// The file as given on the command line.
  package var file: String
  /// Statements executed, nested ones (in blocks and `run` scripts) included.
  package var statements = 0
  package var expectationsPassed = 0
  package var expectationsFailed = 0
  /// Top-level statements skipped in step mode.
  package var skipped = 0
  /// Failed expectations (with `--keep-going` there may be several), then at most one API or
  /// runtime error, which stopped the file.
  package var failures: [ScriptError] = []
  /// Whether the file ran at all (false when an earlier failure stopped the run).
  package var ran = false
  /// Wall time of the file, in seconds.
  package var seconds: Double = 0

  package init(file: String) { self.file = file }

  /// True when nothing failed.
  package var passed: Bool { failures.isEmpty }
}

/// The outcome of a whole `talon run`: one outcome per file and the exit status.
package struct RunReport: Sendable {
  package var files: [FileOutcome]
  package var seconds: Double
  /// Set when an `exit N` statement ended the run.
  package var exitRequested: Int32?
  /// Set when the presenter pressed `q` in step mode.
  package var quit = false

  package init(files: [FileOutcome], seconds: Double, exitRequested: Int32? = nil) {
    self.files = files
    self.seconds = seconds
    self.exitRequested = exitRequested
  }

  package var statements: Int { files.reduce(0) { $0 + $1.statements } }
  package var expectationsPassed: Int { files.reduce(0) { $0 + $1.expectationsPassed } }
  package var expectationsFailed: Int { files.reduce(0) { $0 + $1.expectationsFailed } }

  /// 0 all passed; 3 when any API or runtime error happened (it is the more serious), else 1
  /// when an `expect` failed; 130 when cancelled; an `exit N` statement's code otherwise.
  package var exitCode: Int32 {
    let failures = files.flatMap(\.failures)
    if failures.contains(where: { $0.kind == .cancelled }) { return 130 }
    if failures.contains(where: { $0.kind == .api || $0.kind == .runtime }) { return 3 }
    if failures.contains(where: { $0.kind == .expectFailed }) { return 1 }
    return exitRequested ?? 0
  }

  /// `3 files, 41 statements, 17 expectations passed, 0 failed, 0.42s`.
  package var summaryLine: String {
    let fileCount = files.filter(\.ran).count
    var line =
      "\(ResultLine.count(fileCount, "file")), \(ResultLine.count(statements, "statement")), "
      + "\(ResultLine.count(expectationsPassed, "expectation")) passed, "
      + "\(expectationsFailed) failed"
    let skipped = files.reduce(0) { $0 + $1.skipped }
    if skipped > 0 { line += ", \(skipped) skipped" }
    let notRun = files.count - fileCount
    if notRun > 0 { line += ", \(ResultLine.count(notRun, "file")) not run" }
    return line + ", " + Self.seconds(seconds)
  }

  static func seconds(_ value: Double) -> String {
    let hundredths = (value * 100).rounded()
    let whole = Int(hundredths) / 100
    let fraction = Int(hundredths) % 100
    return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)s"
  }
}
