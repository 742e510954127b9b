import ArgumentParser
import Foundation
import TalonAPI
import TalonBackends
import TalonEngine
import TalonRendering
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
    let opened = try Backend.open(
      try backendChoice(
        remote: options.remote, embedded: embedded, defaultStore: defaultStore,
        verbose: options.verbose))
    let backend = ShellBackends.shellBackend(
      opened, seed: embedded.seed, clockStart: embedded.clock.flatMap(EmbeddedOptions.time),
      campaignsFiles: embedded.campaigns)
    let evaluator = ScriptEvaluator(
      backend: backend,
      factory: ShellBackends.factory(
        store: embedded.store(default: defaultStore), campaigns: embedded.campaigns,
        app: embedded.app, seed: embedded.seed,
        clockStart: embedded.clock.flatMap(EmbeddedOptions.time),
        verbose: options.verbose),
      renderer: ResultRenderer(format: outputFormat, color: false),
      environment: ScriptEnvironment(seed: options.embedded.seed, readFile: Self.readScript))
    await evaluator.refreshState()

    if !options.commands.isEmpty {
      var status: Int32 = 0
      for (index, statement) in options.commands.enumerated() {
        let (code, stop) = await runOne(statement, index: index, evaluator)
        status = code
        if stop { break }
      }
      await evaluator.currentBackend.shutdown()
      return status
    }

    let loop = ShellLoop(
      evaluator: evaluator, completer: ScriptCompleter(snapshot: evaluator.state))
    await evaluator.configure(
      history: loop.history, color: loop.color, pager: loop.pager, interactive: loop.interactive)
    if loop.interactive {
      Terminal.writeStandardOutput(
        ShellBanner.text(version: TalonVersion.current, backend: backend) + "\n"
          + (backend.isEmbedded ? embedded.clockNote.map { $0 + "\n" } ?? "" : ""))
    }
    if !options.noStartupFile && (loop.interactive || options.startupFile != nil) {
      await StartupFile(path: options.startupFile, environment: environment).run(with: evaluator)
    }
    let status = await loop.run()
    await evaluator.currentBackend.shutdown()
    return status
  }

  /// `--output`, or the default: people at a terminal read summaries, programs reading a pipe
  /// get JSON.
  private var outputFormat: OutputFormat {
    options.output ?? (isatty(STDOUT_FILENO) != 0 ? .summary : .pretty)
  }

  /// Reads a script for `run`, also from a pipe (`run /dev/fd/3`, bash's `run <(...)`), which
  /// `String(contentsOfFile:)` refuses. The read blocks until the writer closes and Ctrl-C
  /// cannot interrupt it; the shell's second Ctrl-C stops waiting for it.
  @Sendable static func readScript(_ path: String) throws -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
    }
    guard !isDirectory.boolValue, let handle = FileHandle(forReadingAtPath: path) else {
      throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    defer { try? handle.close() }
    let data = try handle.readToEnd() ?? Data()
    guard let text = String(data: data, encoding: .utf8) else {
      throw CocoaError(.fileReadInapplicableStringEncoding, userInfo: [NSFilePathErrorKey: path])
    }
    return text
  }

  /// One `-c STATEMENT` (the `index`-th, from 0): evaluates it and prints the outcome; its
  /// status, and whether the later ones must not run (a failure, or `exit`).
  private func runOne(_ statement: String, index: Int, _ evaluator: ScriptEvaluator) async -> (
    status: Int32, stop: Bool
  ) {
    let file = options.commands.count == 1 ? "<input>" : "<-c \(index + 1)>"
    switch await evaluator.evaluate(statement, file: file) {
    case .output(let text):
      if !text.isEmpty { Terminal.writeStandardOutput(text.hasSuffix("\n") ? text : text + "\n") }
      return (0, false)
    case .error(let message, let code):
      Terminal.writeStandardError(message.hasSuffix("\n") ? message : message + "\n")
      return (code, true)
    case .exit(let code):
      return (code, true)
    }
  }
}
