import TalonAPI

/// `profile update [ID] [ATTRIBUTES] [attr=value ...]` (a positional object also gives
/// attributes).
struct ProfileUpdateCommand: ScriptCommand {
  let spec = CommandSpec(
    "profile update",
    [
      .positional("ID", required: false, default: "the current profile"),
      .positional("ATTRIBUTES", .object, required: false),
    ],
    freeKeys: "attr=value",
    summary: "create or update a profile's attributes (UpdateCustomerProfile)",
    details: "The profile becomes current. Attributes come as key=value or as one object.",
    examples: ["profile update alice tier=gold visits=3", "profile update {city: Berlin}"],
    operation: .updateCustomerProfile)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    var positional = command.positional
    var attributesObject: Expression?
    if positional.count == 2 {
      attributesObject = positional.removeLast()
    } else if let only = positional.first, case .object = only {
      attributesObject = positional.removeLast()
    }
    let id =
      try await context.optionalString(positional.first, "the profile id", pipe: pipe)
      ?? context.requireProfile(for: command)
    let attributes = try await context.attributes(
      of: command, positionalObject: attributesObject, pipe: pipe)
    let body = NewCustomerProfile(attributes: attributes.isEmpty ? nil : .object(attributes))
    context.contextState.selectProfile(id)
    let (_, outcome) = try await context.callAPI(
      IntegrationCatalogue.updateCustomerProfile, for: command, path: [id], body: body)
    return outcome
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
