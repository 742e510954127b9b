import TalonAPI

/// `referral create CAMPAIGN_ID [advocate=ID] [friend=ID] [start=TIME] [expiry=TIME]`; the
/// advocate defaults to the current profile.
struct ReferralCreateCommand: ScriptCommand {
  let spec = CommandSpec(
    "referral create", [.positional("CAMPAIGN_ID", .integer)],
    keys: [
      .key("advocate", default: "the current profile"), .key("friend"), .key("start", .time),
      .key("expiry", .time),
    ],
    summary: "create a referral code (CreateReferral)",
    examples: ["referral create 1 friend=bob expiry=2030-01-01"], operation: .createReferral)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let campaign = try await context.integer(command.positional[0], "the campaign id", pipe: pipe)
    let advocate = try await context.optionalString(
      command.argument("advocate")?.value, "advocate=", pipe: pipe)
    var body = NewReferral(
      campaignId: campaign,
      advocateProfileIntegrationId: try advocate ?? context.requireProfile(for: command))
    body.friendProfileIntegrationId = try await context.optionalString(
      command.argument("friend")?.value, "friend=", pipe: pipe)
    if let argument = command.argument("start") {
      body.startDate = try await context.date(argument.value, "start=", pipe: pipe)
    }
    if let argument = command.argument("expiry") {
      body.expiryDate = try await context.date(argument.value, "expiry=", pipe: pipe)
    }
    let request = body
    let (response, outcome) = try await context.callAPI(
      IntegrationCatalogue.createReferral, for: command, body: request)
    context.contextState.seen.note(response.code, in: \.referrals)
    return outcome
  }
}
