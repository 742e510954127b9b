import TalonAPI
import TalonRendering
import TalonScript

extension Presenter {
  /// Runs one step: its stop (unless skipped) and the plumbing after it. `quietly` (going
  /// forward with `g N`) shows only notes.
  mutating func runStep(
    _ step: PresenterPlan.Step, skipStop: Bool, number: Int, quietly: Bool = false
  ) async -> Ending? {
    for index in step.statements {
      if index == step.stop && skipStop {
        let statement = program.statements[index]
        view.note("skipped step \(number)")
        outcome.skipped += 1
        for name in statement.variableUse.sets { unset[name] = "skipped step \(number)" }
        continue
      }
      if let ending = await execute(index, isStop: index == step.stop, quietly: quietly) {
        return ending
      }
    }
    return nil
  }

  /// Runs the statements of `range`, as plumbing.
  mutating func runStatements(_ range: Range<Int>) async -> Ending? {
    for index in range {
      if let ending = await execute(index, isStop: false, quietly: false) { return ending }
    }
    return nil
  }

  /// Runs one top-level statement: a stop shows its result, plumbing only its `echo` text;
  /// failures are notes.
  private mutating func execute(_ index: Int, isStop: Bool, quietly: Bool) async -> Ending? {
    let statement = program.statements[index]
    let use = statement.variableUse
    if let name = use.reads.sorted().first(where: { unset[$0] != nil }), let why = unset[name] {
      view.note(
        "skipped \(statement.location.file):\(statement.location.line): it reads $\(name),"
          + " which \(why) would have set")
      outcome.skipped += 1
      for set in use.sets { unset[set] = why }
      return nil
    }
    if Task.isCancelled { return interrupt(at: statement) }
    do throws(ScriptError) {
      let result = try await interpreter.execute(statement, in: program)
      count([result] + result.nested)
      if options.recordsSteps {
        outcome.steps.append(contentsOf: ([result] + result.nested).map(StepRecord.init(result:)))
      }
      for name in use.sets { unset[name] = nil }
      if let name = await interpreter.outputFormat, let format = OutputFormat(rawValue: name) {
        view.format = format
      }
      if !quietly { show(result, isStop: isStop) }
      for warning in result.warnings { view.console.error(warning) }
      if case .exit(let code) = result.kind { return .exitRequested(code) }
    } catch {
      if error.kind == .cancelled { return interrupt(at: statement) }
      outcome.statements += 1
      outcome.failures.append(error)
      if error.kind == .expectFailed { outcome.expectationsFailed += 1 }
      if options.recordsSteps {
        outcome.steps.append(StepRecord(failure: error, statement: statement))
      }
      let line = error.rendered.split(separator: "\n").first.map(String.init) ?? error.message
      view.note(line.replacingOccurrences(of: ": error: ", with: ": ") + " (the demo goes on)")
      for name in use.sets {
        unset[name] = "the failed statement at line \(statement.location.line)"
      }
    }
    return nil
  }

  private mutating func show(_ result: StatementResult, isStop: Bool) {
    if case .output(let text) = result.kind {
      view.output(text)
    } else if isStop {
      view.result(result)
      shown = result
    }
    for nested in result.nested {
      if case .output(let text) = nested.kind { view.output(text) }
    }
  }

  private mutating func interrupt(at statement: Statement) -> Ending {
    let error = ScriptError(
      kind: .cancelled, message: "interrupted (Ctrl-C) at this statement",
      location: statement.location, statementText: statement.text)
    outcome.failures.append(error)
    outcome.interrupted = true
    view.console.error(error.rendered)
    return .interrupted
  }

  private mutating func count(_ results: [StatementResult]) {
    // A caption standing alone is no statement of the count.
    outcome.statements += results.count { !$0.isNarration }
    for result in results {
      if case .expectation = result.kind { outcome.expectationsPassed += 1 }
    }
  }
}
