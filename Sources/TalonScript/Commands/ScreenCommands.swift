import TalonAPI

/// `set pager on|off`: whether results taller than the terminal go through the pager.
struct SetPagerCommand: ScriptCommand {
  let spec = CommandSpec(
    "set pager", [.positional("on|off", .choice(["on", "off"]))],
    summary: "page results taller than the terminal ($PAGER, default less -FRX)",
    details: "Only in an interactive shell; output that is not a terminal is never paged.",
    examples: ["set pager off"], availability: .shellOnly)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let argument = command.positional[0]
    let word = try await context.string(argument, "on or off", pipe: pipe)
    guard word == "on" || word == "off" else {
      throw context.failure("the pager is on or off, not '\(word)'", at: argument.range)
    }
    let host = try context.requireShell(for: command)
    let message = try await context.perform(.setPager(word == "on"), on: host, for: command)
    return CommandOutcome(value: .string(word), kind: .output(message))
  }
}

/// `clear`: clears the terminal's screen.
struct ClearCommand: ScriptCommand {
  let spec = CommandSpec(
    "clear", summary: "clear the screen", examples: ["clear"], availability: .shellOnly)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let host = try context.requireShell(for: command)
    _ = try await context.perform(.clearScreen, on: host, for: command)
    return CommandOutcome(value: .null, kind: .none)
  }
}
