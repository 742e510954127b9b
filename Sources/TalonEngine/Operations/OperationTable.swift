import TalonAPI

/// The engine's implementation of every catalogue operation, one entry each: what the
/// operation does inside its transaction, given its path values (in path order), query values
/// and request body. `EmbeddedEngine.send` finds the entry by the operation's index.
///
/// Adding an operation to the engine is one entry here (its work usually in an
/// `OperationContext` extension next to its kind).
enum OperationTable {
  static let entries: [any OperationImplementation] = [
    Implementation(IntegrationCatalogue.updateCustomerProfile) { context, arguments, body in
      context.integrationState(try context.updateProfile(id: arguments.path[0], body: body))
    },
    Implementation(IntegrationCatalogue.updateCustomerSession) { context, arguments, body in
      let outcome = try context.updateSession(
        id: arguments.path[0], patch: SessionPatch(v1: body), content: [.coupons, .loyalty])
      return context.integrationState(outcome)
    },
    Implementation(IntegrationCatalogue.updateCustomerSessionV2) { context, arguments, body in
      for (index, content) in (body.responseContent ?? []).enumerated() where !content.isKnown {
        let allowed = ResponseContent.known.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        throw IntegrationError.badRequest(
          "responseContent must be one of the following: \(allowed)", title: "enum",
          pointer: "/responseContent/\(index)")
      }
      let content = Set(body.responseContent ?? [])
      let outcome = try context.updateSession(
        id: arguments.path[0], patch: SessionPatch(v2: body.customerSession), content: content)
      return try context.integrationStateV2(outcome, content: content)
    },
    Implementation(IntegrationCatalogue.trackEvent) { context, _, body in
      context.integrationState(try context.trackEvent(body))
    },
    Implementation(IntegrationCatalogue.createCouponReservation) { context, arguments, body in
      try context.createReservation(couponValue: arguments.path[0], body: body)
    },
    Implementation(IntegrationCatalogue.deleteCouponReservation) { context, arguments, body in
      try context.deleteReservation(couponValue: arguments.path[0], body: body)
      return NoContent()
    },
    Implementation(IntegrationCatalogue.getReservedCoupons) { context, arguments, _ in
      try context.reservedCoupons(integrationId: arguments.path[0])
    },
    Implementation(IntegrationCatalogue.getReservedCustomers) { context, arguments, _ in
      try context.reservedCustomers(couponValue: arguments.path[0])
    },
    Implementation(IntegrationCatalogue.createReferral) { context, _, body in
      try context.createReferral(body)
    },
    Implementation(IntegrationCatalogue.getCustomerInventory) { context, arguments, _ in
      try context.inventory(integrationId: arguments.path[0], arguments.query)
    },
    Implementation(IntegrationCatalogue.deleteCustomerData) { context, arguments, _ in
      try context.deleteCustomerData(integrationId: arguments.path[0])
      return NoContent()
    },
    Implementation(IntegrationCatalogue.getCustomerSession) { context, arguments, _ in
      try context.getSession(id: arguments.path[0])
    },
    Implementation(IntegrationCatalogue.reopenCustomerSession) { context, arguments, _ in
      try context.reopenSession(id: arguments.path[0])
    },
    Implementation(IntegrationCatalogue.returnCartItems) { context, arguments, body in
      try context.returnCartItems(id: arguments.path[0], body: body)
    },
    Implementation(IntegrationCatalogue.getLoyaltyBalances) { context, arguments, _ in
      try context.loyaltyBalances(arguments)
    },
    Implementation(IntegrationCatalogue.getLoyaltyProgramProfileTransactions) {
      context, arguments, _ in
      try context.loyaltyTransactions(arguments)
    },
    Implementation(IntegrationCatalogue.getLoyaltyProgramProfilePoints) { context, arguments, _ in
      try context.loyaltyPoints(arguments)
    },
    Implementation(IntegrationCatalogue.integrationGetAllCampaigns) { context, arguments, _ in
      try context.runningCampaigns(arguments.query)
    },
    Implementation(IntegrationCatalogue.updateCustomerProfileV2) { context, arguments, body in
      try context.updateProfileV2(
        id: arguments.path[0], body: body,
        runRuleEngine: arguments.query["runRuleEngine"]?.bool ?? false)
    },
    Implementation(IntegrationCatalogue.updateCustomerProfilesV2) { context, arguments, body in
      let silent = try Silence.isSilent(arguments)
      let states = try context.updateProfiles(body)
      return SilentAnswer(
        silent
          ? nil
          : MultipleCustomerProfileIntegrationResponseV2(
            integrationStates: states))
    },
    Implementation(IntegrationCatalogue.trackEventV2) { context, arguments, body in
      let silent = try Silence.isSilent(arguments)
      let response = try context.trackEventV2(body)
      return SilentAnswer(silent ? nil : response)
    },
    Implementation(IntegrationCatalogue.createReferralsForMultipleAdvocates) {
      context, arguments, body in
      let silent = try Silence.isSilent(arguments)
      let referrals = try context.createReferrals(body)
      return SilentAnswer(
        silent ? nil : InlineResponse201(totalResultSize: referrals.count, data: referrals))
    },
  ]

  /// The entries by `IntegrationOperation.index` (nil where the engine has none).
  static let byIndex: [(any OperationImplementation)?] = {
    var table: [(any OperationImplementation)?] = Array(
      repeating: nil, count: (entries.map(\.operation.index).max() ?? -1) + 1)
    for entry in entries { table[entry.operation.index] = entry }
    return table
  }()

  /// The implementation of `operation`, typed; nil when the engine has none.
  static func implementation<Request, Answer>(of operation: APIOperation<Request, Answer>)
    -> Implementation<Request, Answer>?
  {
    let index = operation.operation.index
    guard index < byIndex.count, let entry = byIndex[index],
      entry.operation === operation.operation
    else { return nil }
    // The same catalogue entry has the same types.
    return unsafeDowncast(entry, to: Implementation<Request, Answer>.self)
  }
}

/// An entry of the `OperationTable`, without its types.
protocol OperationImplementation: AnyObject, Sendable {
  var operation: IntegrationOperation { get }
}

/// What one operation does inside its transaction.
final class Implementation<Request: Codable & Sendable, Answer: Codable & Sendable>:
  OperationImplementation
{
  let operation: IntegrationOperation
  let run: @Sendable (OperationContext, OperationArguments, Request) throws -> Answer

  init(
    _ operation: APIOperation<Request, Answer>,
    _ run: @escaping @Sendable (OperationContext, OperationArguments, Request) throws -> Answer
  ) {
    self.operation = operation.operation
    self.run = run
  }
}
