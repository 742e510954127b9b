import Foundation
import TalonAPI
import TalonRendering
import TalonScript

/// `talon run`: loads every workflow file, then runs each against its own backend statement by
/// statement, prints what happens, and gives the exit status.
///
/// Exit statuses: 0 all passed; 1 an `expect` failed; 2 a usage or parse error, or (dry run) a
/// reference problem: nothing ran; 3 an API or runtime error; the code of an `exit N` statement.
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

  /// Runs everything and writes the JUnit report when asked for.
  package func run() async -> Outcome {
    let programs: [Program]
    switch WorkflowLoader.load(options.files, readFile: readFile) {
    case .success(let loaded): programs = loaded
    case .failure(let failure):
      for problem in failure.problems { console.error(problem) }
      console.error("nothing ran: fix the errors above")
      return Outcome(exitCode: 2, report: nil)
    }
    if options.dryRun { return Outcome(exitCode: dryRun(programs), report: nil) }
    let unseeded = unseededForUpdate(programs)
    if !unseeded.isEmpty {
      for problem in unseeded { console.error(problem) }
      return Outcome(exitCode: 2, report: nil)
    }

    let start = ContinuousClock.now
    var report = RunReport(files: options.files.map(FileOutcome.init(file:)), seconds: 0)
    var stopped = false
    for (index, program) in programs.enumerated() where !stopped {
      var session = FileSession(
        program: program, options: options, console: console, stepInput: stepInput,
        progress: ProgressLine(console: console))
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
      case .failed: stopped = !options.keepGoing
      case .exitRequested(let code):
        report.exitRequested = code
        stopped = true
      case .quit:
        report.quit = true
        stopped = true
      }
    }
    report.seconds = Self.seconds(ContinuousClock.now - start)
    printSummary(report)
    var exitCode = report.exitCode
    if let path = options.junitPath {
      do {
        try JUnitReport.document(for: report).write(
          toFile: path, atomically: true, encoding: .utf8)
      } catch {
        console.error(
          "error: cannot write the JUnit report to \(path): \(WorkflowLoader.reason(error))")
        if exitCode == 0 { exitCode = 3 }
      }
    }
    return Outcome(exitCode: exitCode, report: report)
  }

  /// Parses (already done) and checks references; prints problems; 0 or 2.
  func dryRun(_ programs: [Program]) -> Int32 {
    var problems = 0
    var statements = 0
    for program in programs {
      statements += program.statements.count
      let found = Interpreter.checkReferences(in: program, defined: [])
      problems += found.count
      for problem in found { console.error(problem.rendered) }
      if options.verbosity != .quiet {
        let verdict = found.isEmpty ? "ok" : ResultLine.count(found.count, "problem")
        console.line(
          "\(program.file): \(ResultLine.count(program.statements.count, "statement")), \(verdict)")
      }
    }
    console.line(
      "dry run: \(ResultLine.count(programs.count, "file")), "
        + "\(ResultLine.count(statements, "statement")), "
        + (problems == 0
          ? "references ok, nothing called" : "\(ResultLine.count(problems, "problem"))"))
    return problems == 0 ? 0 : 2
  }

  func printSummary(_ report: RunReport) {
    let failed = report.files.contains { !$0.passed }
    var verdict = failed ? console.styled("FAILED", .red) : console.styled("passed", .green)
    if report.quit { verdict = console.styled("stopped", .yellow) }
    console.line("\(verdict): \(report.summaryLine)")
  }

  static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
