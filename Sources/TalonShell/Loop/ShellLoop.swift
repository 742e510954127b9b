import Foundation
import TalonRendering

/// The read-evaluate-print loop of the shell, over any ``Evaluator``.
///
/// - Interactive (standard input and output are terminals): prompts from
///   ``Prompt`` with the evaluator's context, line editing by ``LineEditor``, history loaded
///   at start and saved after every statement and on every exit path; failures are printed
///   and the loop goes on.
/// - Otherwise (piped input): no prompt, no colour, no history; statements run in order and
///   the first failure ends the loop with its exit code.
/// - Lines are collected until the evaluator calls the text complete; the continuation prompt
///   asks for more. Ctrl-C on any prompt drops the collected lines. At the end of input,
///   collected but incomplete text is still evaluated, so the language reports what is
///   missing.
/// - Ctrl-C while a statement runs cancels its task and, once it has answered, returns to the
///   prompt. When the statement has not answered half a second later, the shell says so; a
///   second Ctrl-C stops waiting for it (it is left to finish in the background). In
///   non-interactive use, an interrupted statement ends the loop with status 130.
/// - A SIGINT from elsewhere while piped input is read ends the loop with status 130.
/// - SIGTERM and SIGHUP save the history, restore the terminal, run the caller's
///   `onTerminate` and exit with status 0.
public final class ShellLoop<E: Evaluator>: Sendable {
  public let evaluator: E
  /// The history of an interactive shell (nil otherwise); set its
  /// ``History/activeSecrets`` when the API key changes.
  public let history: History?
  let reader: any LineReader
  /// Whether the loop prompts, edits and keeps history (false for piped input).
  public let interactive: Bool
  /// Pages results taller than the terminal (an interactive shell with a pager only).
  public let pager: Pager?
  /// Whether output may carry ANSI colour (interactive, and `NO_COLOR` unset); the evaluator's
  /// renderer should follow it.
  public let color: Bool
  let onTerminate: (@Sendable () -> Void)?

  /// A loop reading standard input: interactive with line editing, history (located and
  /// bounded by `environment`) and `completer` when standard input and output are terminals,
  /// plain otherwise. `onTerminate` runs on SIGTERM/SIGHUP before the process exits.
  public convenience init(
    evaluator: E, completer: (any Completer)? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    onTerminate: (@Sendable () -> Void)? = nil
  ) {
    var history = Terminal.isInteractive ? History(environment: environment) : nil
    if let loading = history {
      do {
        try loading.load()
      } catch {
        // Never write over a file we could not read: this session keeps its history in memory.
        Terminal.writeStandardError("talon: \(error); history is not saved in this session\n")
        history = History(fileURL: nil, limit: loading.limit)
      }
    }
    let editor = Terminal.isInteractive ? LineEditor(history: history, completer: completer) : nil
    self.init(
      evaluator: evaluator, reader: editor ?? PlainLineReader(), history: history,
      interactive: editor != nil,
      color: editor != nil && Terminal.colorEnabled(isTTY: true, environment: environment),
      pager: editor != nil ? Pager(environment: environment) : nil, onTerminate: onTerminate)
  }

  /// A loop over an explicit reader and history.
  public init(
    evaluator: E, reader: any LineReader, history: History?, interactive: Bool, color: Bool,
    pager: Pager? = nil, onTerminate: (@Sendable () -> Void)? = nil
  ) {
    self.pager = pager
    self.evaluator = evaluator
    self.reader = reader
    self.history = history
    self.interactive = interactive
    self.color = color
    self.onTerminate = onTerminate
  }

  /// Runs until `exit`, end of input, or (non-interactive) the first failure; returns the
  /// exit status.
  public func run() async -> Int32 {
    let interrupts = InterruptTarget()
    let watchers = installSignalWatchers(interrupts)
    defer {
      for watcher in watchers { watcher.cancel() }
    }
    var session = Session()
    var pending: [String] = []
    // Lines read so far, and the line the pending statement starts on (piped input reports
    // errors at their real line; a typed statement is line 1 of its own).
    var linesRead = 0
    var firstLine = 1
    while true {
      let context = await evaluator.promptContext
      let prompt =
        !interactive
        ? ""
        : pending.isEmpty
          ? Prompt.primary(context, color: color) : Prompt.continuation(context, color: color)
      switch await reader.readLine(prompt: prompt) {
      case .interrupted:
        pending = []
      case .endOfFile:
        var status: Int32 = 0
        if !pending.isEmpty,
          case .stop(let code) = await submit(pending, line: firstLine, &session, interrupts)
        {
          status = code
        }
        saveHistory(&session)
        return status
      case .line(let line):
        linesRead += 1
        if pending.isEmpty && line.allSatisfy(\.isWhitespace) { continue }
        if pending.isEmpty { firstLine = interactive ? 1 : linesRead }
        pending.append(line)
        guard await evaluator.isComplete(pending.joined(separator: "\n")) else { continue }
        let statement = pending
        pending = []
        if case .stop(let code) = await submit(statement, line: firstLine, &session, interrupts) {
          saveHistory(&session)
          return code
        }
      }
    }
  }

  /// State of one run that outlives a statement.
  struct Session {
    var reportedHistoryFailure = false
  }

  enum Step {
    case next
    case stop(Int32)
  }

  private func submit(
    _ lines: [String], line: Int, _ session: inout Session, _ interrupts: InterruptTarget
  ) async -> Step {
    let text = lines.joined(separator: "\n")
    if let history, history.record(text) { saveHistory(&session) }
    let (outcome, interruptCount) = await evaluateInterruptibly(text, line: line, interrupts)
    if interruptCount > 0 { Terminal.writeStandardOutput("\n") }
    switch outcome {
    case .output(let output)?:
      if !output.isEmpty {
        let text = output.hasSuffix("\n") ? output : output + "\n"
        if pager?.page(text) != true { Terminal.writeStandardOutput(text) }
      }
    case .error(let message, let exitCode)?:
      reportError(message)
      if !interactive { return .stop(exitCode) }
    case .exit(let code)?:
      return .stop(code)
    case nil:
      reportError("interrupted; the command may still finish in the background")
    }
    if interruptCount > 0 && !interactive { return .stop(130) }
    return .next
  }

  /// Runs the evaluation as a task that SIGINT cancels; nil when a second SIGINT gave up on
  /// it. Also returns how many SIGINTs arrived.
  private func evaluateInterruptibly(
    _ text: String, line: Int, _ interrupts: InterruptTarget
  ) async -> (EvaluationOutcome?, Int) {
    let evaluator = self.evaluator
    let canceller = TaskCanceller()
    let outcome = await withCheckedContinuation { continuation in
      let answer = SingleAnswer(continuation)
      // The response is in place before the task starts, so a SIGINT as soon as the
      // statement shows output still reaches it.
      interrupts.set { count in
        guard count == 1 else { return answer.give(nil) }
        canceller.cancel()
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.stillRunningNotice) {
          if !answer.isGiven {
            Terminal.writeStandardError("\nstill running; press Ctrl-C again to stop waiting\n")
          }
        }
      }
      canceller.attach(Task { answer.give(await evaluator.evaluate(text, line: line)) })
    }
    return (outcome, interrupts.clear())
  }

  /// How long after a Ctrl-C a statement may take to stop before the shell says how to stop
  /// waiting for it.
  static var stillRunningNotice: DispatchTimeInterval { .milliseconds(500) }

  private func reportError(_ message: String) {
    let styled = ANSIStyle.red.apply(message, enabled: color && Terminal.standardErrorColor)
    Terminal.writeStandardError(styled + (message.hasSuffix("\n") ? "" : "\n"))
  }

  private func saveHistory(_ session: inout Session) {
    guard let history else { return }
    do {
      try history.save()
    } catch {
      if !session.reportedHistoryFailure { Terminal.writeStandardError("talon: \(error)\n") }
      session.reportedHistoryFailure = true
    }
  }

  private func installSignalWatchers(_ interrupts: InterruptTarget) -> [SignalWatcher] {
    let history = self.history
    let editor = reader as? LineEditor
    let onTerminate = self.onTerminate
    let terminate: @Sendable () -> Void = {
      try? history?.save()
      editor?.restoreTerminal()
      onTerminate?()
      exit(0)
    }
    return [
      SignalWatcher(signal: SIGINT) { [interactive] in
        // Between statements: the editor handles Ctrl-C on the prompt itself, so this is a
        // signal from elsewhere; piped input stops as the signal's default action would.
        if !interrupts.interrupt() && !interactive { exit(130) }
      },
      SignalWatcher(signal: SIGTERM, handler: terminate),
      SignalWatcher(signal: SIGHUP, handler: terminate),
    ]
  }
}
