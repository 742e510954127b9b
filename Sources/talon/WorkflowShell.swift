import TalonRendering
import TalonRunner
import TalonScript
import TalonShell

/// The interactive shell a workflow drops into (`RunOptions.interactiveShell`, supplied here
/// because the runner links neither the shell nor libedit): the shell on the file's backend
/// until `exit` or Ctrl-D, with results in the summary view. The backend stays the file's:
/// leaving the shell does not shut it down. The shell starts with a context of its own; the
/// file's variables and context are in the handoff for the presenter-mode work to share.
enum WorkflowShell {
  static let open: InteractiveShell = { handoff in
    let evaluator = ScriptEvaluator(
      backend: ShellBackend(api: handoff.backend.api, name: handoff.backend.name),
      renderer: ResultRenderer(format: .summary, color: false),
      environment: ScriptEnvironment(readFile: ShellSession.readScript))
    await evaluator.refreshState()
    let loop = ShellLoop(
      evaluator: evaluator, completer: ScriptCompleter(snapshot: evaluator.state))
    await evaluator.configure(history: loop.history, color: loop.color)
    _ = await loop.run()
  }
}
