import Foundation
import TalonAPI

/// GetLoyaltyBalances, GetLoyaltyProgramProfileTransactions and GetLoyaltyProgramProfilePoints:
/// a profile's ledger in one program, read from the store's ledger table.
///
/// Decided here (docs/behaviour.md, "Loyalty ledgers"): points are booked when a session
/// closes, active at once and without expiry, in the main ledger (subledger id ""); so nothing
/// is pending or expired, a subledger other than "" is empty, and talon's programs have no
/// tiers. An unknown program or profile is a 404.
extension OperationContext {
  func loyaltyBalances(_ arguments: OperationArguments) throws -> LoyaltyBalances {
    let (program, profile) = try ledgerOwner(arguments)
    var rows = try store.ledgerRows(profile: profile, program: program.id)
    if let end = arguments.query["endDate"]?.dateTime { rows = rows.filter { $0.created <= end } }
    let subledger = arguments.query["subledgerId"]?.string ?? ""
    if !subledger.isEmpty { rows = [] }
    return LoyaltyBalances(balance: Self.balance(of: rows), subledgerBalances: [:])
  }

  func loyaltyTransactions(_ arguments: OperationArguments) throws -> LoyaltyTransactionPage {
    let (program, profile) = try ledgerOwner(arguments)
    let query = arguments.query
    let page = try paging(query)
    if query["awaitsActivation"]?.bool == false {
      throw IntegrationError.badRequest(
        "awaitsActivation may only be true", title: "enum", parameter: "awaitsActivation")
    }
    var type = "session"
    if let given = query["loyaltyTransactionType"]?.string {
      guard ["manual", "session", "import"].contains(given) else {
        throw Self.notOneOf(["manual", "session", "import"], parameter: "loyaltyTransactionType")
      }
      type = given
    }
    let rows = try store.ledgerRows(profile: profile, program: program.id)
    var transactions = try rows.reversed().map { try transaction(of: $0, among: rows) }
    if query["awaitsActivation"]?.bool == true || type != "session" { transactions = [] }
    if let sessions = query["customerSessionIDs"]?.strings {
      transactions.removeAll { !sessions.contains($0.customerSessionId ?? "") }
    }
    if let uuids = query["transactionUUIDs"]?.strings {
      transactions.removeAll { !uuids.contains($0.transactionUUID) }
    }
    if let subledger = query["subledgerId"]?.string {
      transactions.removeAll { $0.subledgerId != subledger }
    }
    if let start = query["startDate"]?.dateTime { transactions.removeAll { $0.created < start } }
    if let end = query["endDate"]?.dateTime { transactions.removeAll { $0.created > end } }
    return LoyaltyTransactionPage(
      hasMore: transactions.count > page.skip + page.size,
      data: Array(transactions.dropFirst(page.skip).prefix(page.size)))
  }

  func loyaltyPoints(_ arguments: OperationArguments) throws -> LoyaltyPointsPage {
    let (program, profile) = try ledgerOwner(arguments)
    let query = arguments.query
    let page = try paging(query)
    let status = query["status"]?.string ?? "active"
    guard ["active", "pending", "expired"].contains(status) else {
      throw Self.notOneOf(["active", "pending", "expired"], parameter: "status")
    }
    let sortings = ["startDate", "-startDate", "expiryDate", "-expiryDate"]
    let sort = query["sort"]?.string
    if let sort, !sortings.contains(sort) {
      throw Self.notOneOf(sortings, parameter: "sort")
    }
    let rows = try store.ledgerRows(profile: profile, program: program.id)
    var points = try Self.unspent(rows).map { row, left in
      let shown = try transaction(of: row, among: rows)
      return LoyaltyPoints(
        id: row.id, transactionUUID: shown.transactionUUID, created: row.created,
        programId: program.id, customerSessionId: row.sessionId, name: row.reason,
        startDate: shown.startDate, expiryDate: shown.expiryDate, subledgerId: "",
        amount: Decimal(left))
    }
    if status != "active" { points = [] }
    if let subledgers = query["subledgerId"]?.strings {
      points.removeAll { !subledgers.contains($0.subledgerId) }
    }
    if let sessions = query["customerSessionIDs"]?.strings {
      points.removeAll { !sessions.contains($0.customerSessionId ?? "") }
    }
    if let uuids = query["transactionUUIDs"]?.strings {
      points.removeAll { !uuids.contains($0.transactionUUID) }
    }
    // Every entry starts at once and never expires: both orders are the booking order.
    if sort?.hasPrefix("-") == true { points.reverse() }
    return LoyaltyPointsPage(
      hasMore: points.count > page.skip + page.size,
      data: Array(points.dropFirst(page.skip).prefix(page.size)))
  }

  // MARK: Parts

  /// The program and the profile the path names: both must exist.
  private func ledgerOwner(_ arguments: OperationArguments) throws -> (
    LoyaltyProgramDefinition, String
  ) {
    let text = arguments.path[0]
    guard let id = Int(text) else {
      throw IntegrationError.badRequest(
        "loyaltyProgramId must be an integer, not \"\(text)\"", title: "type",
        parameter: "loyaltyProgramId")
    }
    guard let program = pack.program(id) else {
      throw IntegrationError.notFound(
        "loyalty program \(id) not found", parameter: "loyaltyProgramId")
    }
    let profile = arguments.path[1]
    try requireParameter(profile, "integrationId")
    guard try store.profile(profile) != nil else {
      throw IntegrationError.notFound(
        "customer profile \(profile) not found", parameter: "integrationId")
    }
    return (program, profile)
  }

  /// `pageSize` (1 to 1000, default 50) and `skip` (at least 0).
  func paging(_ query: [String: QueryValue]) throws -> (size: Int, skip: Int) {
    let size = query["pageSize"]?.integer ?? 50
    guard (1...1000).contains(size) else {
      throw IntegrationError.badRequest(
        "pageSize must be between 1 and 1000", title: "range", parameter: "pageSize")
    }
    let skip = query["skip"]?.integer ?? 0
    guard skip >= 0 else {
      throw IntegrationError.badRequest(
        "skip must not be negative", title: "range", parameter: "skip")
    }
    return (size, skip)
  }

  static func notOneOf(_ values: [String], parameter: String) -> IntegrationError {
    .badRequest(
      "\(parameter) must be one of the following: "
        + values.map { "\"\($0)\"" }.joined(separator: ", "), title: "enum", parameter: parameter)
  }

  /// Active points are the sum of the entries when it is positive; below zero it is negative
  /// points; spent points are the deductions.
  static func balance(of rows: [LedgerRow]) -> LoyaltyBalance {
    let total = rows.reduce(0) { $0 + $1.amount }
    let spent = rows.reduce(0) { $0 + min(0, $1.amount) }
    return LoyaltyBalance(
      activePoints: Decimal(max(0, total)), spentPoints: Decimal(-spent),
      negativePoints: Decimal(max(0, -total)))
  }

  /// The additions with what is left of them after the deductions, spent oldest first.
  static func unspent(_ rows: [LedgerRow]) -> [(LedgerRow, Int)] {
    var toSpend = -rows.reduce(0) { $0 + min(0, $1.amount) }
    var result: [(LedgerRow, Int)] = []
    for row in rows where row.amount > 0 {
      let used = min(toSpend, row.amount)
      toSpend -= used
      if row.amount > used { result.append((row, row.amount - used)) }
    }
    return result
  }

  /// A ledger row as a transaction. Its `transactionUUID` is the one the loyalty effect that
  /// booked it carried: the n-th entry an event booked came from the event's n-th loyalty
  /// effect.
  private func transaction(of row: LedgerRow, among rows: [LedgerRow]) throws
    -> LoyaltyTransaction
  {
    let sameEvent = rows.filter { $0.eventId == row.eventId }
    let rank = sameEvent.firstIndex { $0.id == row.id } ?? 0
    var effectIndex = -1 - rank
    var rulesetId: Int?
    if let event = try store.event(row.eventId) {
      let loyaltyEffects = event.effects.enumerated().filter { _, effect in
        let type = effect[3]?[0]?.stringValue ?? effect["effectType"]?.stringValue
        return type == "addLoyaltyPoints" || type == "deductLoyaltyPoints"
      }
      if rank < loyaltyEffects.count {
        effectIndex = loyaltyEffects[rank].offset
        let effect = loyaltyEffects[rank].element
        rulesetId = (effect[1]?.numberValue ?? effect["rulesetId"]?.numberValue)
          .map { NSDecimalNumber(decimal: $0).intValue }
      }
    }
    return LoyaltyTransaction(
      transactionUUID: Self.transactionUUID(
        application: applicationId, event: row.eventId, effect: effectIndex),
      created: row.created, programId: row.programId, customerSessionId: row.sessionId,
      type: row.amount >= 0 ? "addition" : "subtraction", name: row.reason,
      startDate: "immediate", expiryDate: "unlimited", subledgerId: "",
      amount: Decimal(abs(row.amount)), id: row.id, rulesetId: rulesetId, ruleName: row.reason)
  }
}
