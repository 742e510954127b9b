import Foundation
import Synchronization
import TalonAPI
import TalonRendering
import TalonScript

/// Runs one workflow file against a backend of its own, statement by statement, printing each
/// result and collecting the file's outcome.
struct FileSession {
  /// How the file ended.
  enum Ending {
    case finished
    /// An expectation or an error failed; whether the run goes on is the runner's call.
    case failed
    case exitRequested(Int32)
    /// The presenter pressed `q`.
    case quit
    /// Ctrl-C cancelled the statement that ran.
    case interrupted
  }

  let program: Program
  let options: RunOptions
  let console: Console
  let stepInput: (any StepInput)?
  let progress: ProgressLine
  /// Reads the scripts `run` statements call.
  let readFile: @Sendable (String) throws -> String
  /// The value of `$runid` in this file.
  let runId: String
  private(set) var outcome: FileOutcome
  /// With `--update`: the new snapshot lines of each top-level statement that ran, by index
  /// (empty for a statement that called no API).
  private(set) var observedSnapshots: [Int: [String]] = [:]

  init(
    program: Program, options: RunOptions, console: Console, stepInput: (any StepInput)?,
    progress: ProgressLine, readFile: @escaping @Sendable (String) throws -> String,
    runId: String
  ) {
    self.program = program
    self.options = options
    self.console = console
    self.stepInput = stepInput
    self.progress = progress
    self.readFile = readFile
    self.runId = runId
    self.outcome = FileOutcome(file: program.file)
  }

  private var printer: ResultPrinter {
    ResultPrinter(
      console: console, verbosity: options.verbosity, format: options.effectiveFormat,
      step: options.step)
  }

  mutating func run(using provider: BackendProvider) async -> Ending {
    let start = ContinuousClock.now
    outcome.ran = true
    defer {
      outcome.seconds = WorkflowRunner.seconds(ContinuousClock.now - start)
      progress.finish()
    }
    progress.start(file: program.file)
    if options.verbosity != .quiet { console.line(console.styled("==> \(program.file)", .bold)) }
    let backend: RunnerBackend
    do {
      backend = try await provider(program.file)
    } catch {
      let failure = ScriptError(
        kind: .runtime, message: "cannot open the backend: \(error)",
        location: ScriptLocation(file: program.file, line: 1, column: 1))
      outcome.failures.append(failure)
      console.error(failure.rendered)
      return .failed
    }
    outcome.backend = backend.name
    for warning in backend.warnings { console.error("warning: \(warning)") }
    var session = self
    let ending = await withTaskExecutorPreference(backend.taskExecutor) {
      await session.run(against: backend)
    }
    self = session
    await backend.shutdown()
    return ending
  }

  private mutating func run(against backend: RunnerBackend) async -> Ending {
    let collector = NestedCollector(progress: progress)
    // A recording's seed counts unless --seed says otherwise (`docs/behaviour.md`,
    // "Recordings").
    let seed = options.seed ?? RecordingHeader.read(program.source.text)?.seed
    let environment = ScriptEnvironment(
      seed: seed, readFile: readFile, onNestedResult: { collector.add($0) }, runId: runId)
    // The snapshot lines are looked for only when needed (--update, a failed expectation):
    // finding them reads every line of the file.
    var snapshotLines: Set<Int>? =
      options.update ? SnapshotUpdate(program: program).markedLines : nil
    var hinted = false
    let interpreter = Interpreter(api: backend.api, environment: environment)
    await interpreter.setArguments(options.arguments)
    if options.presenter, let stepInput {
      return await present(with: interpreter, against: backend, input: stepInput)
    }
    let output = OutputQueue(enabled: !options.step) { [console] in console.holdingOutput($0) }
    defer { output.close() }
    var printer = printer
    var failed = false
    for (index, statement) in program.statements.enumerated() {
      // --update: the old snapshot lines are not checked; they are about to be rewritten.
      if options.update, snapshotLines?.contains(statement.location.line) == true { continue }
      if options.step, let stepInput {
        printer.announce(statement)
        var decision = await stepInput.next()
        // --step-all knows Enter, s, ! and q; presenter keys ask again.
        while ![.run, .skip, .quit].contains(decision) {
          if decision == .shell, let shell = options.interactiveShell {
            console.line("")
            await shell(
              ShellHandoff(
                backend: backend, interpreter: interpreter, location: statement.location))
            printer.announce(statement)
          }
          decision = await stepInput.next()
        }
        switch decision {
        case .run, .shell, .back, .goTo, .view, .explain: console.line("")
        case .skip:
          console.line(console.styled("skipped", .yellow))
          outcome.skipped += 1
          continue
        case .quit:
          console.line(console.styled("quit", .yellow))
          return .quit
        }
      }
      if Task.isCancelled {
        interrupt(at: statement)
        return .interrupted
      }
      collector.reset()
      progress.advance(line: statement.location.line)
      do throws(ScriptError) {
        let result = try await interpreter.execute(statement, in: program)
        count([result] + result.nested)
        if options.recordsSteps { record([result] + result.nested) }
        if options.update {
          let last = await interpreter.last
          observedSnapshots[index] =
            result.calledAPI ? SnapshotExpectations.lines(for: last) : []
        }
        // `set output` in the file decides how later full results show.
        if let name = await interpreter.outputFormat, let format = OutputFormat(rawValue: name) {
          printer.format = format
        }
        let shown = printer
        output.submit { shown.print(result) }
        if case .exit(let code) = result.kind { return .exitRequested(code) }
      } catch {
        var error = error
        if error.kind == .cancelled {
          error.message = "interrupted (Ctrl-C) while this statement ran"
        }
        let failure = error
        let nested = collector.drain()
        count(nested)
        if options.recordsSteps {
          record(nested)
          outcome.steps.append(StepRecord(failure: error, statement: statement))
        }
        outcome.statements += 1
        outcome.failures.append(error)
        let shown = printer
        output.submit { shown.printFailure(failure, statement: statement, nested: nested) }
        if error.kind == .expectFailed, !hinted, snapshotLines == nil {
          snapshotLines = SnapshotUpdate(program: program).markedLines
        }
        if error.kind == .expectFailed, !hinted,
          snapshotLines?.contains(statement.location.line) == true
        {
          hinted = true
          let (console, file) = (console, program.file)
          output.submit {
            console.error(
              "note: that is a snapshot line; if the change is intended,"
                + " `talon run --update \(file)` rewrites the snapshot lines")
          }
        }
        failed = true
        switch error.kind {
        case .expectFailed:
          outcome.expectationsFailed += 1
          if options.keepGoing { continue }
        case .cancelled:
          outcome.interrupted = true
          return .interrupted
        case .api, .runtime, .parse:
          break
        }
        return .failed
      }
    }
    return failed ? .failed : .finished
  }

  /// Presenter mode: the `Presenter` runs the file; its outcome becomes the file's.
  private mutating func present(
    with interpreter: Interpreter, against backend: RunnerBackend, input: any StepInput
  ) async -> Ending {
    var presenter = Presenter(
      program: program, plan: PresenterPlan(program: program), interpreter: interpreter,
      backend: backend, input: input, options: options,
      view: PresenterView(
        console: console, showsKeys: !(input is AutoStepInput), format: options.effectiveFormat),
      outcome: outcome)
    let ending = await presenter.run()
    outcome = presenter.outcome
    switch ending {
    case .finished: return outcome.passed ? .finished : .failed
    case .quit: return .quit
    case .interrupted: return .interrupted
    case .exitRequested(let code): return .exitRequested(code)
    }
  }

  /// Ctrl-C arrived between statements: the next one counts as the interrupted one.
  private mutating func interrupt(at statement: Statement) {
    let error = ScriptError(
      kind: .cancelled, message: "interrupted (Ctrl-C) before this statement",
      location: statement.location, statementText: statement.text)
    outcome.failures.append(error)
    outcome.interrupted = true
    if options.recordsSteps {
      outcome.steps.append(StepRecord(failure: error, statement: statement))
    }
    console.error(error.rendered)
  }

  private mutating func record(_ results: [StatementResult]) {
    outcome.steps.append(contentsOf: results.map(StepRecord.init(result:)))
  }

  private mutating func count(_ results: [StatementResult]) {
    // A caption standing alone is no statement of the count.
    outcome.statements += results.count { !$0.isNarration }
    for result in results {
      if case .expectation = result.kind { outcome.expectationsPassed += 1 }
    }
  }
}

/// Collects the nested results the interpreter reports while a statement runs (they are lost
/// from the result when the statement fails) and moves the progress line.
final class NestedCollector: Sendable {
  private let results = Mutex<[StatementResult]>([])
  private let progress: ProgressLine

  init(progress: ProgressLine) { self.progress = progress }

  func add(_ result: StatementResult) {
    results.withLock { $0.append(result) }
    progress.advance(line: result.location.line)
  }

  func reset() { results.withLock { $0 = [] } }

  func drain() -> [StatementResult] {
    results.withLock { results in
      defer { results = [] }
      return results
    }
  }
}
