import TalonAPI

/// The catalogue: `campaigns`, `campaign ID`, `coupons [CODE]` and `loyalty programs` show
/// what the embedded engine's campaign pack holds, with the store's counters. Each shows a
/// table; its value (`$last`, pipes) is the JSON behind it.
enum PackCatalogueAccess {
  /// A remote deployment's running campaigns, page after page (1000 a page), through
  /// `IntegrationGetAllCampaigns`; `campaigns` and `explain` both list them this way.
  static func runningCampaigns(_ command: CommandNode, _ context: isolated any CommandContext)
    async throws -> [IntegrationCampaign]
  {
    var campaigns: [IntegrationCampaign] = []
    var more = true
    while more {
      let query: [String: QueryValue] = [
        "pageSize": .integer(1000), "skip": .integer(campaigns.count),
      ]
      let (page, _) = try await context.callAPI(
        IntegrationCatalogue.integrationGetAllCampaigns, for: command, query: query)
      campaigns += page.data
      more = page.hasMore && !page.data.isEmpty
    }
    return campaigns
  }

  /// The backend's catalogue, or a located error saying why there is none.
  static func catalogue(
    _ command: CommandNode, _ context: isolated any CommandContext, _ name: String
  ) async throws -> PackCatalogue {
    guard let source = context.api as? any PackCatalogueSource else {
      throw context.failure(
        "\(name) reads the embedded engine's campaign pack; this shell is connected to a remote "
          + "deployment, and today's Integration API lists only running campaigns with their rule "
          + "titles (use: campaigns), not rules, coupon codes or loyalty programs",
        at: command.range)
    }
    return try await source.packCatalogue()
  }

  static func json<T: Encodable>(_ value: T) -> JSONValue {
    (try? JSONValueEncoder.encode(value)) ?? .null
  }

  /// A known code equal to `code` but for case, or one edit away from it.
  static func closest(_ code: String, in known: [String]) -> String? {
    if let same = known.first(where: { $0.lowercased() == code.lowercased() }) { return same }
    return known.first { oneEditApart(Array($0.lowercased()), Array(code.lowercased())) }
  }

  private static func oneEditApart(_ a: [Character], _ b: [Character]) -> Bool {
    if a.count == b.count {
      return zip(a, b).filter { $0 != $1 }.count == 1
    }
    let (short, long) = a.count < b.count ? (a, b) : (b, a)
    guard long.count - short.count == 1 else { return false }
    for index in long.indices where Array(long[..<index] + long[(index + 1)...]) == short {
      return true
    }
    return false
  }
}

/// `campaigns`: the pack's campaigns; against a remote deployment, its running campaigns
/// (IntegrationGetAllCampaigns, every page).
struct CampaignsCommand: ScriptCommand {
  let spec = CommandSpec(
    "campaigns", summary: "list the campaigns: state, features, time window, rules, usage",
    details:
      "Embedded: the campaign pack with the store's counters. Remote: the running campaigns "
      + "today's Integration API lists (IntegrationGetAllCampaigns), with their rule titles.",
    examples: ["campaigns", "campaigns | .campaigns[0].campaign.name"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    guard context.api is any PackCatalogueSource else {
      return try await remote(command, context)
    }
    let catalogue = try await PackCatalogueAccess.catalogue(command, context, "campaigns")
    return CommandOutcome(
      value: PackCatalogueAccess.json(catalogue), kind: .output(CatalogueText.campaigns(catalogue)))
  }
}

extension CampaignsCommand {
  /// The deployment's running campaigns, shaped like the embedded listing.
  private func remote(_ command: CommandNode, _ context: isolated any CommandContext)
    async throws -> CommandOutcome
  {
    let campaigns = try await PackCatalogueAccess.runningCampaigns(command, context)
    // Shaped like the embedded listing, so `.campaigns[0].campaign.name` reads both.
    let entries = campaigns.map { campaign -> JSONValue in
      ["campaign": PackCatalogueAccess.json(campaign), "running": true]
    }
    let value: JSONValue = ["campaigns": .array(entries)]
    return CommandOutcome(value: value, kind: .output(CatalogueText.running(campaigns)))
  }
}

/// `campaign ID`: one campaign with its rules in infix form.
struct CampaignShowCommand: ScriptCommand {
  let spec = CommandSpec(
    "campaign", [.positional("ID", .integer)],
    summary: "show one campaign: description, limits, rules as conditions and effects, coupons",
    examples: ["campaign 3"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let catalogue = try await PackCatalogueAccess.catalogue(command, context, "campaign")
    let value = try await context.evaluate(command.positional[0], pipe: pipe)
    guard let id = value.intValue,
      let entry = catalogue.campaigns.first(where: { $0.campaign.id == id })
    else {
      let ids = catalogue.campaigns.map { String($0.campaign.id) }.joined(separator: ", ")
      throw context.failure(
        "no campaign \(ValueText.plain(value)); the pack has \(ids.isEmpty ? "none" : ids)",
        at: command.positional[0].range)
    }
    let coupons = catalogue.coupons.filter { $0.coupon.campaignId == id }
    return CommandOutcome(
      value: PackCatalogueAccess.json(entry),
      kind: .output(
        CatalogueText.campaign(
          entry, coupons: coupons, currency: catalogue.application.currency)))
  }
}

/// `coupons [CODE]`: the pack's coupons, or one of them.
struct CouponsCommand: ScriptCommand {
  let spec = CommandSpec(
    "coupons", [.positional("CODE", required: false)],
    summary: "list the pack's coupon codes (uses, expiry, who may use them, holders) or show one",
    examples: ["coupons", "coupons VIP-ONLY"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let catalogue = try await PackCatalogueAccess.catalogue(command, context, "coupons")
    guard let argument = command.positional.first else {
      return CommandOutcome(
        value: PackCatalogueAccess.json(catalogue.coupons),
        kind: .output(CatalogueText.coupons(catalogue.coupons)))
    }
    let code = try await context.string(argument, "the coupon code", pipe: pipe)
    guard let entry = catalogue.coupons.first(where: { $0.coupon.value == code }) else {
      var message = "no coupon \(code) in the campaign pack"
      if let near = PackCatalogueAccess.closest(code, in: catalogue.coupons.map(\.coupon.value)) {
        message += "; did you mean \(near)?"
      } else {
        message += "; list them with: coupons"
      }
      throw context.failure(message, at: argument.range)
    }
    return CommandOutcome(
      value: PackCatalogueAccess.json(entry), kind: .output(CatalogueText.coupon(entry)))
  }
}

/// `loyalty programs`: the application's loyalty programs.
struct LoyaltyProgramsCommand: ScriptCommand {
  let spec = CommandSpec(
    "loyalty programs", summary: "list the loyalty programs of the campaign pack",
    examples: ["loyalty programs"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let catalogue = try await PackCatalogueAccess.catalogue(command, context, "loyalty programs")
    return CommandOutcome(
      value: PackCatalogueAccess.json(catalogue.loyaltyPrograms),
      kind: .output(CatalogueText.programs(catalogue.loyaltyPrograms)))
  }
}
