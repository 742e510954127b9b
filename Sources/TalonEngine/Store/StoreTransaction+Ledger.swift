import Foundation
import TalonAPI

/// Loyalty ledgers and campaign counters.
extension StoreTransaction {
  // MARK: Loyalty ledger

  /// The committed balance of every program the profile has entries in.
  func balances(profile: String) throws -> [Int: Int] {
    if let cached = cache.records.balances[profile] { return cached }
    let result = try rows.balances(profile: profile)
    cache.records.balances[profile] = result
    return result
  }

  /// Points the profile spent in each program: the sum of its negative ledger entries.
  func spentPoints(profile: String) throws -> [Int: Int] {
    try rows.spentPoints(profile: profile)
  }

  /// The profile's entries in one program, oldest first.
  func ledgerRows(profile: String, program: Int) throws -> [LedgerRow] {
    try rows.ledgerRows(profile: profile, program: program)
  }

  /// The internal id of a stored profile or session (kept by upserts: SQLite's rowid,
  /// PostgreSQL's `seq`).
  func rowId(profile: String) throws -> Int? {
    try rows.rowId(profile: profile)
  }

  func rowId(session: String) throws -> Int? {
    try rows.rowId(session: session)
  }

  func insertLedger(
    profile: String, program: Int, session: String, event: Int, amount: Int, reason: String,
    now: Date
  ) throws -> LedgerRow {
    cache.records.balances[profile] = nil
    let id = try rows.insertLedger(
      profile: profile, program: program, session: session, event: event, amount: amount,
      reason: reason, created: now.timeIntervalSince1970)
    return LedgerRow(
      id: id, profileId: profile, programId: program, sessionId: session, eventId: event,
      amount: amount, reason: reason, created: now)
  }

  /// Removes the entries a session committed.
  func deleteLedger(session: String) throws {
    cache.records.balances = [:]
    try rows.deleteLedger(session: session)
  }

  // MARK: Counters

  func counter(campaign: Int, action: String, entity: String) throws -> Decimal {
    let key = CounterKey(campaign: campaign, action: action, entity: entity)
    if let cached = cache.records.counters[key] { return cached }
    let text = try rows.counterText(campaign: campaign, action: action, entity: entity)
    let value = text.flatMap { Decimal(string: $0) } ?? 0
    cache.records.counters[key] = value
    return value
  }

  func add(_ delta: CounterDelta, sign: Decimal = 1) throws {
    let current = try counter(
      campaign: delta.campaignId, action: delta.action, entity: delta.entity)
    var next = current + delta.amount * sign
    if next < 0 { next = 0 }
    cache.records.counters[
      CounterKey(campaign: delta.campaignId, action: delta.action, entity: delta.entity)] = nil
    try rows.setCounter(
      campaign: delta.campaignId, action: delta.action, entity: delta.entity, text: "\(next)")
  }
}
