import TalonRendering

/// The statements the shell owns besides the command language: output format, backend
/// switching, resetting the embedded store, history and recording.
enum ShellStatement: Equatable {
  case setOutput(OutputFormat)
  case connect(ConnectTarget)
  /// `reset`, or `reset force` without the confirmation.
  case reset(force: Bool)
  case history
  case recordStart(path: String, force: Bool)
  case recordStop
  case recordStatus

  /// The first words that make a line a shell statement.
  static let words = ["connect", "history", "record", "reset", "set"]

  /// One line of usage per statement, appended to `help`.
  static let usage = [
    ("set output json|pretty|summary", "how results are shown"),
    ("connect URL [key=API_KEY]", "talk to a remote Integration API (or `talon serve`)"),
    ("connect embedded", "talk to the embedded engine again"),
    ("reset [force]", "empty the embedded store (asks first unless forced)"),
    ("history", "list the history"),
    ("record start FILE.tw [force]", "write each successful statement to a workflow file"),
    ("record stop | record status", "stop recording, or say where it goes"),
  ]

  /// The usage of a shell statement when `text` is `help WORD` for one of them.
  static func help(for text: String) -> String? {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard words.count == 2, words[0] == "help", Self.words.contains(String(words[1])) else {
      return nil
    }
    return usage.filter { $0.0.hasPrefix(words[1]) }.map { "\($0.0)\n  \($0.1)" }
      .joined(separator: "\n")
  }

  /// The statement `text` spells, nil when it is not a shell statement (the language takes
  /// it), or a usage error.
  static func parse(_ text: String) -> Result<ShellStatement, ShellStatementError>? {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard let first = words.first, Self.words.contains(first) else { return nil }
    let rest = Array(words.dropFirst())
    switch first {
    case "set":
      guard rest.count == 2, rest[0] == "output", let format = OutputFormat(rawValue: rest[1])
      else { return .failure(.usage("set output json|pretty|summary")) }
      return .success(.setOutput(format))
    case "connect":
      return parseConnect(rest)
    case "reset":
      if rest.isEmpty { return .success(.reset(force: false)) }
      if rest == ["force"] { return .success(.reset(force: true)) }
      return .failure(.usage("reset [force]"))
    case "history":
      return rest.isEmpty ? .success(.history) : .failure(.usage("history"))
    default:
      return parseRecord(rest)
    }
  }

  private static func parseConnect(_ rest: [String]) -> Result<ShellStatement, ShellStatementError>
  {
    let usage = ShellStatementError.usage("connect URL [key=API_KEY] | connect embedded")
    guard let target = rest.first else { return .failure(usage) }
    if target == "embedded" {
      return rest.count == 1 ? .success(.connect(.embedded)) : .failure(usage)
    }
    guard target.hasPrefix("http://") || target.hasPrefix("https://") else {
      return .failure(usage)
    }
    var key: String?
    for argument in rest.dropFirst() {
      if let value = argument.value(after: "key=") ?? argument.value(after: "api-key=") {
        key = value
      } else {
        return .failure(usage)
      }
    }
    return .success(.connect(.remote(url: target, apiKey: key)))
  }

  private static func parseRecord(_ rest: [String]) -> Result<ShellStatement, ShellStatementError> {
    let usage = ShellStatementError.usage(
      "record start FILE.tw [force] | record stop | record status")
    switch rest.first {
    case "start":
      guard rest.count == 2 || (rest.count == 3 && rest[2] == "force") else {
        return .failure(usage)
      }
      return .success(.recordStart(path: rest[1], force: rest.count == 3))
    case "stop" where rest.count == 1: return .success(.recordStop)
    case "status" where rest.count == 1: return .success(.recordStatus)
    default: return .failure(usage)
    }
  }
}

/// A shell statement written wrong.
enum ShellStatementError: Error, Equatable {
  case usage(String)

  var message: String {
    switch self {
    case .usage(let usage): "usage: \(usage)"
    }
  }
}

extension String {
  /// The rest of the string after `prefix`, when it starts with it and something follows.
  fileprivate func value(after prefix: String) -> String? {
    guard hasPrefix(prefix), count > prefix.count else { return nil }
    return String(dropFirst(prefix.count))
  }
}
