import TalonAPI

/// `event track TYPE [ATTRIBUTES] [attr=value ...]`: on the current session and profile.
struct EventTrackCommand: ScriptCommand {
  let spec = CommandSpec(
    "event track", [.positional("TYPE"), .positional("ATTRIBUTES", .object, required: false)],
    freeKeys: "attr=value",
    summary: "track a custom event on the current session (TrackEvent)",
    examples: ["event track viewed_page page=home"], operation: .trackEvent)

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
