import Foundation
import TalonAPI

/// `echo [VALUE ...]`.
struct EchoCommand: ScriptCommand {
  let spec = CommandSpec(
    "echo", [.positional("VALUE", .any, required: false, repeats: true)],
    summary: "print values", examples: ["echo \"profile: ${profile}\" $last.effects"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    var parts: [String] = []
    for expression in command.positional {
      parts.append(ValueText.plain(try await context.evaluate(expression, pipe: pipe)))
    }
    let text = parts.joined(separator: " ")
    return CommandOutcome(value: .string(text), kind: .output(text))
  }
}

/// `sleep SECONDS`.
struct SleepCommand: ScriptCommand {
  let spec = CommandSpec(
    "sleep", [.positional("SECONDS", .number)], summary: "wait",
    details: "0 to 86400 seconds; Ctrl-C interrupts it.", examples: ["sleep 0.5"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let seconds = try await context.decimal(command.positional[0], "the seconds", pipe: pipe)
    guard seconds >= 0, seconds <= 86_400 else {
      throw context.failure("sleep takes 0 to 86400 seconds", at: command.positional[0].range)
    }
    let milliseconds = NSDecimalNumber(decimal: seconds * 1000).int64Value
    try await context.environment.sleep(.milliseconds(milliseconds))
    return CommandOutcome(value: .null, kind: .none)
  }
}

/// `exit [CODE]` stops the whole execution, also from inside `run` and blocks.
struct ExitCommand: ScriptCommand {
  let spec = CommandSpec(
    "exit", [.positional("CODE", .integer, required: false, default: "0")],
    summary: "stop with an exit status (default 0)",
    details: "Stops the whole execution, also from inside blocks and 'run' scripts.",
    examples: ["exit", "if $failed { exit 4 }"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    var code: Int32 = 0
    if let expression = command.positional.first {
      let value = try await context.integer(expression, "the exit code", pipe: pipe)
      guard let status = Int32(exactly: value), (0...255).contains(status) else {
        throw context.failure("an exit code is 0 to 255", at: expression.range)
      }
      code = status
    }
    throw ControlSignal.exit(code)
  }
}

/// `run FILE.tw [key=value ...]`: runs another script in a child scope (its own variables,
/// `$args` from the arguments) sharing the context and `$last`. Relative paths resolve
/// against the calling script's folder (the working directory in the shell).
struct RunCommand: ScriptCommand {
  let spec = CommandSpec(
    "run", [.positional("FILE.tw", .path)], freeKeys: "key=value",
    summary: "run a script with arguments ($args)",
    details:
      "The script gets its own variables and $args; the context and $last are shared. A relative path is relative to the calling script's folder.",
    examples: ["run lib/checkout.tw who=alice total=30"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let name = try await context.string(command.positional[0], "the script path", pipe: pipe)
    var arguments: [String: JSONValue] = [:]
    for argument in command.named {
      arguments[argument.key] = try await context.evaluate(argument.value, pipe: pipe)
    }
    try await context.runFile(name, arguments: arguments, for: command)
    return CommandOutcome(value: .null, kind: .none)
  }
}
