import TalonAPI

/// `loyalty balance [PROGRAM] [profile=ID]`: a profile's points in one program by status
/// (GetLoyaltyBalances).
struct LoyaltyBalanceCommand: ScriptCommand {
  let spec = CommandSpec(
    "loyalty balance", [.positional("PROGRAM", .integer, required: false, default: "the only one")],
    keys: [.key("profile", .string)],
    summary: "a profile's loyalty points: active, pending, spent, expired (GetLoyaltyBalances)",
    details:
      "For the current profile unless profile= names one. PROGRAM may be left out when the "
      + "campaign pack has one loyalty program; against a remote deployment it is required.",
    examples: ["loyalty balance", "loyalty balance 1 profile=alice"],
    operation: .getLoyaltyBalances)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let (program, profile) = try await LoyaltyArguments.read(command, context, pipe: pipe)
    let (_, outcome) = try await context.callAPI(
      IntegrationCatalogue.getLoyaltyBalances, for: command, path: [String(program), profile])
    return outcome
  }
}

/// `loyalty history [PROGRAM] [profile=ID] [limit=N]`: a profile's ledger entries, newest
/// first (GetLoyaltyProgramProfileTransactions).
struct LoyaltyHistoryCommand: ScriptCommand {
  let spec = CommandSpec(
    "loyalty history", [.positional("PROGRAM", .integer, required: false, default: "the only one")],
    keys: [.key("profile", .string), .key("limit", .integer, default: "50")],
    summary:
      "a profile's loyalty transactions, newest first (GetLoyaltyProgramProfileTransactions)",
    details:
      "For the current profile unless profile= names one; limit= (1 to 1000) caps the entries. "
      + "PROGRAM may be left out when the campaign pack has one loyalty program; against a "
      + "remote deployment it is required.",
    examples: ["loyalty history", "loyalty history 1 profile=alice limit=10"],
    operation: .getLoyaltyProgramProfileTransactions)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let (program, profile) = try await LoyaltyArguments.read(command, context, pipe: pipe)
    var query: [String: QueryValue] = [:]
    if let argument = command.argument("limit") {
      query["pageSize"] = .integer(try await context.integer(argument.value, "limit=", pipe: pipe))
    }
    let (_, outcome) = try await context.callAPI(
      IntegrationCatalogue.getLoyaltyProgramProfileTransactions, for: command,
      path: [String(program), profile], query: query)
    return outcome
  }
}

/// The program and profile of the `loyalty` commands.
enum LoyaltyArguments {
  /// The program given, or the campaign pack's only one; the profile of `profile=`, or the
  /// current one.
  static func read(
    _ command: CommandNode, _ context: isolated any CommandContext, pipe: JSONValue?
  ) async throws -> (program: Int, profile: String) {
    let program: Int
    if let given = command.positional.first {
      program = try await context.integer(given, "the loyalty program id", pipe: pipe)
    } else {
      program = try await onlyProgram(command, context)
    }
    let profile: String
    if let argument = command.argument("profile") {
      profile = try await context.string(argument.value, "profile=", pipe: pipe)
    } else {
      profile = try context.requireProfile(for: command)
    }
    return (program, profile)
  }

  /// The pack's loyalty program when it has exactly one; otherwise a located error saying
  /// what to give.
  private static func onlyProgram(_ command: CommandNode, _ context: isolated any CommandContext)
    async throws -> Int
  {
    guard let source = context.api as? any PackCatalogueSource else {
      throw context.failure(
        "\(command.name) needs a loyalty program id against a remote deployment (today's "
          + "Integration API does not list programs): \(command.name) PROGRAM",
        at: command.range)
    }
    let programs = try await source.packCatalogue().loyaltyPrograms
    guard programs.count == 1 else {
      let ids = programs.map { String($0.id) }.joined(separator: ", ")
      throw context.failure(
        programs.isEmpty
          ? "the campaign pack has no loyalty program"
          : "the campaign pack has several loyalty programs (\(ids)): \(command.name) PROGRAM",
        at: command.range)
    }
    return programs[0].id
  }
}
