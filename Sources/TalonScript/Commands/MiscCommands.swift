import Foundation
import TalonAPI

/// `echo`, `help`, `sleep`, `exit`.
extension Interpreter {
  func echo(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    var parts: [String] = []
    for expression in command.positional {
      parts.append(ValueText.plain(try await evaluate(expression, pipe: pipe)))
    }
    let text = parts.joined(separator: " ")
    return CommandOutcome(value: .string(text), kind: .output(text))
  }

  func sleep(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let seconds = try await decimal(command.positional[0], "the seconds", pipe: pipe)
    guard seconds >= 0, seconds <= 86_400 else {
      throw failure("sleep takes 0 to 86400 seconds", at: command.positional[0].range)
    }
    let milliseconds = NSDecimalNumber(decimal: seconds * 1000).int64Value
    try await environment.sleep(.milliseconds(milliseconds))
    return CommandOutcome(value: .null, kind: .none)
  }

  /// `exit [CODE]` stops the whole execution, also from inside `run` and blocks.
  func exit(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    var code: Int32 = 0
    if let expression = command.positional.first {
      let value = try await integer(expression, "the exit code", pipe: pipe)
      guard let status = Int32(exactly: value), (0...255).contains(status) else {
        throw failure("an exit code is 0 to 255", at: expression.range)
      }
      code = status
    }
    throw ControlSignal.exit(code)
  }

  func help(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    var words: [String] = []
    for expression in command.positional {
      words.append(ValueText.plain(try await evaluate(expression, pipe: pipe)))
    }
    let text = HelpText.text(for: words)
    return CommandOutcome(value: .string(text), kind: .output(text))
  }
}

/// The text of `help` and `help COMMAND`.
enum HelpText {
  static func text(for words: [String]) -> String {
    let infos = CommandInfo.all
    if words.isEmpty {
      var lines = ["Commands:"]
      let width = 34
      for info in infos.prefix(BuiltinCommand.allCases.count) {
        let name = info.words.joined(separator: " ")
        lines.append(
          "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + info.summary)
      }
      lines.append(
        "Operations by SDK name (raw JSON body): "
          + IntegrationOperation.allCases.map(\.sdkName).joined(separator: ", "))
      lines.append(
        "Statements: let NAME = VALUE|COMMAND, expect EXPR [\"message\"], expect error STATUS [\"TEXT\"] COMMAND, if EXPR { } else { }, for NAME in EXPR { }, repeat N { }, COMMAND | COMMAND, COMMAND | .path"
      )
      lines.append("Functions: len(x), keys(x), uuid(), now(), random(n)")
      lines.append("Type 'help COMMAND' for details, e.g. 'help session update'.")
      return lines.joined(separator: "\n")
    }
    let lowered = words.map { $0.lowercased() }
    let matches = infos.filter { info in
      let name = info.words.map { $0.lowercased() }
      return Array(name.prefix(lowered.count)) == lowered
    }
    guard !matches.isEmpty else {
      return "no command '\(words.joined(separator: " "))'; type 'help' for the list"
    }
    return matches.map { info in
      var text = "\(info.usage)\n  \(info.summary)"
      if !info.keys.isEmpty { text += "\n  keys: " + info.keys.joined(separator: ", ") }
      return text
    }.joined(separator: "\n")
  }
}
