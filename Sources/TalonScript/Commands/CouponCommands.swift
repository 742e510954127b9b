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
    let request = DeferredJSON(encoding: body)
    if create {
      return try await callAPI(.createCouponReservation, for: command, path: code, request: request)
      {
        try await api.createCouponReservation(couponValue: code, body: body)
      }.1
    }
    return try await callAPI(.deleteCouponReservation, for: command, path: code, request: request) {
      () async throws -> NoContent? in
      try await api.deleteCouponReservation(couponValue: code, body: body)
      return nil
    }.1
  }

  func couponHolders(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let code = try await string(command.positional[0], "the coupon code", pipe: pipe)
    contextState.seen.note(code, in: \.coupons)
    return try await callAPI(.getReservedCustomers, for: command, path: code, request: nil) {
      try await api.getReservedCustomers(couponValue: code)
    }.1
  }

  func couponReserved(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let id = try await optionalString(command.positional.first, "the profile id", pipe: pipe)
    let profile = try id ?? requireProfile(for: command)
    let (response, outcome) = try await callAPI(
      .getReservedCoupons, for: command, path: profile, request: nil
    ) {
      try await api.getReservedCoupons(integrationId: profile)
    }
    for coupon in response?.data ?? [] { contextState.seen.note(coupon.value, in: \.coupons) }
    return outcome
  }
}
