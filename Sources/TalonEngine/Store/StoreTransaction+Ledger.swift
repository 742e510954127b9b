import Foundation
import GRDB
import TalonAPI

/// Loyalty ledgers and campaign counters.
extension StoreTransaction {
  // MARK: Loyalty ledger

  /// The committed balance of every program the profile has entries in.
  func balances(profile: String) throws -> [Int: Int] {
    if let cached = cache.records.balances[profile] { return cached }
    var result: [Int: Int] = [:]
    let rows = try Row.fetchAll(
      try statement(
        """
        SELECT programId, SUM(amount) AS total FROM ledger
        WHERE applicationId = ? AND profileId = ? GROUP BY programId
        """),
      arguments: [application, profile])
    for row in rows { result[row["programId"]] = row["total"] }
    cache.records.balances[profile] = result
    return result
  }

  /// Points the profile spent in each program: the sum of its negative ledger entries.
  func spentPoints(profile: String) throws -> [Int: Int] {
    var result: [Int: Int] = [:]
    let rows = try Row.fetchAll(
      try statement(
        """
        SELECT programId, -SUM(amount) AS total FROM ledger
        WHERE applicationId = ? AND profileId = ? AND amount < 0 GROUP BY programId
        """),
      arguments: [application, profile])
    for row in rows { result[row["programId"]] = row["total"] }
    return result
  }

  /// The profile's entries in one program, oldest first.
  func ledgerRows(profile: String, program: Int) throws -> [LedgerRow] {
    try Row.fetchAll(
      try statement(
        """
        SELECT id, sessionId, eventId, amount, reason, created FROM ledger
        WHERE applicationId = ? AND profileId = ? AND programId = ? ORDER BY id
        """),
      arguments: [application, profile, program]
    ).map { row in
      LedgerRow(
        id: row["id"], profileId: profile, programId: program, sessionId: row["sessionId"],
        eventId: row["eventId"], amount: row["amount"], reason: row["reason"],
        created: Date(timeIntervalSince1970: row["created"]))
    }
  }

  /// The internal id of a stored profile or session (its SQLite rowid, which an upsert keeps).
  func rowId(profile: String) throws -> Int? {
    try Int.fetchOne(
      try statement("SELECT rowid FROM profile WHERE applicationId = ? AND integrationId = ?"),
      arguments: [application, profile])
  }

  func rowId(session: String) throws -> Int? {
    try Int.fetchOne(
      try statement("SELECT rowid FROM session WHERE applicationId = ? AND integrationId = ?"),
      arguments: [application, session])
  }

  func insertLedger(
    profile: String, program: Int, session: String, event: Int, amount: Int, reason: String,
    now: Date
  ) throws -> LedgerRow {
    cache.records.balances[profile] = nil
    try run(
      """
      INSERT INTO ledger
        (applicationId, profileId, programId, sessionId, eventId, amount, reason, created)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [application, profile, program, session, event, amount, reason, now.timeIntervalSince1970])
    return LedgerRow(
      id: Int(db.lastInsertedRowID), profileId: profile, programId: program, sessionId: session,
      eventId: event, amount: amount, reason: reason, created: now)
  }

  /// Removes the entries a session committed; returns the profiles whose balances changed.
  func deleteLedger(session: String) throws {
    cache.records.balances = [:]
    try run("DELETE FROM ledger WHERE applicationId = ? AND sessionId = ?", [application, session])
  }

  // MARK: Counters

  func counter(campaign: Int, action: String, entity: String) throws -> Decimal {
    let key = CounterKey(campaign: campaign, action: action, entity: entity)
    if let cached = cache.records.counters[key] { return cached }
    let text = try String.fetchOne(
      try statement(
        """
        SELECT value FROM counter
        WHERE applicationId = ? AND campaignId = ? AND action = ? AND entity = ?
        """),
      arguments: [application, campaign, action, entity])
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
    try run(
      """
      INSERT OR REPLACE INTO counter (applicationId, campaignId, action, entity, value)
      VALUES (?, ?, ?, ?, ?)
      """,
      [application, delta.campaignId, delta.action, delta.entity, "\(next)"])
  }
}
