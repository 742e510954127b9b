import TalonAPI

/// `coupon reserve CODE [ID ...]`.
struct CouponReserveCommand: ScriptCommand {
  let spec = CommandSpec(
    "coupon reserve",
    [.positional("CODE"), .positional("ID", required: false, repeats: true)],
    summary: "reserve a coupon for profiles, default the current one (CreateCouponReservation)",
    examples: ["coupon reserve FAV10", "coupon reserve FAV10 bob carol"],
    operation: .createCouponReservation)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let (code, body) = try await context.reservation(command, pipe: pipe)
    return try await context.callAPI(
      IntegrationCatalogue.createCouponReservation, for: command, path: [code], body: body
    ).1
  }
}

/// `coupon unreserve CODE [ID ...]`.
struct CouponUnreserveCommand: ScriptCommand {
  let spec = CommandSpec(
    "coupon unreserve",
    [.positional("CODE"), .positional("ID", required: false, repeats: true)],
    summary: "remove profiles' reservations (DeleteCouponReservation)",
    examples: ["coupon unreserve FAV10 bob"], operation: .deleteCouponReservation)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let (code, body) = try await context.reservation(command, pipe: pipe)
    return try await context.callAPI(
      IntegrationCatalogue.deleteCouponReservation, for: command, path: [code], body: body
    ).1
  }
}

/// `coupon holders CODE`.
struct CouponHoldersCommand: ScriptCommand {
  let spec = CommandSpec(
    "coupon holders", [.positional("CODE")],
    summary: "the profiles holding a reservation (GetReservedCustomers)",
    examples: ["coupon holders FAV10"], operation: .getReservedCustomers)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let code = try await context.string(command.positional[0], "the coupon code", pipe: pipe)
    context.contextState.seen.note(code, in: \.coupons)
    return try await context.callAPI(
      IntegrationCatalogue.getReservedCustomers, for: command, path: [code]
    ).1
  }
}

/// `coupon reserved [ID]`.
struct CouponReservedCommand: ScriptCommand {
  let spec = CommandSpec(
    "coupon reserved", [.positional("ID", required: false, default: "the current profile")],
    summary: "a profile's usable reserved coupons (GetReservedCoupons)",
    examples: ["coupon reserved", "coupon reserved bob"], operation: .getReservedCoupons)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let id = try await context.optionalString(
      command.positional.first, "the profile id", pipe: pipe)
    let profile = try id ?? context.requireProfile(for: command)
    let (response, outcome) = try await context.callAPI(
      IntegrationCatalogue.getReservedCoupons, for: command, path: [profile])
    for coupon in response.data {
      context.contextState.seen.note(coupon.value, in: \.coupons)
    }
    return outcome
  }
}

extension CommandContext {
  /// The code and the profiles of `coupon reserve|unreserve CODE [ID ...]` (default: the
  /// current profile), noted as seen.
  fileprivate func reservation(_ command: CommandNode, pipe: JSONValue?) async throws -> (
    String, CouponReservations
  ) {
    let code = try await string(command.positional[0], "the coupon code", pipe: pipe)
    var ids: [String] = []
    for expression in command.positional.dropFirst() {
      ids += try await stringList(expression, "a profile id", pipe: pipe)
    }
    if ids.isEmpty { ids = [try requireProfile(for: command)] }
    contextState.seen.note(code, in: \.coupons)
    for id in ids { contextState.seen.note(id, in: \.profiles) }
    return (code, CouponReservations(integrationIDs: ids))
  }
}
