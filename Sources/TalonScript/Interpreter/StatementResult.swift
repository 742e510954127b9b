import TalonAPI

/// What one executed statement gave. Printing is the caller's job.
public struct StatementResult: Sendable {
  /// What kind of statement it was and what to show.
  public var kind: ResultKind
  /// The statement's value: the API result for API commands (`null` after a 204), the value
  /// of an expression or assignment, `null` for statements without one.
  public var value: JSONValue {
    get { deferredValue.value }
    set { deferredValue = DeferredJSON(newValue) }
  }
  /// The value, made from an API result only when first read (see `DeferredJSON`).
  public var deferredValue: DeferredJSON
  /// The API calls this statement made itself (calls of nested statements are in `nested`).
  public var apiCalls: [APICallRecord]
  /// Wall time of the whole statement, nested statements included.
  public var duration: Duration
  /// The exact source text of the statement (what `record` writes).
  public var text: String
  public var location: ScriptLocation
  /// 0 for a top-level statement, 1 inside its blocks or a script it runs, and so on.
  public var depth: Int
  /// Results of statements executed inside blocks and `run` scripts, in order (top level
  /// only; nested results have this empty).
  public var nested: [StatementResult]
  /// The statement's narration (`#>` lines before it), if any.
  public var caption: Caption? = nil

  /// True for a caption that stood alone (`Statement.isNarration`): its text is the `#>` lines.
  public var isNarration: Bool {
    caption != nil && text.hasPrefix("#>")
  }

  /// The warning lines of this statement's calls and of its nested statements', in order.
  public var warnings: [String] {
    apiCalls.flatMap(\.warnings) + nested.flatMap(\.warnings)
  }
}

/// The kinds of statement results.
public enum ResultKind: Sendable {
  /// An API command (possibly piped): the last call's record.
  case api(APICallRecord)
  /// An expression or a command that shows a value (`context`, `vars`, `cart`, `clock`, `use`).
  case value
  /// `let NAME = ...`.
  case assignment(name: String)
  /// An `expect` that held; the expression's text.
  case expectation(String)
  /// Text to print as is: `echo`, `help`.
  case output(String)
  /// Control flow, `sleep`, `run`: nothing of its own to show.
  case none
  /// `exit [CODE]`: the caller stops with this status.
  case exit(Int32)
}

/// One Integration API call made by a command.
public struct APICallRecord: Sendable {
  public var operation: IntegrationOperation
  /// The HTTP status of the success (`operation.successStatus`).
  public var status: Int
  public var duration: Duration
  /// The path parameters (profile id, session id, coupon code...), in path order.
  public var pathParameters: [String]
  /// The path parameters as one text (space-separated), nil when there are none.
  public var pathParameter: String? {
    pathParameters.isEmpty ? nil : pathParameters.joined(separator: " ")
  }
  /// The request body as sent (query parameters for GetCustomerInventory), if any; made
  /// into JSON when first read.
  public var request: JSONValue? { deferredRequest?.value }
  var deferredRequest: DeferredJSON?
  /// Set when the call was a dry run (`dry=true`): nothing was saved.
  public var dryRun: DryRun?

  /// What a dry run is compared with.
  public struct DryRun: Sendable {
    /// The answer for the stored session evaluated as it is (a v2 session answer with its
    /// effects and session), nil when it could not be read.
    public var stored: JSONValue?
  }
  /// One line per rule that failed at run time, from the answer's `ruleFailureReasons`
  /// (`warning: campaign 3 rule 1 "Big basket": division by zero`).
  public var warnings: [String] = []
}

/// The outcome of running a program or a shell line: the top-level results in order, then
/// either nothing (all ran), an exit request, or the error that stopped it.
public struct ProgramRun: Sendable {
  public var results: [StatementResult]
  /// The error that stopped the run, if any (the results before it are in `results`).
  public var error: ScriptError?
  /// The code of an `exit` statement, if one ran.
  public var exitRequested: Int32?

  /// 0 when everything ran, the `exit` code, or the error's exit code.
  public var exitCode: Int32 {
    if let error { return error.exitCode }
    return exitRequested ?? 0
  }
}
