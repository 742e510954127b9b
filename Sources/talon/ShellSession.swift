import ArgumentParser
import Foundation
import TalonEngine
import TalonScript
import TalonShell

/// One run of the shell (`talon` without a subcommand): opens the backend, builds the
/// evaluator and runs `-c`, the interactive loop, or the statements of standard input.
///
/// Decisions: the startup file runs only in an interactive shell, or wherever `--rc FILE`
/// names one; piped scripts and `-c` stay reproducible. A missing `~/.talonrc` is fine; a
/// missing `--rc` file is reported and the shell still starts, like any error in it.
struct ShellSession {
  let options: ShellCommand

  func run() async throws -> Int32 {
    let environment = ProcessInfo.processInfo.environment
    let defaultStore = StoreLocation.file(path: DataPaths.defaultStore())
    let embedded = options.embedded
    let store: StoreLocation =
      embedded.memory ? .memory : embedded.data.map { .file(path: $0) } ?? defaultStore
    let opened = try Backend.open(
      remote: options.remote, embedded: embedded, defaultStore: defaultStore,
      verbose: options.verbose)
    let backend = ShellBackends.shellBackend(opened, store: store, seed: embedded.seed)
    let evaluator = ScriptEvaluator(
      backend: backend,
      factory: ShellBackends.factory(
        store: store, campaigns: embedded.campaigns, seed: embedded.seed,
        verbose: options.verbose),
      renderer: ResultRenderer(format: options.output, color: false),
      environment: ScriptEnvironment(seed: options.embedded.seed))
    await evaluator.refreshState()

    if let statement = options.command {
      let status = await runOne(statement, evaluator)
      await evaluator.currentBackend.shutdown()
      return status
    }

    let loop = ShellLoop(
      evaluator: evaluator, completer: ScriptCompleter(snapshot: evaluator.state))
    await evaluator.configure(history: loop.history, color: loop.color)
    if !options.noStartupFile && (loop.interactive || options.startupFile != nil) {
      await StartupFile(path: options.startupFile, environment: environment).run(with: evaluator)
    }
    let status = await loop.run()
    await evaluator.currentBackend.shutdown()
    return status
  }

  /// `-c STATEMENT`: evaluates it, prints the outcome, returns the status.
  private func runOne(_ statement: String, _ evaluator: ScriptEvaluator) async -> Int32 {
    switch await evaluator.evaluate(statement) {
    case .output(let text):
      if !text.isEmpty { Terminal.writeStandardOutput(text.hasSuffix("\n") ? text : text + "\n") }
      return 0
    case .error(let message, let code):
      Terminal.writeStandardError(message.hasSuffix("\n") ? message : message + "\n")
      return code
    case .exit(let code):
      return code
    }
  }
}
