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
  /// Failed expectations (with `--keep-going` there may be several), then at most one API,
  /// runtime, parse (of a script it runs) or cancellation error, which stopped the file.
  package var failures: [ScriptError] = []
  /// Whether the file ran at all (false when `--fail-fast`, an `exit` or Ctrl-C stopped the run
  /// before it).
  package var ran = false
  /// Whether Ctrl-C stopped the file while it ran.
  package var interrupted = false
  /// Wall time of the file, in seconds.
  package var seconds: Double = 0
  /// The backend the file ran against (`embedded` or the remote host), for reports.
  package var backend = ""
  /// What each statement did, in order, for the JSON and HTML reports; empty unless one of
  /// them was asked for.
  package var steps: [StepRecord] = []

  package init(file: String) { self.file = file }

  /// True when nothing failed.
  package var passed: Bool { failures.isEmpty }

  /// The most severe failure's exit status (see ``RunReport/severity(of:)``), 0 when none.
  package var exitCode: Int32 {
    failures.map(\.exitCode).max(by: { RunReport.severity(of: $0) < RunReport.severity(of: $1) })
      ?? 0
  }
}

/// The outcome of a whole `talon run`: one outcome per file and the exit status.
package struct RunReport: Sendable {
  package var files: [FileOutcome]
  package var seconds: Double
  /// Set when an `exit N` statement ended the run.
  package var exitRequested: Int32?
  /// Set when the presenter pressed `q` in step mode.
  package var quit = false
  /// Set when Ctrl-C stopped the run.
  package var interrupted = false

  package init(files: [FileOutcome], seconds: Double, exitRequested: Int32? = nil) {
    self.files = files
    self.seconds = seconds
    self.exitRequested = exitRequested
  }

  package var statements: Int { files.reduce(0) { $0 + $1.statements } }
  package var expectationsPassed: Int { files.reduce(0) { $0 + $1.expectationsPassed } }
  package var expectationsFailed: Int { files.reduce(0) { $0 + $1.expectationsFailed } }

  /// How severe an exit status is when several files failed differently: cancelled (130)
  /// outranks an API or runtime error (3), which outranks a parse error (2), which outranks a
  /// failed `expect` (1). Decided in `docs/behaviour.md`, "Exit statuses".
  package static func severity(of code: Int32) -> Int {
    switch code {
    case 130: 4
    case 3: 3
    case 2: 2
    case 1: 1
    default: 0
    }
  }

  /// 0 all passed; otherwise the most severe failure of any file at any depth (130 cancelled,
  /// 3 API or runtime error, 2 parse error of a script run with `run`, 1 failed `expect`);
  /// an `exit N` statement's code when nothing failed.
  package var exitCode: Int32 {
    var worst: Int32 = interrupted ? 130 : 0
    for file in files where Self.severity(of: file.exitCode) > Self.severity(of: worst) {
      worst = file.exitCode
    }
    if worst != 0 { return worst }
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
