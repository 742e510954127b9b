import TalonAPI

/// `use profile ID`, `use session ID|new`, `context`.
extension Interpreter {
  func useProfile(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let id = try await string(command.positional[0], "the profile id", pipe: pipe)
    contextState.selectProfile(id)
    return CommandOutcome(value: .string(id), kind: .value)
  }

  /// `use session new` draws a fresh id (`s-` and 8 hex digits) from the random source, so
  /// seeded runs get the same ids; the new session starts with an empty cart and keeps the
  /// current profile.
  func useSession(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    var id = try await string(command.positional[0], "the session id", pipe: pipe)
    if id == "new" {
      repeat {
        id = "s-" + newUUID().replacingOccurrences(of: "-", with: "").prefix(8)
      } while contextState.carts[id] != nil || contextState.seen.sessions.contains(id)
      let profile = contextState.profileId
      contextState.selectSession(id)
      if let profile { contextState.sessionProfiles[id] = profile }
    } else {
      contextState.selectSession(id)
    }
    return CommandOutcome(value: .string(id), kind: .value)
  }

  /// `{profile, session, cart, cartChanged}`.
  var contextValue: JSONValue {
    let snapshot = contextState.snapshot
    return .object([
      "profile": snapshot.profileId.map { .string($0) } ?? .null,
      "session": snapshot.sessionId.map { .string($0) } ?? .null,
      "cart": (try? JSONValueEncoder.encode(snapshot.cart)) ?? .array([]),
      "cartChanged": .bool(snapshot.cartChanged),
    ])
  }
}
