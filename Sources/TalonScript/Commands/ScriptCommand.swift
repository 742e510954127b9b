import TalonAPI

/// A command of the language: one type holding what it looks like (``spec``: words, arguments,
/// help, where it works) and what it does (``execute(_:in:pipe:)``). The command table lists
/// them; `help`, tab completion and the parser's argument checks all read the spec.
protocol ScriptCommand: Sendable {
  /// The command's words, arguments and help.
  var spec: CommandSpec { get }
  /// Runs the parsed command; `pipe` is the previous stage's value in a pipe. Arguments are
  /// evaluated through the context (`context.string(...)`), errors are located there too.
  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
}

/// Where a command works. Shell-only commands in a file (`talon run`, `run FILE`) are parse
/// errors, found before any statement runs.
enum CommandAvailability: Sendable, Equatable {
  /// In the shell, in `.talonrc`, in workflow files and under `talon run`.
  case everywhere
  /// Only in a shell session (interactive, piped, `-c` or `.talonrc`).
  case shellOnly
}

/// The type of an argument's value: shown by `help`, used by completion and, for `choice`,
/// checked by the parser when the value is written literally.
enum ArgumentType: Sendable, Equatable {
  case string
  case number
  case integer
  case bool
  /// A list of strings (a single string is a list of one).
  case list
  /// An object `{...}`.
  case object
  /// An array of objects `[{...}]`.
  case objects
  /// An RFC 3339 time or a date.
  case time
  /// `30d`, `12h`, `15m`, `10s`, or seconds.
  case duration
  /// A file path (written bare: `run ../lib/x.tw`).
  case path
  /// One of these words.
  case choice([String])
  /// Any value.
  case any

  /// How `help` names the type.
  var display: String {
    switch self {
    case .string: "string"
    case .number: "number"
    case .integer: "whole number"
    case .bool: "true or false"
    case .list: "list of strings"
    case .object: "object"
    case .objects: "list of objects"
    case .time: "time (RFC 3339 or a date)"
    case .duration: "duration (30d, 12h, 15m, 10s)"
    case .path: "file path"
    case .choice(let words): words.joined(separator: "|")
    case .any: "any value"
    }
  }
}

/// One argument of a command: a positional one (named by its placeholder, `ID`) or a `key=`.
struct ArgumentSpec: Sendable, Equatable {
  /// The placeholder of a positional argument (`CODE`), or the key of a named one (`coupons`).
  var name: String
  var type: ArgumentType
  /// Whether it must be given.
  var isRequired: Bool
  /// Whether a positional argument may repeat (`[ID ...]`).
  var repeats: Bool
  /// What is used when it is not given, for `help` (`1`, `the current profile`).
  var defaultValue: String?

  /// A positional argument.
  static func positional(
    _ name: String, _ type: ArgumentType = .string, required: Bool = true, repeats: Bool = false,
    default defaultValue: String? = nil
  ) -> ArgumentSpec {
    ArgumentSpec(
      name: name, type: type, isRequired: required, repeats: repeats, defaultValue: defaultValue)
  }

  /// A `key=` argument.
  static func key(
    _ name: String, _ type: ArgumentType = .string, required: Bool = false,
    default defaultValue: String? = nil
  ) -> ArgumentSpec {
    ArgumentSpec(
      name: name, type: type, isRequired: required, repeats: false, defaultValue: defaultValue)
  }

  /// The positional argument in a usage line: `ID`, `[ID]`, `[ID ...]`, `json|pretty`.
  var positionalUsage: String {
    var text = name
    if case .choice(let words) = type { text = words.joined(separator: "|") }
    if repeats { text += " ..." }
    return isRequired ? text : "[\(text)]"
  }

  /// The `key=` argument in a usage line: `sku=...`, `[coupons=[...]]`, `[quantity=1]`.
  var keyUsage: String {
    let value: String
    switch type {
    case .list, .objects: value = "[...]"
    case .object: value = "{...}"
    case .choice(let words): value = words.joined(separator: "|")
    default: value = defaultValue.map { $0.contains(" ") ? "..." : $0 } ?? "..."
    }
    return isRequired ? "\(name)=\(value)" : "[\(name)=\(value)]"
  }
}

/// What a command looks like: its words, its arguments, its help, whether it calls the API
/// and where it works.
struct CommandSpec: Sendable {
  /// The command's words (`["session", "update"]`), or the SDK name of an operation.
  var words: [String]
  var positional: [ArgumentSpec]
  var keys: [ArgumentSpec]
  /// Any `key=value` is accepted besides `keys` (attributes, script arguments); `help` names
  /// them with this placeholder (`attr=value`).
  var freeKeys: String?
  /// One line saying what it does.
  var summary: String
  /// More about it, for `help COMMAND` (may be empty).
  var details: String
  /// At least one example line.
  var examples: [String]
  /// The Integration API operation it calls, if any.
  var operation: IntegrationOperation?
  var availability: CommandAvailability

  init(
    _ words: String, _ positional: [ArgumentSpec] = [], keys: [ArgumentSpec] = [],
    freeKeys: String? = nil, summary: String, details: String = "", examples: [String],
    operation: IntegrationOperation? = nil, availability: CommandAvailability = .everywhere
  ) {
    self.words = words.split(separator: " ").map(String.init)
    self.positional = positional
    self.keys = keys
    self.freeKeys = freeKeys
    self.summary = summary
    self.details = details
    self.examples = examples
    self.operation = operation
    self.availability = availability
  }

  /// `session update`, or the operation's SDK name.
  var name: String { words.joined(separator: " ") }

  /// The usage line, made from the words and the arguments.
  var usage: String {
    var parts = [name] + positional.map(\.positionalUsage)
    parts += keys.filter(\.isRequired).map(\.keyUsage)
    parts += keys.filter { !$0.isRequired }.map(\.keyUsage)
    if let freeKeys { parts.append("[\(freeKeys) ...]") }
    return parts.joined(separator: " ")
  }

  /// The fewest positional arguments.
  var minimumPositional: Int { positional.filter(\.isRequired).count }

  /// The most positional arguments, nil when the last one repeats.
  var maximumPositional: Int? { positional.last?.repeats == true ? nil : positional.count }

  /// The spec of the `key=` argument `name`, if declared.
  func key(_ name: String) -> ArgumentSpec? { keys.first { $0.name == name } }
}
