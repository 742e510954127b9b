import Foundation
import TalonAPI
import TalonRendering
import TalonScript

/// `talon run`: loads every workflow file, then runs each against its own backend statement by
/// statement, prints what happens, and gives the exit status.
///
/// Every file runs (`--fail-fast` stops at the first that fails), one after the other or
/// `--jobs` at once. Exit statuses: 0 all passed; 1 an `expect` failed; 2 a usage or parse
/// error (nothing ran), a parse error of a script `run` calls, or (dry run) a problem found;
/// 3 an API or runtime error; 130 Ctrl-C; the most severe wins (130 > 3 > 2 > 1); else the code
/// of an `exit N` statement.
package struct WorkflowRunner: Sendable {
  package var options: RunOptions
  package var backend: BackendProvider
  package var console: Console
  /// The presenter's keys in step mode (`TerminalStepInput` by default).
  package var stepInput: (any StepInput)?
  package var readFile: @Sendable (String) throws -> String

  package init(
    options: RunOptions, backend: @escaping BackendProvider, console: Console,
    stepInput: (any StepInput)? = nil,
    readFile: @escaping @Sendable (String) throws -> String = { path in
      try String(contentsOfFile: path, encoding: .utf8)
    }
  ) {
    self.options = options
    self.backend = backend
    self.console = console
    self.stepInput = stepInput
    self.readFile = readFile
  }

  /// What a run gave: the exit status, and the report when statements ran.
  package struct Outcome: Sendable {
    package var exitCode: Int32
    package var report: RunReport?
  }

  /// Runs everything and writes the reports asked for. Cancelling the task (Ctrl-C) stops the
  /// statement that runs, marks its file interrupted, and still writes the reports (exit 130).
  package func run() async -> Outcome {
    let programs: [Program]
    switch WorkflowLoader.load(options.files, readFile: readFile) {
    case .success(let loaded): programs = loaded
    case .failure(let failure):
      for problem in failure.problems { console.error(problem) }
      console.error("nothing ran: fix the errors above")
      return Outcome(exitCode: 2, report: nil)
    }
    if options.dryRun {
      let check = DryRun(options: options, console: console, readFile: readFile)
      return Outcome(exitCode: check.run(programs), report: nil)
    }
    let unseeded = unseededForUpdate(programs)
    if !unseeded.isEmpty {
      for problem in unseeded { console.error(problem) }
      return Outcome(exitCode: 2, report: nil)
    }

    let start = ContinuousClock.now
    var report = RunReport(files: options.files.map(FileOutcome.init(file:)), seconds: 0)
    if options.jobs > 1 && !options.isInteractive && !options.update {
      await runInParallel(programs, into: &report)
    } else {
      await runInOrder(programs, into: &report)
    }
    if Task.isCancelled || report.files.contains(where: \.interrupted) {
      report.interrupted = true
    }
    report.seconds = Self.seconds(ContinuousClock.now - start)
    printSummary(report)
    var exitCode = report.exitCode
    for request in options.reports {
      let text: String
      switch request.kind {
      case .junit: text = JUnitReport.document(for: report)
      case .json: text = JSONReport.document(for: report)
      case .html: text = HTMLReport.document(for: report)
      }
      do {
        try text.write(toFile: request.path, atomically: true, encoding: .utf8)
      } catch {
        console.error(
          "error: cannot write the \(request.kind.rawValue) report to \(request.path): "
            + WorkflowLoader.reason(error))
        if exitCode == 0 { exitCode = 3 }
      }
    }
    return Outcome(exitCode: exitCode, report: report)
  }

  /// One file after the other; `--fail-fast`, `exit`, `q` and Ctrl-C stop the run.
  private func runInOrder(_ programs: [Program], into report: inout RunReport) async {
    for (index, program) in programs.enumerated() {
      if Task.isCancelled { return }
      var session = FileSession(
        program: program, options: options, console: console, stepInput: stepInput,
        // No progress line between a presenter's stops.
        progress: ProgressLine(
          console: console, delay: options.isInteractive ? .seconds(365 * 86_400) : .seconds(1)),
        readFile: readFile,
        runId: ScriptEnvironment.newRunId())
      let result = await session.run(using: backend)
      report.files[index] = session.outcome
      if options.update {
        if case .finished = result {
          updateSnapshots(of: session, finished: true)
        } else {
          updateSnapshots(of: session, finished: false)
        }
      }
      switch result {
      case .finished: break
      case .failed: if options.failFast { return }
      case .exitRequested(let code):
        report.exitRequested = code
        return
      case .quit:
        report.quit = true
        return
      case .interrupted:
        return
      }
    }
  }

  /// Up to `--jobs` files at once, each against its own backend. A file's output is held
  /// until it ends, then printed whole, so files never mix on the screen. `--fail-fast` and
  /// `exit` stop starting new files; the ones running finish.
  private func runInParallel(_ programs: [Program], into report: inout RunReport) async {
    let options = options
    let backend = backend
    let readFile = readFile
    let console = console
    var stopped = false
    await withTaskGroup(of: (Int, FileOutcome, FileSession.Ending).self) { group in
      var next = 0
      func startNext() {
        guard next < programs.count, !stopped else { return }
        let index = next
        let program = programs[index]
        next += 1
        group.addTask {
          let buffer = ConsoleBuffer()
          let held = buffer.console(color: console.color)
          var session = FileSession(
            program: program, options: options, console: held, stepInput: nil,
            progress: ProgressLine(console: held), readFile: readFile,
            runId: ScriptEnvironment.newRunId())
          let ending = await session.run(using: backend)
          buffer.replay(into: console)
          return (index, session.outcome, ending)
        }
      }
      for _ in 0..<options.jobs { startNext() }
      while let (index, outcome, ending) = await group.next() {
        report.files[index] = outcome
        switch ending {
        case .finished: break
        case .failed: if options.failFast { stopped = true }
        case .exitRequested(let code):
          report.exitRequested = report.exitRequested ?? code
          stopped = true
        case .quit, .interrupted:
          stopped = true
        }
        if !Task.isCancelled { startNext() }
      }
    }
  }

  /// Every failure, one line each (not with `--quiet`: the reports above are all there is),
  /// then the verdict and the counts.
  func printSummary(_ report: RunReport) {
    let failed = report.files.contains { !$0.passed }
    if failed && options.verbosity != .quiet {
      console.line(console.styled("failures:", .bold))
      for file in report.files {
        for failure in file.failures {
          let kind =
            failure.kind == .expectFailed ? "FAIL" : failure.kind == .cancelled ? "STOP" : "ERROR"
          let location = failure.location.map { "\($0): " } ?? "\(file.file): "
          let message = failure.message.split(separator: "\n").first.map(String.init) ?? ""
          console.line("  \(console.styled(kind, .red)) \(location)\(message)")
        }
      }
      let notRun = report.files.filter { !$0.ran }.map(\.file)
      if !notRun.isEmpty { console.line("  not run: " + notRun.joined(separator: ", ")) }
    }
    var verdict = failed ? console.styled("FAILED", .red) : console.styled("passed", .green)
    if report.quit { verdict = console.styled("stopped", .yellow) }
    if report.interrupted { verdict = console.styled("interrupted", .red) }
    console.line("\(verdict): \(report.summaryLine)")
  }

  static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
