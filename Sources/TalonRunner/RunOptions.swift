import TalonAPI
import TalonRendering

/// What `talon run` was asked to do, after the command line has been read.
package struct RunOptions: Sendable {
  /// The workflow files, in the order given.
  package var files: [String]
  /// `--var KEY=VALUE`: the top-level `$args` of every file.
  package var arguments: [String: JSONValue]
  /// `--keep-going`: after a failed `expect` the file goes on with its next statement (an API
  /// or runtime error always stops its file).
  package var keepGoing: Bool
  /// `--fail-fast`: the first file that fails stops the run (by default every file runs).
  package var failFast: Bool
  /// `--jobs N`: how many files run at once, each against its own backend.
  package var jobs: Int
  /// `--report KIND=FILE`, as often as given.
  package var reports: [ReportRequest]
  /// `--step-all`: one top-level statement per key press.
  package var step: Bool
  /// `--step` or `--auto`: presenter mode, which stops only at API commands and narration
  /// (`Presenter`); the keys come from the runner's `StepInput`.
  package var presenter = false
  /// `--dry-run`: parse and check references, call nothing.
  package var dryRun: Bool
  package var verbosity: Verbosity
  /// How full results show (with `--verbose`, in `--step`, for values of bare expressions).
  package var format: OutputFormat?
  /// `--update`: run each file with its snapshot lines (`expect ... # snapshot`) left out,
  /// then rewrite them from what the run observed and show the diff.
  package var update = false
  /// `--seed`: the interpreter's random source (the engine gets it from the backend options).
  package var seed: UInt64?
  /// Opens an interactive shell on the file's backend when step mode asks for one (the
  /// presenter's drop into the shell); nil: never.
  package var interactiveShell: InteractiveShell?

  package init(
    files: [String], arguments: [String: JSONValue] = [:], keepGoing: Bool = false,
    failFast: Bool = false, jobs: Int = 1, junitPath: String? = nil,
    reports: [ReportRequest] = [], step: Bool = false, dryRun: Bool = false,
    verbosity: Verbosity = .normal, format: OutputFormat? = nil, seed: UInt64? = nil,
    interactiveShell: InteractiveShell? = nil
  ) {
    self.files = files
    self.arguments = arguments
    self.keepGoing = keepGoing
    self.failFast = failFast
    self.jobs = max(1, jobs)
    self.reports = (junitPath.map { [ReportRequest(kind: .junit, path: $0)] } ?? []) + reports
    self.step = step
    self.dryRun = dryRun
    self.verbosity = verbosity
    self.format = format
    self.seed = seed
    self.interactiveShell = interactiveShell
  }

  /// Whether statements are kept for a report that shows each (JSON, HTML).
  var recordsSteps: Bool {
    reports.contains { $0.kind != .junit }
  }

  /// The format full results use: the one asked for, else summary in step mode and pretty
  /// otherwise.
  var effectiveFormat: OutputFormat {
    format ?? (step || presenter ? .summary : .pretty)
  }

  /// Whether a person (or `--auto`) decides at stops: `--step-all` or presenter mode.
  var isInteractive: Bool { step || presenter }
}

/// How much `talon run` prints.
package enum Verbosity: Sendable {
  /// Only failures and the summary line.
  case quiet
  /// One line per top-level statement with a one-line result.
  case normal
  /// Every statement, nested ones too, with its full result.
  case verbose
}

extension RunOptions {
  /// Reads `--var KEY=VALUE` arguments. The value is JSON when it reads as JSON (`3`, `true`,
  /// `[1,2]`, `{"a":1}`, `"quoted"`), otherwise the text as given (`alice`, `SUMMER10`).
  /// A later `--var` with the same key wins.
  package static func parseVariables(_ items: [String]) throws(RunnerUsageError)
    -> [String: JSONValue]
  {
    var variables: [String: JSONValue] = [:]
    for item in items {
      guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
        throw RunnerUsageError("--var needs KEY=VALUE, got '\(item)'")
      }
      let key = String(item[..<equals])
      guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
        throw RunnerUsageError("--var key '\(key)' may hold only letters, digits, '_' and '-'")
      }
      let text = String(item[item.index(after: equals)...])
      variables[key] = (try? JSONValue(parsing: text)) ?? .string(text)
    }
    return variables
  }

  /// Reads `--report KIND=FILE`: `junit`, `json` or `html`.
  package static func parseReport(_ item: String) throws(RunnerUsageError) -> ReportRequest {
    guard let equals = item.firstIndex(of: "="),
      let kind = ReportKind(rawValue: String(item[..<equals])),
      item.index(after: equals) < item.endIndex
    else {
      throw RunnerUsageError(
        "--report needs junit=FILE, json=FILE or html=FILE, got '\(item)'")
    }
    return ReportRequest(kind: kind, path: String(item[item.index(after: equals)...]))
  }
}

/// The kinds of report `talon run` writes.
package enum ReportKind: String, Sendable, CaseIterable {
  /// JUnit XML, one test case per file, for CI.
  case junit
  /// Every file and statement as JSON, for tools.
  case json
  /// One self-contained HTML page, for people.
  case html
}

/// `--report KIND=FILE`.
package struct ReportRequest: Sendable, Equatable {
  package var kind: ReportKind
  package var path: String

  package init(kind: ReportKind, path: String) {
    self.kind = kind
    self.path = path
  }
}

/// A mistake on the command line that ArgumentParser cannot see (exit 2).
package struct RunnerUsageError: Error, CustomStringConvertible {
  package var description: String
  package init(_ description: String) { self.description = description }
}
