import TalonAPI

/// `use profile ID`.
struct UseProfileCommand: ScriptCommand {
  let spec = CommandSpec(
    "use profile", [.positional("ID")], summary: "make a profile current",
    examples: ["use profile alice"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let id = try await context.string(command.positional[0], "the profile id", pipe: pipe)
    context.contextState.selectProfile(id)
    return CommandOutcome(value: .string(id), kind: .value)
  }
}

/// `use session ID|new`. `new` draws a fresh id (`s-` and 8 hex digits) from the random
/// source, so seeded runs get the same ids; the new session starts with an empty cart and
/// keeps the current profile.
struct UseSessionCommand: ScriptCommand {
  let spec = CommandSpec(
    "use session", [.positional("ID|new")], summary: "make a session current (new: a fresh id)",
    examples: ["use session s1", "use session new"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    var id = try await context.string(command.positional[0], "the session id", pipe: pipe)
    if id == "new" {
      repeat {
        id = "s-" + context.newUUID().replacingOccurrences(of: "-", with: "").prefix(8)
      } while context.contextState.carts[id] != nil
        || context.contextState.seen.sessions.contains(id)
      let profile = context.contextState.profileId
      context.contextState.selectSession(id)
      if let profile { context.contextState.sessionProfiles[id] = profile }
    } else {
      context.contextState.selectSession(id)
    }
    return CommandOutcome(value: .string(id), kind: .value)
  }
}

/// `context`: `{profile, session, cart, cartChanged}`.
struct ContextCommand: ScriptCommand {
  let spec = CommandSpec(
    "context", summary: "show the current profile, session and cart",
    examples: ["context", "context | .cart"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let snapshot = context.contextState.snapshot
    let value: JSONValue = .object([
      "profile": snapshot.profileId.map { .string($0) } ?? .null,
      "session": snapshot.sessionId.map { .string($0) } ?? .null,
      "cart": (try? JSONValueEncoder.encode(snapshot.cart)) ?? .array([]),
      "cartChanged": .bool(snapshot.cartChanged),
    ])
    return CommandOutcome(value: value, kind: .value)
  }
}

/// `vars`: the variables of the current script scope.
struct VarsCommand: ScriptCommand {
  let spec = CommandSpec("vars", summary: "show the variables", examples: ["vars"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    CommandOutcome(value: .object(context.scopeVariables), kind: .value)
  }
}
