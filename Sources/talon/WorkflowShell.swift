import TalonRendering
import TalonRunner
import TalonScript
import TalonShell

/// The interactive shell a workflow drops into (`RunOptions.interactiveShell`, supplied here
/// because the runner links neither the shell nor libedit): the shell on the file's backend
/// until `exit` or Ctrl-D, with results in the summary view. The backend stays the file's:
/// leaving the shell does not shut it down. The shell starts with the file's variables,
/// `$last` and context, and hands them back on the way out (presenter mode then puts the
/// demo's own state back).
enum WorkflowShell {
  static let open: InteractiveShell = { handoff in
    let evaluator = ScriptEvaluator(
      backend: ShellBackend(api: handoff.backend.api, name: handoff.backend.name),
      renderer: ResultRenderer(format: .summary, color: Terminal.standardOutputColor),
      environment: ScriptEnvironment(readFile: ShellSession.readScript))
    await evaluator.interpreter.restore(await handoff.interpreter.snapshot())
    await evaluator.refreshState()
    let loop = ShellLoop(
      evaluator: evaluator, completer: ScriptCompleter(snapshot: evaluator.state))
    await evaluator.configure(history: loop.history, color: loop.color)
    _ = await loop.run()
    await handoff.interpreter.restore(await evaluator.interpreter.snapshot())
  }
}
