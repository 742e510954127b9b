import TalonAPI

/// The one error type of the command language: what went wrong, where, and (for API failures)
/// the server's answer. `rendered` gives the compiler-style text with the source line and a
/// caret; `exitCode` the status the runner and the non-interactive shell exit with.
public struct ScriptError: Error, CustomStringConvertible {
  /// The family of a failure, which decides the exit code.
  public enum Kind: String, Sendable, Equatable {
    /// The text is not a valid program (exit 2).
    case parse
    /// An `expect` did not hold (exit 1).
    case expectFailed
    /// The Integration API answered with an error or could not be reached (exit 3).
    case api
    /// Anything else that stops a statement: a missing field, a type error, no context (exit 3).
    case runtime
    /// The statement was cancelled, e.g. by Ctrl-C (exit 130).
    case cancelled
  }

  /// What an `.api` error carries: the server's answer or the transport's failure.
  public enum APIFailure: Sendable {
    case integration(IntegrationError)
    case transport(any Error)
  }

  public var kind: Kind
  /// The message without location, e.g. `no field 'efects' in $last; fields: effects, ...`.
  public var message: String
  /// Where the problem lies, when it is tied to source text.
  public var location: ScriptLocation?
  /// The text of the source line at `location`, for the caret display.
  public var sourceLine: String?
  /// The full text of the statement that failed, for failure reports.
  public var statementText: String?
  /// For `.api` errors: the answer or transport failure.
  public var apiFailure: APIFailure?

  public init(
    kind: Kind, message: String, location: ScriptLocation? = nil, sourceLine: String? = nil,
    statementText: String? = nil, apiFailure: APIFailure? = nil
  ) {
    self.kind = kind
    self.message = message
    self.location = location
    self.sourceLine = sourceLine
    self.statementText = statementText
    self.apiFailure = apiFailure
  }

  /// The `IntegrationError` of an API failure, if the server answered.
  public var integrationError: IntegrationError? {
    if case .integration(let error) = apiFailure { return error }
    return nil
  }

  /// The process exit status for this failure: 1 failed expect, 2 parse error, 3 API or
  /// runtime error, 130 cancelled.
  public var exitCode: Int32 {
    switch kind {
    case .expectFailed: 1
    case .parse: 2
    case .api, .runtime: 3
    case .cancelled: 130
    }
  }

  /// `file:line:col: error: message`, then the source line and a caret under the column.
  public var rendered: String {
    var text = location.map { "\($0): error: \(message)" } ?? "error: \(message)"
    if let location, let sourceLine {
      text += "\n" + sourceLine + "\n" + Self.caretLine(for: sourceLine, column: location.column)
    }
    return text
  }

  /// `rendered`.
  public var description: String { rendered }

  /// Spaces (tabs kept, so it lines up) up to the column, then `^`.
  static func caretLine(for line: String, column: Int) -> String {
    var caret = ""
    for character in line.prefix(max(0, column - 1)) {
      caret.append(character == "\t" ? "\t" : " ")
    }
    return caret + "^"
  }
}

extension ScriptError {
  /// An error located at a byte offset of a source file.
  init(
    _ kind: Kind, _ message: String, at offset: Int, in source: SourceFile,
    apiFailure: APIFailure? = nil
  ) {
    self.init(
      kind: kind, message: message, location: source.location(of: offset),
      sourceLine: source.lineText(at: offset), apiFailure: apiFailure)
  }
}
