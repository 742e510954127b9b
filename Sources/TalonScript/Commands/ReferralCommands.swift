import TalonAPI

/// `referral create CAMPAIGN_ID [advocate=ID] [friend=ID] [start=TIME] [expiry=TIME]`; the
/// advocate defaults to the current profile.
extension Interpreter {
  func referralCreate(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let campaign = try await integer(command.positional[0], "the campaign id", pipe: pipe)
    let advocate = try await optionalString(
      command.argument("advocate")?.value, "advocate=", pipe: pipe)
    var body = NewReferral(
      campaignId: campaign,
      advocateProfileIntegrationId: try advocate ?? requireProfile(for: command))
    body.friendProfileIntegrationId = try await optionalString(
      command.argument("friend")?.value, "friend=", pipe: pipe)
    if let argument = command.argument("start") {
      body.startDate = try await date(argument.value, "start=", pipe: pipe)
    }
    if let argument = command.argument("expiry") {
      body.expiryDate = try await date(argument.value, "expiry=", pipe: pipe)
    }
    let request = body
    let (response, outcome) = try await callAPI(
      IntegrationCatalogue.createReferral, for: command, body: request)
    contextState.seen.note(response.code, in: \.referrals)
    return outcome
  }
}
