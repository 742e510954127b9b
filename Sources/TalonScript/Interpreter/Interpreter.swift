import Foundation
import TalonAPI

/// Runs the command language against an `IntegrationAPI`. One interpreter is one shell
/// session (or one workflow file): it keeps the context (profile, session, carts), `$last`,
/// and the top-level variables between calls.
///
/// `now()` and `clock` use the backend's `BackendClock` when it has one (the embedded engine,
/// or the HTTP client of a `talon serve --test-control`); `clock` statements against another
/// backend fail with a message that says why.
public actor Interpreter {
  private(set) var api: any IntegrationAPI
  private(set) var backendClock: (any BackendClock)?
  let environment: ScriptEnvironment
  /// The shell session's side of its own commands (`connect`, `record`, ...), if any.
  private(set) weak var shellHost: (any ShellHost)?
  /// The format the last `set output` chose (`json`, `pretty`, `summary`), nil until then;
  /// the runner shows `--verbose` and `--step` results in it.
  public internal(set) var outputFormat: String?
  var random: SeededRandom?
  var contextState = ContextState()
  /// The result of the most recent API command anywhere.
  public internal(set) var last: JSONValue {
    get { lastDeferred.value }
    set { lastDeferred = DeferredJSON(newValue) }
  }
  /// `$last`, converted to JSON only when read.
  var lastDeferred = DeferredJSON.null
  var frames: [Frame]
  /// Results of nested statements of the current top-level statement.
  var nestedResults: [StatementResult] = []
  /// API calls made by the statement currently executing at each depth.
  var callStack: [[APICallRecord]] = []

  public init(api: any IntegrationAPI, environment: ScriptEnvironment = ScriptEnvironment()) {
    self.api = api
    self.backendClock = api as? any BackendClock
    self.environment = environment
    self.random = environment.seed.map { SeededRandom(seed: $0) }
    self.frames = [Frame(source: SourceFile(name: "<input>", text: ""))]
  }

  // MARK: Parsing

  /// Parses a script; a syntax error is a `.parse` `ScriptError` with location and caret.
  /// From a file (the default), shell-only commands are errors too.
  public nonisolated static func parse(
    _ text: String, file: String = "<input>", origin: ScriptOrigin = .file, firstLine: Int = 1
  ) throws(ScriptError) -> Program {
    try Parser.parse(SourceFile(name: file, text: text, firstLine: firstLine), origin: origin)
  }

  /// True when `text` cannot be complete yet: an unclosed `(`, `[` or `{` (outside strings
  /// and comments) or a trailing `\`. The shell then asks for a continuation line.
  public nonisolated static func isIncomplete(_ text: String) -> Bool {
    InputCompleteness.isIncomplete(text)
  }

  /// The command words, usages and `key=` names, for completion and help.
  public nonisolated static var commands: [CommandInfo] { CommandInfo.all }

  // MARK: State for the shell

  /// Current profile, session and cart.
  public var context: ScriptContext { contextState.snapshot }

  /// Profile ids, session ids and coupon codes seen so far.
  public var seen: SeenIdentifiers { contextState.seen.identifiers }

  /// The top-level variables (the shell's `let`s), by name.
  public var variables: [String: JSONValue] { frames[0].variables }

  /// Whether `clock` and a backend time are available.
  public var hasBackendClock: Bool { backendClock != nil }

  /// Talks to another backend from now on (the shell's `connect`). Variables stay; the
  /// context, the carts and `$last` start afresh unless `keepContext` is set, since ids of
  /// one backend mean nothing to another.
  public func switchBackend(to api: any IntegrationAPI, keepContext: Bool = false) {
    self.api = api
    self.backendClock = api as? any BackendClock
    if !keepContext {
      contextState = ContextState()
      last = .null
    }
  }

  /// Lets the shell's own commands (`set output`, `connect`, `reset`, `history`, `record`)
  /// reach the shell. The interpreter holds it weakly.
  public func attach(shell host: any ShellHost) {
    shellHost = host
  }

  /// Sets a top-level variable (e.g. from the runner's `--var`, if it wants them as variables).
  public func setVariable(_ name: String, _ value: JSONValue) {
    frames[0].variables[name] = value
  }

  /// Sets the top-level `$args` (the runner's `--var KEY=VALUE`).
  public func setArguments(_ arguments: [String: JSONValue]) {
    frames[0].arguments = arguments
  }

  // MARK: Execution

  /// Parses and runs shell input (one or more statements), stopping at the first failure.
  /// `firstLine` is the number of the text's first line where it was read.
  public func run(line: String, file: String = "<input>", firstLine: Int = 1) async -> ProgramRun {
    do throws(ScriptError) {
      return await execute(
        try Self.parse(line, file: file, origin: .shell, firstLine: firstLine))
    } catch {
      return ProgramRun(results: [], error: error, exitRequested: nil)
    }
  }

  /// Runs a program's statements in order, stopping at the first failure or `exit`.
  public func execute(_ program: Program) async -> ProgramRun {
    var run = ProgramRun(results: [], error: nil, exitRequested: nil)
    for statement in program.statements {
      do throws(ScriptError) {
        let result = try await execute(statement, in: program)
        run.results.append(result)
        if case .exit(let code) = result.kind {
          run.exitRequested = code
          break
        }
      } catch {
        run.error = error
        break
      }
    }
    return run
  }

  /// Runs one top-level statement of `program` (the runner's step mode calls this per
  /// statement). `exit` gives a result of kind `.exit`.
  public func execute(_ statement: Statement, in program: Program) async throws(ScriptError)
    -> StatementResult
  {
    frames = [frames[0]]
    frames[0].source = program.source
    nestedResults = []
    callStack = []
    let start = ContinuousClock.now
    do {
      var result = try await executeStatement(statement, depth: 0)
      result.nested = nestedResults
      nestedResults = []
      return result
    } catch let signal as ControlSignal {
      let nested = nestedResults
      nestedResults = []
      switch signal {
      case .exit(let code):
        return StatementResult(
          kind: .exit(code), deferredValue: DeferredJSON(.number(Decimal(code))), apiCalls: [],
          duration: ContinuousClock.now - start, text: statement.text,
          location: statement.location, depth: 0, nested: nested, caption: statement.caption)
      }
    } catch {
      nestedResults = []
      throw Self.scriptError(error, statement: statement)
    }
  }

  /// Any error of execution as a `ScriptError` (cancellation included), with the statement's
  /// text when it has none.
  static func scriptError(_ error: any Error, statement: Statement) -> ScriptError {
    var failure: ScriptError
    if let error = error as? ScriptError {
      failure = error
    } else if error is CancellationError {
      failure = ScriptError(
        kind: .cancelled, message: "cancelled", location: statement.location,
        sourceLine: nil)
    } else {
      failure = ScriptError(kind: .runtime, message: "\(error)", location: statement.location)
    }
    if failure.statementText == nil { failure.statementText = statement.text }
    return failure
  }
}
