import TalonAPI

/// `event track TYPE [attr=value ...]`: on the current session and profile.
extension Interpreter {
  func eventTrack(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let type = try await string(command.positional[0], "the event type", pipe: pipe)
    let attributesObject = command.positional.count > 1 ? command.positional[1] : nil
    let attributes = try await self.attributes(
      of: command, positionalObject: attributesObject, pipe: pipe)
    let session = try requireSession(for: command)
    let body = NewEvent(
      profileId: contextState.profileId, type: type, attributes: .object(attributes),
      sessionId: session)
    let (response, outcome) = try await callAPI(
      IntegrationCatalogue.trackEvent, for: command, body: body)
    learn(from: response, session: session)
    return outcome
  }
}
