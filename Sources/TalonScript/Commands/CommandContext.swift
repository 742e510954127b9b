import Foundation
import TalonAPI

/// What a command may reach while it runs: the backend, the shell's context (profile, session,
/// carts), `$last` (through `callAPI`), the host environment, the
/// output format and the shell host. The interpreter conforms; commands never see its frames
/// or call stack. Argument reading helpers are in `Arguments.swift`.
protocol CommandContext: Actor {
  var api: any IntegrationAPI { get }
  var backendClock: (any BackendClock)? { get }
  var contextState: ContextState { get set }
  var environment: ScriptEnvironment { get }
  /// The shell session's own side, nil outside a shell (the runner, tests).
  var shellHost: (any ShellHost)? { get }
  /// The format `set output` chose, nil until then.
  var outputFormat: String? { get set }
  /// The variables of the current script scope (what `vars` shows).
  var scopeVariables: [String: JSONValue] { get }

  /// Evaluates an argument; `pipe` is what `$` means.
  func evaluate(_ expression: Expression, pipe: JSONValue?) async throws -> JSONValue
  /// A runtime error located at the start of `range` in the script running now.
  func failure(_ message: String, at range: SourceRange, kind: ScriptError.Kind) -> ScriptError
  /// Makes one Integration API call, records it and sets `$last` (see `APICall.swift`; commands
  /// use its typed forms, `callAPI(IntegrationCatalogue.x, for:path:query:body:)`).
  func callAPI<Answer: Sendable>(
    _ operation: IntegrationOperation, for command: CommandNode, path: [String],
    request: DeferredJSON?, dryRun: APICallRecord.DryRun?,
    _ perform: () async throws -> (Answer, DeferredJSON)
  ) async throws -> (Answer, CommandOutcome)
  /// Runs the script at `path` in a child scope with `$args` (the `run` command).
  func runFile(_ path: String, arguments: [String: JSONValue], for command: CommandNode)
    async throws
  /// A fresh UUID from the seeded or the system generator.
  func newUUID() -> String
}

extension CommandContext {
  func failure(_ message: String, at range: SourceRange) -> ScriptError {
    failure(message, at: range, kind: .runtime)
  }
}

/// The interactive shell's side of its own commands (`set output`, `connect`, `reset`,
/// `history`, `record`). The shell gives one to its interpreter; each request answers with
/// the text to show, or throws ``ShellHostError``.
public protocol ShellHost: AnyObject, Sendable {
  func perform(_ request: ShellRequest) async throws(ShellHostError) -> String
}

/// What a shell command asks of the shell.
public enum ShellRequest: Sendable, Equatable {
  /// `set output FORMAT` (json, pretty or summary).
  case setOutput(String)
  /// `connect URL [key=API_KEY] [force]`.
  case connectRemote(url: String, apiKey: String?, force: Bool = false)
  /// `connect embedded [force]`.
  case connectEmbedded(force: Bool = false)
  case reset(force: Bool)
  /// `reload`: read the campaign file again.
  case reload
  case history
  case recordStart(path: String, force: Bool, snapshots: Bool)
  case recordStop
  case recordStatus
  /// `set pager on|off`.
  case setPager(Bool)
  /// `clear`.
  case clearScreen
}

/// A shell request that failed; the command reports `message` at its location.
public struct ShellHostError: Error, Sendable, Equatable {
  public var message: String
  public init(_ message: String) { self.message = message }
}
