import TalonAPI

/// `help [WORD ...]`: the list of commands and statements, or one explained with an example.
struct HelpCommand: ScriptCommand {
  let spec = CommandSpec(
    "help", [.positional("WORD", required: false, repeats: true)],
    summary: "list the commands or explain one (also statements: help let, help for)",
    examples: ["help session update", "help expect"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    var words: [String] = []
    for expression in command.positional {
      // `help $last` asks about a value, not a word: say so instead of looking up its text.
      guard expression.isLiteral else {
        throw context.failure(
          "help explains command words and statements, like 'help session update' or "
            + "'help let'; this is a value: type it alone to see what it holds",
          at: expression.range)
      }
      words.append(ValueText.plain(try await context.evaluate(expression, pipe: pipe)))
    }
    let text = HelpText.text(for: words)
    return CommandOutcome(value: .string(text), kind: .output(text))
  }
}

/// The text of `help` and `help WORD ...`, read from the command table and the statements.
enum HelpText {
  static func text(for words: [String]) -> String {
    if words.isEmpty { return overview }
    let lowered = words.map { $0.lowercased() }
    let statements = StatementHelp.all.filter { statement in
      Array(statement.words.prefix(lowered.count)) == lowered
    }
    let commands = CommandTable.all.filter { command in
      Array(command.spec.words.map { $0.lowercased() }.prefix(lowered.count)) == lowered
    }
    guard !statements.isEmpty || !commands.isEmpty else {
      return "no command or statement '\(words.joined(separator: " "))'; type 'help' for the list"
    }
    return (statements.map(explain) + commands.map { explain($0.spec) })
      .joined(separator: "\n\n")
  }

  static var overview: String {
    let width = 34
    func line(_ name: String, _ summary: String) -> String {
      "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + summary
    }
    var lines = ["Commands:"]
    for command in CommandTable.friendly where command.spec.availability == .everywhere {
      lines.append(line(command.spec.name, command.spec.summary))
    }
    lines.append("Shell commands (not in .tw files):")
    for command in CommandTable.friendly where command.spec.availability == .shellOnly {
      lines.append(line(command.spec.name, command.spec.summary))
    }
    lines.append(
      "Operations by SDK name (raw JSON body): "
        + IntegrationOperation.allCases.map(\.sdkName).joined(separator: ", "))
    lines.append("Statements:")
    for statement in StatementHelp.all {
      lines.append(line(statement.words.joined(separator: " "), statement.summary))
    }
    lines.append("Functions: len(x), keys(x), uuid(), now(), random(n)")
    lines.append("Type 'help WORD' for details and an example, e.g. 'help session update'.")
    return lines.joined(separator: "\n")
  }

  static func explain(_ spec: CommandSpec) -> String {
    var lines = ["usage: \(spec.usage)", "  \(spec.summary)"]
    if !spec.details.isEmpty { lines.append("  \(spec.details)") }
    let arguments = spec.positional + spec.keys
    if !arguments.isEmpty {
      lines.append("arguments:")
      for argument in spec.positional {
        lines.append("  \(argument.name): \(describe(argument))")
      }
      for argument in spec.keys {
        lines.append("  \(argument.name)=: \(describe(argument))")
      }
    }
    if let freeKeys = spec.freeKeys { lines.append("  \(freeKeys): any other key") }
    if spec.availability == .shellOnly {
      lines.append("works only in the interactive shell (not in .tw files)")
    }
    lines.append("example:")
    lines += spec.examples.map { "  " + $0 }
    return lines.joined(separator: "\n")
  }

  private static func describe(_ argument: ArgumentSpec) -> String {
    var text = argument.type.display
    if argument.isRequired { text += ", required" }
    if let value = argument.defaultValue { text += ", default \(value)" }
    return text
  }

  static func explain(_ statement: StatementHelp) -> String {
    (["usage: \(statement.usage)", "  \(statement.summary)"]
      + (statement.details.isEmpty ? [] : ["  \(statement.details)"])
      + ["example:"] + statement.examples.map { "  " + $0 })
      .joined(separator: "\n")
  }
}
