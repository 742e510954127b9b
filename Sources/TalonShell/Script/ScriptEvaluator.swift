import Foundation
import TalonAPI
import TalonRendering
import TalonScript

/// The shell's ``Evaluator`` over the command language: runs statements on an
/// `Interpreter`, renders their results, and is the `ShellHost` behind the language's shell
/// commands (`set output`, `connect`, `reset`, `history`, `record`).
///
/// After every evaluation it refreshes ``state``, the snapshot completion reads. Results of
/// statements inside blocks and `run` scripts are printed as they finish (`echo` text,
/// values, one line per API call), so a long loop shows progress.
///
/// Decisions: `connect` opens the new backend before closing the old one, so a failed
/// connect leaves the shell where it was; it starts a fresh context (ids of one backend mean
/// nothing to another) and keeps the variables; it does not contact a remote server (the first
/// command does, and reports a wrong URL or key). `reset` also clears the context and `$last`.
/// A cancelled statement reports just `cancelled`.
public actor ScriptEvaluator: Evaluator, ShellHost {
  public let interpreter: Interpreter
  /// What completion reads; refreshed after every evaluation.
  public nonisolated let state: ShellStateSnapshot
  private var backend: ShellBackend
  private let factory: BackendFactory?
  private let printer: NestedPrinter
  private let confirm: @Sendable (String) async -> Bool
  private let environmentNames: [String]
  private let workingDirectory: String
  private var history: History?
  private var recorder: Recorder?
  /// Where warning lines go (standard error).
  private let warn: @Sendable (String) -> Void
  private var attached = false
  /// Whether a person at a terminal answers questions (``configure(history:color:pager:interactive:)``).
  private var interactive = false
  /// The interactive loop's pager, for `set pager`.
  private var pager: Pager?
  /// What the backend offers to completion, read once per backend (nil: not yet read).
  private var backendCompletions: BackendCompletions?

  /// An evaluator over `backend`. `factory` opens the backends `connect` asks for (without
  /// it, `connect` fails); `write` receives standard output text printed during evaluation,
  /// `warn` the warning lines of runtime rule failures (standard error);
  /// `confirm` asks a yes/no question (for `reset`).
  public init(
    backend: ShellBackend, factory: BackendFactory? = nil, renderer: ResultRenderer = .init(),
    environment: ScriptEnvironment = ScriptEnvironment(),
    write: @escaping @Sendable (String) -> Void = Terminal.writeStandardOutput,
    warn: @escaping @Sendable (String) -> Void = Terminal.writeStandardError,
    confirm: @escaping @Sendable (String) async -> Bool = ScriptEvaluator.askOnStandardInput
  ) {
    self.warn = warn
    let printer = NestedPrinter(renderer: renderer, write: write)
    var environment = environment
    environment.onNestedResult = { result in printer.printNested(result) }
    self.interpreter = Interpreter(api: backend.api, environment: environment)
    self.backend = backend
    self.factory = factory
    self.printer = printer
    self.confirm = confirm
    self.environmentNames = environment.variables.keys.sorted()
    self.workingDirectory = environment.workingDirectory
    self.state = ShellStateSnapshot(
      ShellState(
        knownCoupons: backend.couponCodes, environmentNames: environment.variables.keys.sorted(),
        workingDirectory: environment.workingDirectory))
  }

  /// Connects the shell's history (its active secret follows the backend's API key) and
  /// decides whether rendering uses colour. `interactive`: a person answers questions (else
  /// `connect` refuses what it would ask about, unless forced).
  public func configure(
    history: History?, color: Bool, pager: Pager? = nil, interactive: Bool = false
  ) {
    self.interactive = interactive
    self.history = history
    self.pager = pager
    history?.activeSecrets = backend.apiKey.map { [$0] } ?? []
    printer.renderer.color = color
  }

  /// How results are rendered now.
  public var renderer: ResultRenderer { printer.renderer }

  /// The backend in use.
  public var currentBackend: ShellBackend { backend }

  // MARK: Evaluator

  public nonisolated func isComplete(_ text: String) async -> Bool {
    !Interpreter.isIncomplete(text)
  }

  public var promptContext: PromptContext {
    let current = state.current
    return PromptContext(
      backend: backend.name, profile: current.profileId, session: current.sessionId)
  }

  public func evaluate(_ text: String) async -> EvaluationOutcome {
    await evaluate(text, file: "<input>")
  }

  public func evaluate(_ text: String, line: Int) async -> EvaluationOutcome {
    await evaluate(text, file: "<input>", firstLine: line)
  }

  /// Evaluates `text` as the content of `file` from its line `firstLine` on (the startup file
  /// goes through here whole, piped input a statement at a time, so errors carry their real
  /// lines).
  public func evaluate(_ text: String, file: String, firstLine: Int = 1) async
    -> EvaluationOutcome
  {
    if !attached {
      await interpreter.attach(shell: self)
      attached = true
    }
    // Statements run where the backend works (the embedded engine's thread), so that its
    // calls need no thread hop.
    let interpreter = self.interpreter
    let run = await withTaskExecutorPreference(backend.api.preferredTaskExecutor) {
      await interpreter.run(line: text, file: file, firstLine: firstLine)
    }
    await refreshState()
    let shown = run.results.map { printer.renderer.render($0) }.filter { !$0.isEmpty }
    var output = shown.joined(separator: "\n")
    // Runtime rule failures: one warning line each on standard error, after the result.
    let warnings = run.results.flatMap(\.warnings)
    if !warnings.isEmpty {
      if !output.isEmpty { printer.write(output + "\n") }
      output = ""
      warn(warnings.map { $0 + "\n" }.joined())
    }
    if let error = run.error {
      if !output.isEmpty { printer.write(output + "\n") }
      if error.kind == .cancelled { return .error("cancelled", exitCode: error.exitCode) }
      return .error(error.rendered, exitCode: error.exitCode)
    }
    await record(text, results: run.results)
    if let code = run.exitRequested {
      if !output.isEmpty { printer.write(output + "\n") }
      return .exit(code)
    }
    return .output(output)
  }

  /// Copies the interpreter's context, variables, `$last` and seen ids into ``state``.
  public func refreshState() async {
    let context = await interpreter.context
    let seen = await interpreter.seen
    let known: BackendCompletions
    if let loaded = backendCompletions {
      known = loaded
    } else {
      known = await BackendCompletions.load(from: backend.api)
      backendCompletions = known
    }
    state.current = ShellState(
      profileId: context.profileId, sessionId: context.sessionId,
      variables: await interpreter.variables, last: await interpreter.last,
      profiles: BackendCompletions.merged(seen.profiles, known.profiles),
      sessions: BackendCompletions.merged(seen.sessions, known.sessions), coupons: seen.coupons,
      cartSKUs: context.cart.map(\.sku),
      knownCoupons: backend.couponCodes, campaignIds: known.campaignIds,
      programIds: known.programIds,
      environmentNames: environmentNames, workingDirectory: workingDirectory)
  }

  // MARK: Shell commands

  /// Does what a shell command of the language asks (`set output`, `connect`, ...).
  public func perform(_ request: ShellRequest) async throws(ShellHostError) -> String {
    let outcome: EvaluationOutcome
    switch request {
    case .setOutput(let name):
      guard let format = OutputFormat(rawValue: name) else {
        throw ShellHostError("no output format '\(name)'")
      }
      printer.renderer.format = format
      return "output: \(format.rawValue)"
    case .connectRemote(let url, let apiKey, let force):
      try refuseWhileRecording("connect")
      outcome = await connect(.remote(url: url, apiKey: apiKey), force: force)
    case .connectEmbedded(let force):
      try refuseWhileRecording("connect")
      outcome = await connect(.embedded, force: force)
    case .reset(let force):
      try refuseWhileRecording("reset")
      outcome = await reset(force: force)
    case .reload:
      outcome = await reload()
    case .history:
      let entries = history?.entries ?? []
      return entries.enumerated().map { index, line in
        String(format: "%5d  ", index + 1)
          + line.replacingOccurrences(of: "\n", with: "\n       ")
      }.joined(separator: "\n")
    case .recordStart(let path, let force, let snapshots):
      outcome = await startRecording(path: path, force: force, snapshots: snapshots)
    case .recordStop:
      guard let recorder else { throw ShellHostError("not recording") }
      self.recorder = nil
      recorder.close()
      return
        "recording stopped: \(recorder.path) (\(ResultLine.count(recorder.statements, "statement")))"
    case .recordStatus:
      guard let recorder else { return "not recording" }
      return
        "recording to \(recorder.path) (\(ResultLine.count(recorder.statements, "statement")) so far)"
    case .setPager(let on):
      guard let pager else {
        throw ShellHostError("there is no pager: output is not a terminal, or PAGER is empty")
      }
      pager.isEnabled = on
      return on ? "pager: \(pager.command)" : "pager: off"
    case .clearScreen:
      if Terminal.isTTY(STDOUT_FILENO) { printer.write("\u{1B}[H\u{1B}[2J") }
      return ""
    }
    switch outcome {
    case .output(let text): return text
    case .error(let message, _): throw ShellHostError(message)
    case .exit: return ""
    }
  }

  private func connect(_ target: ConnectTarget, force: Bool) async -> EvaluationOutcome {
    guard let factory else { return .error("connect is not available here", exitCode: 3) }
    if !force, let loss = await dataLoss() {
      guard interactive else {
        return .error(
          "\(loss); nothing changed: to connect anyway, add force (connect ... force)",
          exitCode: 3)
      }
      guard await confirm("\(loss). Connect anyway? [y/N] ") else {
        return .output("connect cancelled")
      }
    }
    let opened: ShellBackend
    do {
      opened = try await factory(target)
    } catch {
      return .error(
        "cannot connect: \(error); still connected to \(backend.description)", exitCode: 3)
    }
    let previous = backend
    backend = opened
    backendCompletions = nil
    await interpreter.switchBackend(to: opened.api)
    await previous.shutdown()
    history?.activeSecrets = opened.apiKey.map { [$0] } ?? []
    await refreshState()
    return .output("connected to \(opened.description)")
  }

  /// Reads the campaign file again; a file with errors leaves the old campaigns running.
  private func reload() async -> EvaluationOutcome {
    guard let reload = backend.reload else {
      return .error(
        "reload works only with the embedded engine; this shell talks to \(backend.name)",
        exitCode: 3)
    }
    let loaded: ShellReload
    do {
      loaded = try await reload()
    } catch let error as ShellHostError {
      return .error(error.message, exitCode: 3)
    } catch {
      return .error("\(error)\nthe campaigns loaded before stay", exitCode: 2)
    }
    backend.couponCodes = loaded.couponCodes
    backend.campaignsSHA256 = loaded.campaignsSHA256
    backendCompletions = nil
    await refreshState()
    return .output(loaded.summary)
  }

  /// What leaving the current backend would lose: an in-memory store with data is kept
  /// nowhere else (`connect embedded` opens a new, empty one). Nil when nothing is lost.
  private func dataLoss() async -> String? {
    guard backend.isEmbedded, backend.description == "embedded (memory)",
      let isFresh = backend.isFresh, (try? await isFresh()) == false
    else { return nil }
    return "this shell's in-memory store holds data that is kept nowhere else and would be lost"
  }

  private func reset(force: Bool) async -> EvaluationOutcome {
    guard let reset = backend.reset else {
      return .error(
        "reset works only with the embedded engine or a `talon serve --test-control`; this "
          + "shell talks to \(backend.name)", exitCode: 3)
    }
    let store = backend.isEmbedded ? "the embedded store" : "the store of \(backend.description)"
    if !force {
      let question = "Empty \(store) (profiles, sessions, events, codes)? [y/N] "
      guard await confirm(question) else { return .output("reset cancelled") }
    }
    do {
      try await reset()
    } catch {
      return .error("reset failed: \(error)", exitCode: 3)
    }
    await interpreter.switchBackend(to: backend.api)
    backendCompletions = nil
    await refreshState()
    return .output("\(store) is empty")
  }

  // MARK: Recording

  /// `connect` and `reset` would make the rest of a recording replay against something its
  /// header does not name (`docs/behaviour.md`, "Recordings").
  private func refuseWhileRecording(_ command: String) throws(ShellHostError) {
    guard let recorder else { return }
    let what = command == "reset" ? "empties the store" : "changes the backend"
    throw ShellHostError(
      "\(command) is refused while recording: it \(what), and a replay of \(recorder.path)"
        + " runs against the one backend its header names; `record stop` first")
  }

  private func startRecording(path: String, force: Bool, snapshots: Bool) async
    -> EvaluationOutcome
  {
    if let recorder {
      return .error("already recording to \(recorder.path); `record stop` first", exitCode: 3)
    }
    if snapshots && backend.seed == nil {
      return .error(
        "snapshots need a seeded run: ids, codes and times differ on every run without a seed,"
          + " so the snapshots would fail on replay; start the shell with"
          + " `talon --memory --seed N` (the embedded engine)", exitCode: 3)
    }
    let resolved =
      path.hasPrefix("/") ? path : URL(fileURLWithPath: workingDirectory).appending(path: path).path
    let folder = URL(fileURLWithPath: resolved).deletingLastPathComponent().path
    var fresh = true
    if let isFresh = backend.isFresh { fresh = (try? await isFresh()) ?? false }
    let clock = backend.api as? any BackendClock
    let now = await clock?.now()
    var campaigns = RecordingHeader.Campaigns.builtIn
    if !backend.isEmbedded {
      campaigns = .remote
    } else if let file = backend.campaignFile {
      campaigns = .file(RecordingPath.relative(file, from: folder))
    }
    let header = RecordingHeader(
      date: Date(), version: TalonVersion.current, backend: backend.description,
      campaigns: campaigns, campaignsSHA256: backend.campaignsSHA256, seed: backend.seed,
      clock: now.map(RFC3339.string(from:)), virtualClock: backend.virtualClock,
      snapshots: snapshots, fileName: URL(fileURLWithPath: resolved).lastPathComponent,
      application: backend.isEmbedded ? backend.application : nil)
    let recorder: Recorder
    do {
      recorder = try Recorder(
        path: resolved, header: header.text, snapshots: snapshots, overwrite: force)
    } catch {
      return .error("\(error)", exitCode: 3)
    }
    self.recorder = recorder
    // A virtual clock (--seed, --clock) that stands elsewhere than a seeded run's start: the
    // replay starts from there too.
    if let clock, let now, backend.virtualClock, now != Self.virtualEpoch(of: clock) {
      recorder.appendLines(["clock set \(RFC3339.string(from: now))"])
    }
    var message = "recording to \(resolved)"
    if snapshots { message += " (with snapshot expectations)" }
    if backend.isFresh != nil && !fresh {
      message +=
        "\nwarning: the store was not fresh; a replay on a fresh backend may differ"
        + " (start with `talon --memory --seed N`, or `reset` first)"
    }
    return .output(message)
  }

  /// Where `clock`'s virtual time starts (the epoch of a seeded run).
  private static func virtualEpoch<Clock: BackendClock>(of clock: Clock) -> Date {
    Clock.virtualEpoch
  }

  /// Writes a successful statement to the recording, unless it may carry a secret or cannot
  /// stand in a workflow file (the shell-only commands). Literal `run` paths are rewritten to
  /// resolve from the recording's folder; with snapshots, the facts of the last API answer
  /// follow a statement that called the API.
  private func record(_ text: String, results: [StatementResult]) async {
    guard let recorder else { return }
    guard (try? Interpreter.parse(text, file: recorder.path, origin: .file)) != nil else { return }
    if HistoryFilter.mayContainSecret(text, activeSecrets: backend.apiKey.map { [$0] } ?? []) {
      printer.write("note: not recorded (it may contain a secret)\n")
      return
    }
    let folder = URL(fileURLWithPath: recorder.path).deletingLastPathComponent().path
    let workingDirectory = self.workingDirectory
    let rewritten = RecordedRunPaths.rewrite(text) { path in
      RecordingPath.relative(RecordingPath.resolve(path, from: workingDirectory), from: folder)
    }
    if rewritten.computed {
      printer.write(
        "note: a `run` path computed at run time is recorded as typed; on replay it is"
          + " relative to the recording's folder\n")
    }
    recorder.append(rewritten.text)
    if recorder.snapshots && results.contains(where: \.calledAPI) {
      recorder.appendLines(SnapshotExpectations.lines(for: await interpreter.last))
    }
  }

  // MARK: Confirmation

  /// Asks `question` on standard output and reads the answer from standard input: `y` or
  /// `yes` (any case) is yes; anything else, or the end of input, is no.
  public static let askOnStandardInput: @Sendable (String) async -> Bool = { question in
    Terminal.writeStandardOutput(question)
    let answer = await BlockingThread.run { Swift.readLine(strippingNewline: true) }
    let word = answer?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
    return word == "y" || word == "yes"
  }
}
