/// Where script text comes from, which decides what it may contain: shell-only commands
/// (`connect`, `reset`, `history`, `record`) are parse errors in a file.
public enum ScriptOrigin: Sendable {
  /// A workflow file: `talon run`, `run FILE` inside a script or the shell.
  case file
  /// A shell session: typed or piped lines, `-c`, the startup file.
  case shell
}

/// A parsed script: its source and its top-level statements, in order.
public struct Program: Sendable {
  public let source: SourceFile
  public let statements: [Statement]

  /// The file name given to `parse`.
  public var file: String { source.name }
}

/// One statement with its exact source text and location. The runner shows `text` in step
/// mode and reports; `record` writes it back.
public struct Statement: Sendable {
  let node: StatementNode
  /// From the first to the last token of the statement (block statements include the block).
  public let range: SourceRange
  /// The exact source text of the statement.
  public let text: String
  /// Where the statement starts.
  public let location: ScriptLocation
  /// The narration (`#>` lines) just before the statement, if any (`docs/language.md`,
  /// "Narration").
  public internal(set) var caption: Caption? = nil

  /// True for a caption that precedes no statement of its own (another caption follows it, or
  /// its file or block ends): a stop of its own in presenter mode, nothing when run.
  public var isNarration: Bool {
    if case .narration = node { return true }
    return false
  }
}

/// What a statement does.
enum StatementNode: Sendable {
  case assignment(name: String, nameRange: SourceRange, value: Pipeline)
  case expect(Expression, message: Expression?)
  /// `expect error STATUS ["TEXT"] COMMAND ...`.
  case expectError(ErrorExpectation)
  case conditional(condition: Expression, then: [Statement], otherwise: [Statement]?)
  case loop(variable: String, variableRange: SourceRange, sequence: Expression, body: [Statement])
  case `repeat`(count: Expression, body: [Statement])
  case pipeline(Pipeline)
  /// A caption that stands alone (`Statement.isNarration`); running it does nothing.
  case narration
}

/// `A | B | .path`: the first stage is a command or an expression; later stages run with `$`
/// bound to the previous result.
struct Pipeline: Sendable {
  var stages: [PipeStage]
}

enum PipeStage: Sendable {
  case command(CommandNode)
  case expression(Expression)
  /// `| .field[0]`: the field of the previous result.
  case path([PathComponent], SourceRange)
}

/// A command with its arguments, checked against its spec at parse time.
struct CommandNode: Sendable {
  var command: any ScriptCommand
  var nameRange: SourceRange
  var positional: [Expression]
  var named: [NamedArgument]
  var range: SourceRange

  /// The command's words (`session update`) or operation name.
  var name: String { command.spec.name }

  /// The named argument `key`, if given.
  func argument(_ key: String) -> NamedArgument? {
    named.first { $0.key == key }
  }
}

/// `key=value` in a command.
struct NamedArgument: Sendable {
  var key: String
  var keyRange: SourceRange
  var value: Expression
}

/// `expect error STATUS ["TEXT"] COMMAND ...`: the API command must fail with this HTTP
/// status (and, when given, an error text containing TEXT).
struct ErrorExpectation: Sendable {
  /// From `error` to the end of the command (what a passing result is called).
  var range: SourceRange
  /// 400 to 599, checked by the parser.
  var status: Int
  var statusRange: SourceRange
  /// A string (or reference to one) that the error's message, a title or details must contain.
  var text: Expression?
  /// An API command (one whose spec names an operation); no pipe.
  var command: CommandNode
}
