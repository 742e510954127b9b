import Foundation
import TalonAPI

/// `explain [SESSION] [campaign=ID]`: why each rule of each campaign applied to a session or
/// did not.
///
/// How it knows (`docs/behaviour.md`, "Explain"): it reads the session (so a session that does
/// not exist is an error, not a new one), then evaluates it again as a dry run with no changes
/// and `ruleFailureReasons` asked for; nothing is saved and the context does not move. The
/// rules that applied are those the answer's effects name; the others are explained by the
/// answer's `ruleFailureReasons`, which the embedded engine fills with the false condition and
/// the values it saw. The campaigns come from the pack (embedded: every campaign, with disabled
/// ones and those outside their time window) or from IntegrationGetAllCampaigns (remote: the
/// running ones).
struct ExplainCommand: ScriptCommand {
  let spec = CommandSpec(
    "explain", [.positional("SESSION", required: false, default: "the current session")],
    keys: [.key("campaign", .integer)],
    summary: "why each campaign's rules applied to a session or did not (a dry evaluation)",
    details:
      "Evaluates the session again as a dry run (nothing is saved) with ruleFailureReasons. "
      + "For every campaign and rule: applied with its effects, or why not: the false condition "
      + "with the values the engine saw, a failure at run time, a limit reached; rejected coupon "
      + "and referral codes in words with what would change it; campaigns disabled or outside "
      + "their time window. Embedded it is complete; against a remote deployment it shows the "
      + "running campaigns and what ruleFailureReasons give. --output json gives the structure.",
    examples: ["explain", "explain s1 campaign=6", "explain | .explanation.campaigns[0].rules"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let given = try await context.optionalString(
      command.positional.first, "the session id", pipe: pipe)
    let id = try given ?? context.requireSession(for: command)
    var only: Int?
    if let argument = command.argument("campaign") {
      let value = try await context.evaluate(argument.value, pipe: pipe)
      guard let number = value.intValue else {
        throw context.failure(
          "campaign= needs a campaign id (a whole number), got \(ValueText.plain(value))",
          at: argument.value.range)
      }
      only = number
    }

    let (stored, _) = try await context.callAPI(
      IntegrationCatalogue.getCustomerSession, for: command, path: [id])
    guard let session = stored.customerSession else {
      throw context.failure("session \(id) was not found", at: command.range)
    }
    guard session.state == .open else {
      throw context.failure(
        "session \(id) is \(session.state.rawValue): its campaigns ran when it changed state, and "
          + "explain evaluates open sessions; its effects: session show \(id)",
        at: command.range)
    }

    let campaigns = try await ExplainCampaigns.list(command, context)
    if let only, !campaigns.contains(where: { $0.id == only }) {
      let ids = campaigns.map { String($0.id) }.joined(separator: ", ")
      throw context.failure(
        "no campaign \(only) to explain; the campaigns are \(ids.isEmpty ? "none" : ids)",
        at: command.argument("campaign")?.value.range ?? command.range)
    }

    let body = IntegrationRequest(
      customerSession: NewCustomerSessionV2(),
      responseContent: [.customerSession, .ruleFailureReasons])
    let (answer, _) = try await context.callAPI(
      IntegrationCatalogue.updateCustomerSessionV2, for: command, path: [id],
      query: ["dry": .bool(true)], body: body, dryRun: APICallRecord.DryRun(stored: nil))

    let explanation = ExplanationBuilder(
      session: id, profile: answer.customerSession?.profileId ?? session.profileId,
      answer: answer, coupons: await ExplainCampaigns.coupons(context)
    ).explanation(
      of: campaigns.filter { only == nil || $0.id == only },
      backend: context.api is any PackCatalogueSource ? "embedded" : "remote", only: only)
    return CommandOutcome(value: explanation.json, kind: .value)
  }
}

/// The campaigns `explain` goes through, as it needs them.
struct ExplainCampaign: Sendable {
  var id: Int
  var name: String
  var state: String
  var window: String?
  /// Each rule's title and whether it has effects.
  var rules: [(title: String, hasEffects: Bool)]
}

enum ExplainCampaigns {
  /// Embedded: every campaign of the pack; remote: the running ones (every page).
  static func list(_ command: CommandNode, _ context: isolated any CommandContext) async throws
    -> [ExplainCampaign]
  {
    if let source = context.api as? any PackCatalogueSource {
      let catalogue = try await source.packCatalogue()
      return catalogue.campaigns.map { entry in
        let campaign = entry.campaign
        return ExplainCampaign(
          id: campaign.id, name: campaign.name,
          state: state(entry, now: catalogue.now),
          window: window(start: campaign.startTime, end: campaign.endTime),
          rules: entry.rules.map { ($0.title, !$0.effects.isEmpty) })
      }
    }
    let campaigns = try await PackCatalogueAccess.runningCampaigns(command, context)
    return campaigns.map { campaign in
      ExplainCampaign(
        id: campaign.id, name: campaign.name, state: "running",
        window: window(start: campaign.startTime, end: campaign.endTime),
        rules: campaign.rules.map { ($0.title, true) })
    }
  }

  /// The pack's coupons (embedded), to say who a coupon belongs to; none remotely.
  static func coupons(_ context: isolated any CommandContext) async -> [Coupon] {
    guard let source = context.api as? any PackCatalogueSource,
      let catalogue = try? await source.packCatalogue()
    else { return [] }
    return catalogue.coupons.map(\.coupon)
  }

  private static func state(_ entry: PackCatalogue.CampaignEntry, now: Date) -> String {
    if entry.running { return "running" }
    let campaign = entry.campaign
    if campaign.state != .enabled { return "disabled" }
    if let start = campaign.startTime, now < start { return "not started" }
    if let end = campaign.endTime, now >= end { return "ended" }
    return "not running"
  }

  private static func window(start: Date?, end: Date?) -> String? {
    guard start != nil || end != nil else { return nil }
    return CatalogueText.window(start: start, end: end)
  }
}
