import TalonAPI
import TalonRendering
import TalonScript

extension Presenter {
  /// `e`: the `explain` command for the last session when the language has one (the
  /// interpreter's state is put back afterwards, so the demo is where it was); else the rule
  /// failure reasons of the last answer that has them.
  mutating func explain() async {
    if let program = try? Interpreter.parse("explain", file: "<presenter>"),
      let statement = program.statements.first
    {
      let before = await interpreter.snapshot()
      do throws(ScriptError) {
        let result = try await interpreter.execute(statement, in: program)
        view.result(result)
      } catch {
        view.note(error.message)
      }
      await interpreter.restore(before)
      return
    }
    guard let shown else {
      view.note("nothing has run yet")
      return
    }
    let reasons = shown.value["ruleFailureReasons"]?.arrayValue ?? []
    guard !reasons.isEmpty else {
      view.note("no rule failure reasons in the last answer")
      return
    }
    view.output("  rules that did not apply:")
    for reason in reasons {
      let campaign = reason["campaignName"]?.stringValue ?? "?"
      let rule = reason["ruleName"]?.stringValue ?? "?"
      let details = reason["details"]?.stringValue.map { ": \($0)" } ?? ""
      view.output("  - campaign \"\(campaign)\", rule \"\(rule)\"\(details)")
    }
  }

  /// `!`: the interactive shell on the demo's backend, starting from the demo's state; on
  /// `exit` the demo goes on from where it was (the embedded engine and the interpreter put
  /// back; a remote API keeps what the shell did, and a note says so).
  mutating func openShell(at position: Int) async {
    guard let shell = options.interactiveShell else {
      view.note("no shell here")
      return
    }
    var restoreBackend: (@Sendable () async throws -> Void)?
    do {
      restoreBackend = try await backend.saveState?()
    } catch {
      view.note("cannot save the engine's state: \(error)")
    }
    let before = await interpreter.snapshot()
    let location =
      position < plan.steps.count
      ? program.statements[plan.steps[position].stop].location
      : ScriptLocation(file: program.file, line: 1, column: 1)
    view.note("the shell starts from the demo's state; `exit` goes back to the demo")
    await shell(ShellHandoff(backend: backend, interpreter: interpreter, location: location))
    await interpreter.restore(before)
    if let restoreBackend {
      do {
        try await restoreBackend()
      } catch {
        view.note("cannot restore the engine's state: \(error)")
      }
      view.note("back in the demo, where it was")
    } else {
      view.note("back in the demo; what the shell did at \(backend.name) stays")
    }
    if position < plan.steps.count {
      let step = plan.steps[position]
      view.stop(
        position + 1, of: plan.steps.count, statement: program.statements[step.stop],
        caption: step.caption)
    }
  }
}
