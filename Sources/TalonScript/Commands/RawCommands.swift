import TalonAPI

/// The operations by SDK name, e.g. `UpdateCustomerSessionV2 s1 {customerSession: {...}}`:
/// the path parameter, the raw JSON body (decoded as the operation's request type; fields the
/// type does not know are dropped, and the call record shows the body as sent) and query
/// parameters as `key=value`. Ids named update the context like the friendly commands; the
/// cart is neither sent nor cleared. One type for all operations: the spec comes from the
/// operation's catalogue entry.
struct OperationCommand: ScriptCommand {
  let operation: IntegrationOperation
  let spec: CommandSpec

  init(_ operation: IntegrationOperation) {
    self.operation = operation
    var positional: [ArgumentSpec] = []
    if let name = operation.pathParameter { positional.append(.positional(name.uppercased())) }
    if operation.requestSchema != nil { positional.append(.positional("BODY", .object)) }
    var example = [operation.sdkName]
    if let name = operation.pathParameter {
      example.append(name.hasPrefix("coupon") ? "FAV10" : name.contains("Session") ? "s1" : "alice")
    }
    if operation.requestSchema != nil { example.append("{}") }
    self.spec = CommandSpec(
      operation.sdkName, positional, keys: operation.queryParameters.map { .key($0, .any) },
      summary: "\(operation.method) \(operation.pathTemplate)"
        + (operation.requestSchema != nil ? " with a raw JSON body" : ""),
      details: operation.requestSchema != nil
        ? "The body is read as the operation's request type; a wrong type names its JSON pointer."
        : "",
      examples: [example.joined(separator: " ")], operation: operation)
  }

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    try await context.executeRaw(operation, command, pipe: pipe)
  }
}

extension CommandContext {
  fileprivate func executeRaw(
    _ operation: IntegrationOperation, _ command: CommandNode, pipe: JSONValue?
  ) async throws -> CommandOutcome {
    var arguments = command.positional[...]
    var path: String?
    if let name = operation.pathParameter, let expression = arguments.popFirst() {
      path = try await string(expression, name, pipe: pipe)
    }
    var body: JSONValue = .null
    var bodyRange = command.range
    if operation.requestSchema != nil, let expression = arguments.popFirst() {
      body = try await evaluate(expression, pipe: pipe)
      bodyRange = expression.range
    }
    let id = path ?? ""
    let name = operation.sdkName
    switch operation {
    case .updateCustomerProfile:
      let request = try decode(body, as: NewCustomerProfile.self, "the \(name) body", at: bodyRange)
      contextState.selectProfile(id)
      return try await callAPI(
        operation, for: command, path: id, request: DeferredJSON(encoding: request)
      ) {
        try await self.api.updateCustomerProfile(integrationId: id, body: request)
      }.1
    case .updateCustomerSession:
      let request = try decode(body, as: NewCustomerSession.self, "the \(name) body", at: bodyRange)
      contextState.selectSession(id, profile: request.profileId)
      let (response, outcome) = try await callAPI(
        operation, for: command, path: id, request: DeferredJSON(encoding: request)
      ) {
        try await self.api.updateCustomerSession(customerSessionId: id, body: request)
      }
      if let response { learn(from: response, session: id) }
      return outcome
    case .updateCustomerSessionV2:
      let request = try decode(body, as: IntegrationRequest.self, "the \(name) body", at: bodyRange)
      contextState.selectSession(id, profile: request.customerSession.profileId)
      let (response, outcome) = try await callAPI(
        operation, for: command, path: id, request: DeferredJSON(encoding: request)
      ) {
        try await self.api.updateCustomerSessionV2(customerSessionId: id, body: request)
      }
      if let response {
        learn(from: response, session: id, sentProfile: request.customerSession.profileId)
      }
      return outcome
    case .trackEvent:
      let request = try decode(body, as: NewEvent.self, "the \(name) body", at: bodyRange)
      return try await callAPI(
        operation, for: command, path: nil, request: DeferredJSON(encoding: request)
      ) {
        try await self.api.trackEvent(body: request)
      }.1
    case .createCouponReservation:
      let request = try decode(body, as: CouponReservations.self, "the \(name) body", at: bodyRange)
      return try await callAPI(
        operation, for: command, path: id, request: DeferredJSON(encoding: request)
      ) {
        try await self.api.createCouponReservation(couponValue: id, body: request)
      }.1
    case .deleteCouponReservation:
      let request = try decode(body, as: CouponReservations.self, "the \(name) body", at: bodyRange)
      return try await callAPI(
        operation, for: command, path: id, request: DeferredJSON(encoding: request)
      ) {
        () async throws -> NoContent? in
        try await self.api.deleteCouponReservation(couponValue: id, body: request)
        return nil
      }.1
    case .getReservedCoupons:
      return try await callAPI(operation, for: command, path: id, request: nil) {
        try await self.api.getReservedCoupons(integrationId: id)
      }.1
    case .getReservedCustomers:
      return try await callAPI(operation, for: command, path: id, request: nil) {
        try await self.api.getReservedCustomers(couponValue: id)
      }.1
    case .createReferral:
      let request = try decode(body, as: NewReferral.self, "the \(name) body", at: bodyRange)
      return try await callAPI(
        operation, for: command, path: nil, request: DeferredJSON(encoding: request)
      ) {
        try await self.api.createReferral(body: request)
      }.1
    case .getCustomerInventory:
      var profile: Bool?
      var referrals: Bool?
      if let argument = command.argument("profile") {
        profile = try await bool(argument.value, "profile=", pipe: pipe)
      }
      if let argument = command.argument("referrals") {
        referrals = try await bool(argument.value, "referrals=", pipe: pipe)
      }
      var query: [String: JSONValue] = [:]
      query["profile"] = profile.map { .bool($0) }
      query["referrals"] = referrals.map { .bool($0) }
      return try await callAPI(
        operation, for: command, path: id,
        request: query.isEmpty ? nil : DeferredJSON(.object(query))
      ) {
        try await self.api.getCustomerInventory(
          integrationId: id, profile: profile, referrals: referrals)
      }.1
    case .deleteCustomerData:
      return try await callAPI(operation, for: command, path: id, request: nil) {
        () async throws -> NoContent? in
        try await self.api.deleteCustomerData(integrationId: id)
        return nil
      }.1
    }
  }
}
