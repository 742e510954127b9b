import TalonAPI

/// `coupon reserve|unreserve CODE [ID ...]`, `coupon holders CODE`, `coupon reserved [ID]`.
extension Interpreter {
  func couponReservation(create: Bool, _ command: CommandNode, pipe: JSONValue?) async throws
    -> CommandOutcome
  {
    let code = try await string(command.positional[0], "the coupon code", pipe: pipe)
    var ids: [String] = []
    for expression in command.positional.dropFirst() {
      ids += try await stringList(expression, "a profile id", pipe: pipe)
    }
    if ids.isEmpty { ids = [try requireProfile(for: command)] }
    contextState.seen.note(code, in: \.coupons)
    for id in ids { contextState.seen.note(id, in: \.profiles) }
    let body = CouponReservations(integrationIDs: ids)
    if create {
      return try await callAPI(
        IntegrationCatalogue.createCouponReservation, for: command, path: [code], body: body
      ).1
    }
    return try await callAPI(
      IntegrationCatalogue.deleteCouponReservation, for: command, path: [code], body: body
    ).1
  }

  func couponHolders(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let code = try await string(command.positional[0], "the coupon code", pipe: pipe)
    contextState.seen.note(code, in: \.coupons)
    return try await callAPI(IntegrationCatalogue.getReservedCustomers, for: command, path: [code])
      .1
  }

  func couponReserved(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let id = try await optionalString(command.positional.first, "the profile id", pipe: pipe)
    let profile = try id ?? requireProfile(for: command)
    let (response, outcome) = try await callAPI(
      IntegrationCatalogue.getReservedCoupons, for: command, path: [profile])
    for coupon in response.data ?? [] { contextState.seen.note(coupon.value, in: \.coupons) }
    return outcome
  }
}
