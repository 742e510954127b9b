import TalonAPI

/// `set output json|pretty|summary`: how results are shown. It works everywhere: in the
/// shell it switches the renderer; under `talon run` it sets how `--verbose` and `--step`
/// show results (the runner reads ``CommandContext/outputFormat``).
struct SetOutputCommand: ScriptCommand {
  static let formats = ["json", "pretty", "summary"]

  let spec = CommandSpec(
    "set output", [.positional("FORMAT", .choice(SetOutputCommand.formats))],
    summary: "how results are shown",
    details:
      "json: one line of JSON per result; pretty: indented JSON; summary: effects in plain words. Under 'talon run' it sets what --verbose and --step show.",
    examples: ["set output summary"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let argument = command.positional[0]
    let format = try await context.string(argument, "the output format", pipe: pipe)
    guard Self.formats.contains(format) else {
      throw context.failure(
        "the output format is json, pretty or summary, not '\(format)'", at: argument.range)
    }
    context.outputFormat = format
    guard let host = context.shellHost else {
      return CommandOutcome(value: .string(format), kind: .none)
    }
    let message = try await context.perform(.setOutput(format), on: host, for: command)
    return CommandOutcome(value: .string(format), kind: .output(message))
  }
}

/// `connect URL [key=API_KEY]` or `connect embedded`: talk to another backend.
struct ConnectCommand: ScriptCommand {
  let spec = CommandSpec(
    "connect",
    [.positional("URL|embedded"), .positional("force", .choice(["force"]), required: false)],
    keys: [.key("key"), .key("api-key")],
    summary: "talk to a remote Integration API (or `talon serve`), or to the embedded engine",
    details:
      "A fresh context starts (ids of one backend mean nothing to another); variables stay. The key is checked with one cheap read first: a refused key leaves the shell where it was. Leaving an in-memory store that holds data asks first (force: do not ask; piped input needs it).",
    examples: [
      "connect http://127.0.0.1:9000 key=$env.TALON_KEY", "connect embedded",
      "connect embedded force",
    ],
    availability: .shellOnly)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let host = try context.requireShell(for: command)
    let argument = command.positional[0]
    let target = try await context.string(argument, "the target", pipe: pipe)
    let force = command.positional.count > 1
    let keyArgument = command.argument("key") ?? command.argument("api-key")
    let key = try await context.optionalString(keyArgument?.value, "key=", pipe: pipe)
    let request: ShellRequest
    if target == "embedded" {
      if let keyArgument {
        throw context.failure("the embedded engine takes no key", at: keyArgument.keyRange)
      }
      request = .connectEmbedded(force: force)
    } else if target.hasPrefix("http://") || target.hasPrefix("https://") {
      request = .connectRemote(url: target, apiKey: key, force: force)
    } else {
      throw context.failure(
        "connect takes an http:// or https:// URL, or 'embedded'; not '\(target)'",
        at: argument.range)
    }
    let message = try await context.perform(request, on: host, for: command)
    return CommandOutcome(value: .null, kind: .output(message))
  }
}

/// `reset [force]`: empty the embedded store.
struct ResetCommand: ScriptCommand {
  let spec = CommandSpec(
    "reset", [.positional("force", .choice(["force"]), required: false)],
    summary:
      "empty the store: embedded, or a talon serve --test-control (asks first unless forced)",
    details: "The context and $last start afresh too, and so do the clock and the seed.",
    examples: ["reset", "reset force"],
    availability: .shellOnly)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let host = try context.requireShell(for: command)
    let force = try await context.forceFlag(command, pipe: pipe)
    let message = try await context.perform(.reset(force: force), on: host, for: command)
    return CommandOutcome(value: .null, kind: .output(message))
  }
}

/// `reload`: read the embedded engine's campaign file again.
struct ReloadCommand: ScriptCommand {
  let spec = CommandSpec(
    "reload", summary: "read the campaign file (--campaigns) again",
    details:
      "The engine runs the new campaigns from the next statement; the store (profiles, sessions, coupon counters) stays. A file with errors is reported and the old campaigns stay.",
    examples: ["reload"], availability: .shellOnly)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let host = try context.requireShell(for: command)
    let message = try await context.perform(.reload, on: host, for: command)
    return CommandOutcome(value: .null, kind: .output(message))
  }
}

/// `history`: the shell's history, numbered.
struct HistoryCommand: ScriptCommand {
  let spec = CommandSpec(
    "history", summary: "list the history", examples: ["history"], availability: .shellOnly)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let host = try context.requireShell(for: command)
    let message = try await context.perform(.history, on: host, for: command)
    return CommandOutcome(value: .null, kind: .output(message))
  }
}

/// `record start FILE.tw [snapshot] [force]`: write each successful statement to a workflow
/// file; with `snapshot`, marked `expect` lines of what each API command answered follow it.
struct RecordStartCommand: ScriptCommand {
  static let options = ["snapshot", "force"]

  let spec = CommandSpec(
    "record start",
    [
      .positional("FILE.tw", .path),
      .positional("snapshot", .choice(RecordStartCommand.options), required: false),
      .positional("force", .choice(RecordStartCommand.options), required: false),
    ],
    summary: "write each successful statement to a workflow file",
    details:
      "An existing file is kept unless 'force' is given. With 'snapshot', each API command is followed by expect lines marked '# snapshot' holding what it answered (effects, rejection reasons, totals), so the recording is a regression test; `talon run --update FILE` rewrites them. Snapshots need a seeded shell (--seed N).",
    examples: [
      "record start checkout.tw", "record start checkout.tw snapshot",
      "record start checkout.tw force",
    ],
    availability: .shellOnly)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let host = try context.requireShell(for: command)
    let path = try await context.string(command.positional[0], "the file", pipe: pipe)
    var chosen: Set<String> = []
    for argument in command.positional.dropFirst() {
      let word = try await context.string(argument, "an option", pipe: pipe)
      guard Self.options.contains(word) else {
        throw context.failure("expected 'snapshot' or 'force', not '\(word)'", at: argument.range)
      }
      chosen.insert(word)
    }
    let message = try await context.perform(
      .recordStart(
        path: path, force: chosen.contains("force"), snapshots: chosen.contains("snapshot")),
      on: host, for: command)
    return CommandOutcome(value: .null, kind: .output(message))
  }
}

/// `record stop`.
struct RecordStopCommand: ScriptCommand {
  let spec = CommandSpec(
    "record stop", summary: "stop recording", examples: ["record stop"],
    availability: .shellOnly)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let host = try context.requireShell(for: command)
    let message = try await context.perform(.recordStop, on: host, for: command)
    return CommandOutcome(value: .null, kind: .output(message))
  }
}

/// `record status`.
struct RecordStatusCommand: ScriptCommand {
  let spec = CommandSpec(
    "record status", summary: "say whether and where the shell records",
    examples: ["record status"], availability: .shellOnly)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let host = try context.requireShell(for: command)
    let message = try await context.perform(.recordStatus, on: host, for: command)
    return CommandOutcome(value: .null, kind: .output(message))
  }
}

extension CommandContext {
  /// The shell host; outside a shell session (say `run FILE` reached a shell command through
  /// a variable path) a located error.
  func requireShell(for command: CommandNode) throws -> any ShellHost {
    guard let shellHost else {
      throw failure(
        "'\(command.name)' works only in the interactive shell", at: command.nameRange)
    }
    return shellHost
  }

  /// Asks the shell; its refusal becomes an error at the command.
  func perform(
    _ request: ShellRequest, on host: any ShellHost, for command: CommandNode
  )
    async throws -> String
  {
    do {
      return try await host.perform(request)
    } catch {
      throw failure(error.message, at: command.range)
    }
  }

  /// Whether the optional `force` word is given at positional `index`.
  fileprivate func forceFlag(_ command: CommandNode, at index: Int = 0, pipe: JSONValue?)
    async throws -> Bool
  {
    guard command.positional.count > index else { return false }
    let argument = command.positional[index]
    let word = try await string(argument, "force", pipe: pipe)
    guard word == "force" else {
      throw failure("expected 'force', not '\(word)'", at: argument.range)
    }
    return true
  }
}
