import TalonAPI

/// `profile update`, `profile inventory`, `profile delete-data`.
extension Interpreter {
  /// `profile update [ID] [attr=value ...]` (a positional object also gives attributes).
  func profileUpdate(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
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
      of: command, positionalObject: attributesObject, pipe: pipe)
    let body = NewCustomerProfile(attributes: attributes.isEmpty ? nil : .object(attributes))
    contextState.selectProfile(id)
    let (_, outcome) = try await callAPI(
      IntegrationCatalogue.updateCustomerProfile, for: command, path: [id], body: body)
    return outcome
  }

  /// `profile inventory [ID] [profile=BOOL] [referrals=BOOL]`.
  func profileInventory(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let explicit = try await optionalString(command.positional.first, "the profile id", pipe: pipe)
    let id = try explicit ?? requireProfile(for: command)
    var profile: Bool?
    var referrals: Bool?
    if let argument = command.argument("profile") {
      profile = try await bool(argument.value, "profile=", pipe: pipe)
    }
    if let argument = command.argument("referrals") {
      referrals = try await bool(argument.value, "referrals=", pipe: pipe)
    }
    if explicit != nil { contextState.selectProfile(id) }
    var query: [String: QueryValue] = [:]
    query["profile"] = profile.map(QueryValue.bool)
    query["referrals"] = referrals.map(QueryValue.bool)
    let (_, outcome) = try await callAPI(
      IntegrationCatalogue.getCustomerInventory, for: command, path: [id], query: query)
    return outcome
  }

  /// `profile delete-data ID`: the id must be given (no context default for a deletion).
  func profileDeleteData(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let id = try await string(command.positional[0], "the profile id", pipe: pipe)
    let (_, outcome) = try await callAPI(
      IntegrationCatalogue.deleteCustomerData, for: command, path: [id])
    return outcome
  }
}
