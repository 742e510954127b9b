import ArgumentParser
import Foundation
import TalonAPI
import TalonBackends
import TalonEngine
import TalonRendering
import TalonRunner

/// `talon run`: replays `.tw` workflow files; only reads the options and delegates to
/// `TalonRunner.WorkflowRunner`.
///
/// Decided here: each file gets a fresh in-memory embedded engine unless `--data` names a
/// store or `--store` a PostgreSQL database (then the files share it, in order) or `--url` a
/// remote API (one client for the run).
/// Mistakes the argument parser cannot see (a bad `--var`, `--report`, `--output`, `--quiet`
/// with `--verbose`, an unreadable campaign file) exit 2 like a parse error.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run .tw workflow files and check their expectations.",
    discussion: """
      Every file is parsed before any runs. Each file then runs against a fresh in-memory \
      embedded engine (seeded, with a virtual clock, when --seed is given), or against --url; \
      every file runs even when one fails (--fail-fast stops at the first). Exit status: 0 all \
      passed, 1 an expect failed, 2 usage or parse error (also of a script `run` calls), 3 an \
      API or runtime error, 130 interrupted (Ctrl-C; the reports are still written); over \
      several files the most severe wins. \
      A recording made by the shell (`record start`) replays with the campaign file and seed \
      its header names, unless --campaigns or --seed are given.
      """)

  @Argument(help: "The workflow files to run, in order.", completion: .file(extensions: ["tw"]))
  var files: [String] = []

  @Option(
    name: .customLong("var"),
    help: ArgumentHelp(
      "An argument of every workflow, read as $args.KEY (repeatable).", valueName: "KEY=VALUE"))
  var variables: [String] = []

  @OptionGroup(title: "Remote Integration API")
  var remote: RemoteOptions

  @OptionGroup(title: "Embedded engine")
  var embedded: EmbeddedOptions

  @Flag(help: "Go on with the file's next statement after a failed expect.")
  var keepGoing = false

  @Flag(help: "Stop at the first file that fails (by default every file runs).")
  var failFast = false

  @Option(
    name: [.short, .long],
    help: "Run this many files at once, each against its own backend (default 1).")
  var jobs = 1

  @Option(
    help: ArgumentHelp(
      "Write a report: junit=FILE, json=FILE or html=FILE (repeatable).", valueName: "KIND=FILE"))
  var report: [String] = []

  @Flag(
    help: """
      Presenter mode: stops at each API command and narration (#> lines) and shows its \
      result. Keys: Enter next, b back, g N go to step N, v the step's JSON, e explain, \
      ! shell (exit resumes), s skip, q quit.
      """)
  var step = false

  @Flag(help: "Stop at every top-level statement: Enter runs it, s skips it, ! shell, q quits.")
  var stepAll = false

  @Option(
    help: ArgumentHelp(
      "Presenter mode that advances by itself after SECONDS at each stop (no terminal needed).",
      valueName: "SECONDS"))
  var auto: Double?

  @Flag(help: "Parse and check references without calling the API.")
  var dryRun = false

  @Flag(
    help: """
      Reset the backend before each file: a `talon serve --test-control` at --url (its store, \
      clock and seed start afresh), or the shared --data store.
      """)
  var reset = false

  @Flag(
    help: """
      Rewrite the snapshot lines (expect ... # snapshot) of each file from a new run and show \
      the diff; needs a seed (--seed, or the recording's).
      """)
  var update = false

  @Flag(name: [.short, .long], help: "Show only failures and the summary.")
  var quiet = false

  @Flag(name: [.short, .long], help: "Show every statement with its full result.")
  var verbose = false

  @Option(
    help: "How full results show (--verbose, --step, --step-all): json, pretty or summary.",
    completion: .list(OutputFormat.allCases.map(\.rawValue)))
  var output: String?

  func run() async throws {
    let options: RunOptions
    let backend: BackendProvider
    let shutdown: @Sendable () async -> Void
    do {
      options = try runOptions()
      (backend, shutdown) = try backendProvider()
    } catch {
      Console.standard().error("error: \(error)")
      throw ExitCode(2)
    }
    // The virtual clock of --seed or --clock, said once before the first file.
    if !dryRun && !quiet, (try? remote.configuration()) == nil, let note = embedded.clockNote {
      Console.standard().line(note)
    }
    let stepInput: (any StepInput)? =
      if let auto {
        AutoStepInput(delay: .milliseconds(Int64((auto * 1000).rounded())))
      } else if step
        || stepAll
      { TerminalStepInput() } else { nil }
    let runner = WorkflowRunner(
      options: options, backend: backend, console: .standard(), stepInput: stepInput)
    let outcome = await RunInterruption.run(runner)
    await shutdown()
    if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
  }

  private func runOptions() throws -> RunOptions {
    if quiet && verbose { throw RunnerUsageError("--quiet and --verbose exclude each other") }
    if jobs < 1 { throw RunnerUsageError("--jobs must be 1 or more, not \(jobs)") }
    let modes = [step, stepAll, auto != nil].filter { $0 }.count
    if modes > 1 { throw RunnerUsageError("--step, --step-all and --auto exclude each other") }
    if let auto, !(auto >= 0 && auto <= 3600) {
      throw RunnerUsageError("--auto needs a number of seconds from 0 to 3600, not \(auto)")
    }
    if jobs > 1 && modes > 0 {
      throw RunnerUsageError("--step, --step-all and --auto run one file at a time: drop --jobs")
    }
    if jobs > 1 && embedded.databaseURL != nil {
      throw RunnerUsageError(
        "--store makes the files share one database, in order: drop --jobs or --store")
    }
    if jobs > 1 && embedded.data != nil {
      throw RunnerUsageError(
        "--data makes the files share one store, in order: drop --jobs or --data")
    }
    var format: OutputFormat?
    if let output {
      guard let chosen = OutputFormat(rawValue: output) else {
        throw RunnerUsageError("--output must be json, pretty or summary, not '\(output)'")
      }
      format = chosen
    }
    if update && (dryRun || modes > 0) {
      throw RunnerUsageError(
        "--update runs the files; it excludes --dry-run, --step, --step-all and --auto")
    }
    var options = RunOptions(
      files: files, arguments: try RunOptions.parseVariables(variables), keepGoing: keepGoing,
      failFast: failFast, jobs: jobs, reports: try report.map(RunOptions.parseReport),
      step: stepAll, dryRun: dryRun,
      verbosity: quiet ? .quiet : verbose ? .verbose : .normal, format: format,
      seed: embedded.seed, interactiveShell: WorkflowShell.open)
    options.update = update
    options.presenter = step || auto != nil
    return options
  }

  /// A backend per file and what to release at the end: one client for the whole run, or a
  /// fresh embedded engine per file.
  private func backendProvider() throws -> (BackendProvider, @Sendable () async -> Void) {
    let base: EmbeddedChoice
    switch try backendChoice(remote: remote, embedded: embedded, defaultStore: .memory) {
    case .remote(let configuration):
      let backend = try Backend.open(.remote(configuration))
      let reset = reset ? backend.reset : nil
      return (
        { _ in
          try await reset?()
          return RunnerBackend(
            api: backend.api, name: backend.name, taskExecutor: backend.taskExecutor)
        },
        { await backend.shutdown() }
      )
    case .embedded(let choice):
      base = choice
    }
    let (campaignsGiven, seedGiven) = (!embedded.campaigns.isEmpty, embedded.seed != nil)
    return (
      { [reset] file in
        // A recording names its campaign file and seed; flags win.
        let (chosen, warnings) = try RecordingReplay.choice(
          for: file, base: base, campaignsGiven: campaignsGiven, seedGiven: seedGiven)
        let backend = try Backend.open(.embedded(chosen))
        if reset { try await backend.reset?() }
        var runner = RunnerBackend(
          api: backend.api, name: backend.name, taskExecutor: backend.taskExecutor
        ) { await backend.shutdown() }
        runner.warnings = warnings
        runner.saveState = backend.saveState
        return runner
      },
      {}
    )
  }
}
