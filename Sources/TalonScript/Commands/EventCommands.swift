import TalonAPI

/// `event track TYPE [ATTRIBUTES] [attr=value ...]`: today's event, of the current profile.
struct EventTrackCommand: ScriptCommand {
  let spec = CommandSpec(
    "event track", [.positional("TYPE"), .positional("ATTRIBUTES", .object, required: false)],
    keys: [.key("dry", .bool, default: "false")],
    freeKeys: "attr=value",
    summary: "track a custom event of the current profile (TrackEventV2)",
    details:
      "Today's events belong to a profile, not a session. The answer (silent=no) carries the "
      + "effects, the profile, the triggered campaigns, the loyalty balances and the event. "
      + "With dry=true nothing is saved: the summary marks the effects that differ from the "
      + "profile's as it is (+ new, - gone). event track-v1 is the 2020 call, on the current "
      + "session.",
    examples: ["event track viewed_page page=home", "event track newsletter_signup dry=true"],
    operation: .trackEventV2)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let type = try await context.string(command.positional[0], "the event type", pipe: pipe)
    let attributesObject = command.positional.count > 1 ? command.positional[1] : nil
    let attributes = try await context.attributes(
      of: command, positionalObject: attributesObject, excluding: ["dry"], pipe: pipe)
    let dry = try await context.dryFlag(command, pipe: pipe)
    guard let profile = context.contextState.profileId else {
      throw context.failure(
        "event track needs a profile: run 'profile update ID' or 'use profile ID' first",
        at: command.range)
    }
    let body = IntegrationEventV2Request(
      type: type, profileId: profile, attributes: .object(attributes),
      responseContent: ProfileUpdateCommand.content)
    if dry {
      return try await context.callAPI(
        IntegrationCatalogue.trackEventV2, for: command,
        query: ["silent": .string("no"), "dry": .bool(true)], body: body,
        dryRun: await context.profileAsItIs(profile)
      ).1
    }
    let (response, outcome) = try await context.callAPI(
      IntegrationCatalogue.trackEventV2, for: command, query: ["silent": .string("no")],
      body: body)
    context.learn(from: response.value)
    return outcome
  }
}

/// `event track-v1 TYPE [ATTRIBUTES] [attr=value ...]`: the 2020 event, on the current session
/// and profile.
struct EventTrackV1Command: ScriptCommand {
  let spec = CommandSpec(
    "event track-v1", [.positional("TYPE"), .positional("ATTRIBUTES", .object, required: false)],
    freeKeys: "attr=value",
    summary: "the 2020 event, on the current session (TrackEvent)",
    examples: ["event track-v1 viewed_page page=home"], operation: .trackEvent)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let type = try await context.string(command.positional[0], "the event type", pipe: pipe)
    let attributesObject = command.positional.count > 1 ? command.positional[1] : nil
    let attributes = try await context.attributes(
      of: command, positionalObject: attributesObject, pipe: pipe)
    let session = try context.requireSession(for: command)
    let body = NewEvent(
      profileId: context.contextState.profileId, type: type, attributes: .object(attributes),
      sessionId: session)
    let (response, outcome) = try await context.callAPI(
      IntegrationCatalogue.trackEvent, for: command, body: body)
    context.learn(from: response, session: session)
    return outcome
  }
}
