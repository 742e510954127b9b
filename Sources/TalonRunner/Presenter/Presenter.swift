import TalonAPI
import TalonRendering
import TalonScript

/// Presenter mode (`talon run --step`, `--auto SECONDS`): runs a program step by step
/// (`PresenterPlan`), stopping only at API commands and narration, with the keys of
/// `StepDecision`: Enter next, `b` back, `g N` go to, `v` the JSON, `e` explain, `!` shell,
/// `s` skip, `q` quit.
///
/// Decided here (`docs/behaviour.md`, "Presenter mode"): before each step runs, the
/// backend's whole state (when it can be saved: the embedded engine), the interpreter's
/// state and the file's outcome so far are kept, so `b` and `g N` back put all three back and
/// the step shows the same result again; a failed `expect`, an API or runtime error is a note
/// and the demo goes on (it still counts as a failure in the summary and the exit status); a
/// statement that reads a variable that a skipped or failed statement would have set is
/// skipped with a note; the shell (`!`) starts from the demo's state and, on `exit`, the demo
/// goes on from where it was (the embedded engine restored).
struct Presenter {
  let program: Program
  let plan: PresenterPlan
  let interpreter: Interpreter
  let backend: RunnerBackend
  let input: any StepInput
  let options: RunOptions
  var view: PresenterView
  var outcome: FileOutcome

  /// What a step starts from.
  struct Saved {
    var restoreBackend: (@Sendable () async throws -> Void)?
    var interpreter: InterpreterSnapshot
    var outcome: FileOutcome
    var unset: [String: String]
  }

  /// State before each step that ran or was skipped, by step index.
  var saved: [Int: Saved] = [:]
  /// Variables a skipped or failed statement would have set, with why (for the note).
  var unset: [String: String] = [:]
  /// The last result with something to show: what `v` prints.
  var shown: StatementResult?

  enum Ending {
    case finished, quit, interrupted
    case exitRequested(Int32)
  }

  mutating func run() async -> Ending {
    if let ending = await runStatements(plan.prelude) { return ending }
    var position = 0
    while true {
      if position == plan.steps.count {
        view.end(steps: plan.steps.count)
        guard view.showsKeys else { return .finished }
        let decision = await input.next()
        view.answered()
        switch decision {
        case .run, .skip: return .finished
        case .quit: return .quit
        default:
          if case .interrupted = await other(decision, position: &position) { return .interrupted }
        }
        continue
      }
      let step = plan.steps[position]
      view.stop(
        position + 1, of: plan.steps.count, statement: program.statements[step.stop],
        caption: step.caption)
      var decided = false
      while !decided {
        if Task.isCancelled { return .interrupted }
        view.prompt()
        let decision = await input.next()
        view.answered()
        switch decision {
        case .run, .skip:
          await save(position)
          if let ending = await runStep(step, skipStop: decision == .skip, number: position + 1) {
            return ending
          }
          position += 1
          decided = true
        case .quit:
          view.note("quit at step \(position + 1) of \(plan.steps.count)")
          return .quit
        case .back, .goTo:
          let before = position
          if case .interrupted = await other(decision, position: &position) { return .interrupted }
          decided = position != before || decision == .goTo(before + 1)
        case .view, .explain, .shell:
          _ = await other(decision, position: &position)
        }
      }
    }
  }

  /// The keys that do not run the stop: back, go to, JSON, explain, shell.
  private mutating func other(_ decision: StepDecision, position: inout Int) async -> Ending? {
    switch decision {
    case .back:
      if position == 0 {
        view.note("this is the first step")
      } else if await restore(position - 1) {
        position -= 1
      }
    case .goTo(let number):
      guard (1...max(1, plan.steps.count)).contains(number), !plan.steps.isEmpty else {
        view.note("no step \(number): the steps are 1 to \(plan.steps.count)")
        return nil
      }
      let target = number - 1
      if target < position {
        if await restore(target) { position = target }
      } else {
        while position < target {
          await save(position)
          let step = plan.steps[position]
          view.note("ran step \(position + 1): \(Self.firstLine(program.statements[step.stop]))")
          if let ending = await runStep(step, skipStop: false, number: position + 1, quietly: true)
          {
            return ending
          }
          position += 1
        }
      }
    case .view:
      if let shown {
        view.json(shown.value)
      } else {
        view.note("nothing has run yet")
      }
    case .explain:
      await explain()
    case .shell:
      await openShell(at: position)
    case .run, .skip, .quit:
      break
    }
    return nil
  }

  static func firstLine(_ statement: Statement) -> String {
    String(statement.text.split(separator: "\n").first ?? "")
  }

  // MARK: State

  /// Keeps the state before step `index` runs.
  private mutating func save(_ index: Int) async {
    var restoreBackend: (@Sendable () async throws -> Void)?
    if let saveState = backend.saveState {
      do {
        restoreBackend = try await saveState()
      } catch {
        view.note("cannot save the engine's state before this step: \(error)")
      }
    }
    saved[index] = Saved(
      restoreBackend: restoreBackend, interpreter: await interpreter.snapshot(),
      outcome: outcome, unset: unset)
    saved = saved.filter { $0.key <= index }
  }

  /// Puts back the state before step `index`; false (with a note) when it cannot.
  private mutating func restore(_ index: Int) async -> Bool {
    guard backend.saveState != nil else {
      view.note(
        "cannot go back: \(backend.name) cannot restore its state (back and go to an earlier"
          + " step need the embedded engine)")
      return false
    }
    guard let state = saved[index], let restoreBackend = state.restoreBackend else {
      view.note("cannot go back to step \(index + 1): its state was not kept")
      return false
    }
    do {
      try await restoreBackend()
    } catch {
      view.note("cannot restore the engine's state: \(error)")
      return false
    }
    await interpreter.restore(state.interpreter)
    outcome = state.outcome
    unset = state.unset
    shown = nil
    return true
  }
}
