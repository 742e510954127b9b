import TalonAPI

/// `profile update [ID] [ATTRIBUTES] [attr=value ...]` (a positional object also gives
/// attributes): today's update, with the rules run so that it shows effects.
struct ProfileUpdateCommand: ScriptCommand {
  /// What `profile update` and `event track` ask today's API to answer (`ruleFailureReasons`
  /// so that a rule failing at run time prints a warning).
  static let content: [ResponseContent] = [
    .customerProfile, .triggeredCampaigns, .loyalty, .event, .ruleFailureReasons,
  ]

  let spec = CommandSpec(
    "profile update",
    [
      .positional("ID", required: false, default: "the current profile"),
      .positional("ATTRIBUTES", .object, required: false),
    ],
    keys: [.key("dry", .bool, default: "false")],
    freeKeys: "attr=value",
    summary: "create or update a profile's attributes and run its rules (UpdateCustomerProfileV2)",
    details:
      "The profile becomes current. Attributes come as key=value or as one object (an "
      + "attribute named dry goes in the object). The rules run (runRuleEngine=true) and the "
      + "answer carries the profile, the triggered campaigns, the loyalty balances and the "
      + "event. With dry=true nothing is saved and the context stays: the summary marks the "
      + "effects that differ from the profile's as it is (+ new, - gone). profile update-v1 "
      + "is the 2020 call.",
    examples: [
      "profile update alice tier=gold visits=3", "profile update {city: Berlin}",
      "profile update newsletter=true dry=true",
    ],
    operation: .updateCustomerProfileV2)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let dry = try await context.dryFlag(command, pipe: pipe)
    let (id, attributes) = try await context.profileUpdate(command, pipe: pipe, select: !dry)
    let body = CustomerProfileIntegrationRequestV2(
      attributes: attributes.isEmpty ? nil : .object(attributes), responseContent: Self.content)
    if dry {
      return try await context.callAPI(
        IntegrationCatalogue.updateCustomerProfileV2, for: command, path: [id],
        query: ["runRuleEngine": .bool(true), "dry": .bool(true)], body: body,
        dryRun: await context.profileAsItIs(id)
      ).1
    }
    let (response, outcome) = try await context.callAPI(
      IntegrationCatalogue.updateCustomerProfileV2, for: command, path: [id],
      query: ["runRuleEngine": .bool(true)], body: body)
    context.learn(from: response)
    return outcome
  }
}

/// `profile update-v1 [ID] [ATTRIBUTES] [attr=value ...]`: the 2020 profile update.
struct ProfileUpdateV1Command: ScriptCommand {
  let spec = CommandSpec(
    "profile update-v1",
    [
      .positional("ID", required: false, default: "the current profile"),
      .positional("ATTRIBUTES", .object, required: false),
    ],
    freeKeys: "attr=value",
    summary: "the 2020 profile update (UpdateCustomerProfile)",
    details: "The profile becomes current. Attributes come as key=value or as one object.",
    examples: ["profile update-v1 alice tier=gold"],
    operation: .updateCustomerProfile)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let (id, attributes) = try await context.profileUpdate(command, pipe: pipe)
    let body = NewCustomerProfile(attributes: attributes.isEmpty ? nil : .object(attributes))
    let (_, outcome) = try await context.callAPI(
      IntegrationCatalogue.updateCustomerProfile, for: command, path: [id], body: body)
    return outcome
  }
}

extension CommandContext {
  /// The profile id (the first positional argument, or the current profile), made current,
  /// and the attributes of a profile update.
  fileprivate func profileUpdate(_ command: CommandNode, pipe: JSONValue?, select: Bool = true)
    async throws -> (String, [String: JSONValue])
  {
    var positional = command.positional
    var attributesObject: Expression?
    if positional.count == 2 {
      attributesObject = positional.removeLast()
    } else if let only = positional.first, case .object = only {
      attributesObject = positional.removeLast()
    }
    let id =
      try await optionalString(positional.first, "the profile id", pipe: pipe)
      ?? requireProfile(for: command)
    let attributes = try await self.attributes(
      of: command, positionalObject: attributesObject, excluding: ["dry"], pipe: pipe)
    if select { contextState.selectProfile(id) }
    return (id, attributes)
  }

  /// `dry=` of a command (false when not given).
  func dryFlag(_ command: CommandNode, pipe: JSONValue?) async throws -> Bool {
    guard let argument = command.argument("dry") else { return false }
    return try await bool(argument.value, "dry=", pipe: pipe)
  }

  /// What a dry profile update or event is compared with: the profile's rules run as a dry
  /// run with no changes (`docs/behaviour.md`, "Dry runs of profiles and events").
  func profileAsItIs(_ id: String) async -> APICallRecord.DryRun {
    let query: [String: QueryValue] = ["runRuleEngine": .bool(true), "dry": .bool(true)]
    let stored = try? await api.send(
      IntegrationCatalogue.updateCustomerProfileV2, OperationArguments(path: [id], query: query),
      body: CustomerProfileIntegrationRequestV2(responseContent: ProfileUpdateCommand.content))
    return APICallRecord.DryRun(
      stored: stored.flatMap { answer in answer.json ?? (try? JSONValue(encoding: answer.value)) })
  }

  /// Notes the codes a v2 profile update or event created (for completion).
  func learn(from response: IntegrationResponseV2?) {
    guard let response else { return }
    for coupon in response.createdCoupons { contextState.seen.note(coupon.value, in: \.coupons) }
    for referral in response.createdReferrals {
      contextState.seen.note(referral.code, in: \.referrals)
    }
  }
}

/// `profile inventory [ID] [profile=BOOL] [referrals=BOOL] [coupons=BOOL] [loyalty=BOOL]`.
struct ProfileInventoryCommand: ScriptCommand {
  static let flags = ["profile", "referrals", "coupons", "loyalty"]

  let spec = CommandSpec(
    "profile inventory", [.positional("ID", required: false, default: "the current profile")],
    keys: Self.flags.map { .key($0, .bool) },
    summary: "what is stored about a customer (GetCustomerInventory)",
    details: "Each flag asks for one part: the profile, its referral codes, its reserved "
      + "coupons, its loyalty balances.",
    examples: [
      "profile inventory alice referrals=true", "profile inventory coupons=true loyalty=true",
    ],
    operation: .getCustomerInventory)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let explicit = try await context.optionalString(
      command.positional.first, "the profile id", pipe: pipe)
    let id = try explicit ?? context.requireProfile(for: command)
    var query: [String: QueryValue] = [:]
    for flag in Self.flags {
      guard let argument = command.argument(flag) else { continue }
      query[flag] = .bool(try await context.bool(argument.value, "\(flag)=", pipe: pipe))
    }
    if explicit != nil { context.contextState.selectProfile(id) }
    let (_, outcome) = try await context.callAPI(
      IntegrationCatalogue.getCustomerInventory, for: command, path: [id], query: query)
    return outcome
  }
}

/// `profile delete-data ID`: the id must be given (no context default for a deletion).
struct ProfileDeleteDataCommand: ScriptCommand {
  let spec = CommandSpec(
    "profile delete-data", [.positional("ID")],
    summary: "delete a customer's personal data (DeleteCustomerData)",
    details: "The id must be given: a deletion never falls back to the current profile.",
    examples: ["profile delete-data alice"], operation: .deleteCustomerData)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let id = try await context.string(command.positional[0], "the profile id", pipe: pipe)
    let (_, outcome) = try await context.callAPI(
      IntegrationCatalogue.deleteCustomerData, for: command, path: [id])
    return outcome
  }
}
