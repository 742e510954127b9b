import Foundation
import GRDB

/// `StoreRows` on SQLite through GRDB, inside the transaction `EngineStore.writeSync` opened:
/// every statement is prepared once per connection (`cachedStatement`) and names the
/// application.
struct SQLiteRows: StoreRows {
  let db: Database
  let application: Int

  /// A prepared statement from the connection's cache (the hot queries are prepared once).
  private func statement(_ sql: String) throws -> Statement {
    try db.cachedStatement(sql: sql)
  }

  private func run(_ sql: String, _ arguments: StatementArguments) throws {
    try db.cachedStatement(sql: sql).execute(arguments: arguments)
  }

  private func storedRow(_ row: Row) -> StoredRow {
    StoredRow(id: row["id"], usageCounter: row["usageCounter"], data: row["data"])
  }

  // MARK: Whole store

  func recentIdentifiers(of table: RecordTable, limit: Int) throws -> [String] {
    try String.fetchAll(
      db,
      sql: """
        SELECT integrationId FROM \(table.rawValue) WHERE applicationId = ?
        ORDER BY rowid DESC LIMIT ?
        """,
      arguments: [application, limit])
  }

  func isFresh() throws -> Bool {
    for table in ["profile", "session", "event"] {
      let found = try Bool.fetchOne(
        db, sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE applicationId = ?)",
        arguments: [application])
      if found == true { return false }
    }
    return true
  }

  func deleteEverything() throws {
    var othersLeft = false
    for table in StoreSchema.tables {
      try db.execute(sql: "DELETE FROM \(table) WHERE applicationId = ?", arguments: [application])
      othersLeft =
        try othersLeft || Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \(table))") == true
    }
    if !othersLeft, try db.tableExists("sqlite_sequence") {
      try db.execute(sql: "DELETE FROM sqlite_sequence")
    }
  }

  /// None: the process that opens a SQLite file keeps the clock and the random source.
  func sharedStateText() throws -> String? { nil }
  func setSharedStateText(_ text: String) throws {}

  // MARK: Profiles and sessions

  func profileData(_ id: String) throws -> Data? {
    try Data.fetchOne(
      try statement("SELECT data FROM profile WHERE applicationId = ? AND integrationId = ?"),
      arguments: [application, id])
  }

  func upsertProfile(_ id: String, data: Data) throws {
    try run(
      """
      INSERT INTO profile (applicationId, integrationId, data) VALUES (?, ?, ?)
      ON CONFLICT(applicationId, integrationId) DO UPDATE SET data = excluded.data
      """,
      [application, id, data])
  }

  func deleteProfile(_ id: String) throws {
    try run("DELETE FROM profile WHERE applicationId = ? AND integrationId = ?", [application, id])
  }

  func rowId(profile id: String) throws -> Int? {
    try Int.fetchOne(
      try statement("SELECT rowid FROM profile WHERE applicationId = ? AND integrationId = ?"),
      arguments: [application, id])
  }

  func sessionData(_ id: String) throws -> Data? {
    try Data.fetchOne(
      try statement("SELECT data FROM session WHERE applicationId = ? AND integrationId = ?"),
      arguments: [application, id])
  }

  /// With `sameProfile` only `data` is set: setting `profileId`, even to the value it has, makes
  /// SQLite rewrite the `session_by_profile` entry, a second page in the log per update.
  func upsertSession(_ id: String, profileId: String, data: Data, sameProfile: Bool) throws {
    try run(
      sameProfile
        ? """
        INSERT INTO session (applicationId, integrationId, profileId, data) VALUES (?, ?, ?, ?)
        ON CONFLICT(applicationId, integrationId) DO UPDATE SET data = excluded.data
        """
        : """
        INSERT INTO session (applicationId, integrationId, profileId, data) VALUES (?, ?, ?, ?)
        ON CONFLICT(applicationId, integrationId)
        DO UPDATE SET profileId = excluded.profileId, data = excluded.data
        """,
      [application, id, profileId, data])
  }

  func latestSessionId(ofProfile id: String) throws -> String? {
    try String.fetchOne(
      try statement(
        """
        SELECT integrationId FROM session WHERE applicationId = ? AND profileId = ?
        ORDER BY rowid DESC LIMIT 1
        """),
      arguments: [application, id])
  }

  func sessionsData(ofProfile id: String) throws -> [Data] {
    try Data.fetchAll(
      try statement(
        "SELECT data FROM session WHERE applicationId = ? AND profileId = ? ORDER BY rowid"),
      arguments: [application, id])
  }

  func rowId(session id: String) throws -> Int? {
    try Int.fetchOne(
      try statement("SELECT rowid FROM session WHERE applicationId = ? AND integrationId = ?"),
      arguments: [application, id])
  }

  // MARK: Events

  func insertEvent(sessionId: String?, profileId: String?, data: Data) throws -> Int {
    try run(
      "INSERT INTO event (applicationId, sessionId, profileId, data) VALUES (?, ?, ?, ?)",
      [application, sessionId, profileId, data])
    return Int(db.lastInsertedRowID)
  }

  func eventData(_ id: Int) throws -> Data? {
    try Data.fetchOne(
      try statement("SELECT data FROM event WHERE id = ? AND applicationId = ?"),
      arguments: [id, application])
  }

  func events(profileId: String, sessionIds: [String]) throws -> [StoredRow] {
    let placeholders = Array(repeating: "?", count: sessionIds.count).joined(separator: ",")
    let condition = sessionIds.isEmpty ? "" : " OR sessionId IN (\(placeholders))"
    var arguments: [any DatabaseValueConvertible] = [application, profileId]
    arguments += sessionIds
    return try Row.fetchAll(
      try statement(
        "SELECT id, data FROM event WHERE applicationId = ? AND (profileId = ?\(condition))"),
      arguments: StatementArguments(arguments)
    ).map { StoredRow(id: $0["id"], data: $0["data"]) }
  }

  func updateEvent(_ id: Int, data: Data) throws {
    try run(
      "UPDATE event SET data = ? WHERE id = ? AND applicationId = ?", [data, id, application])
  }

  // MARK: Coupons and reservations

  func couponRow(_ value: String) throws -> StoredRow? {
    try Row.fetchOne(
      try statement(
        "SELECT id, usageCounter, data FROM coupon WHERE applicationId = ? AND value = ?"),
      arguments: [application, value]
    ).map(storedRow)
  }

  func insertCoupon(value: String, campaignId: Int, data: Data) throws -> Int {
    try run(
      """
      INSERT INTO coupon (applicationId, value, campaignId, usageCounter, data)
      VALUES (?, ?, ?, 0, ?)
      """,
      [application, value, campaignId, data])
    return Int(db.lastInsertedRowID)
  }

  func upsertFileCoupon(value: String, campaignId: Int, data: Data) throws {
    try run(
      """
      INSERT INTO coupon (applicationId, value, campaignId, usageCounter, data)
      VALUES (?, ?, ?, 0, ?)
      ON CONFLICT(applicationId, value)
      DO UPDATE SET campaignId = excluded.campaignId, data = excluded.data
      """, [application, value, campaignId, data])
  }

  func codeExists(_ value: String) throws -> Bool {
    try Bool.fetchOne(
      try statement(
        """
        SELECT EXISTS(SELECT 1 FROM coupon WHERE applicationId = ? AND value = ?)
          OR EXISTS(SELECT 1 FROM referral WHERE applicationId = ? AND code = ?)
        """
      ), arguments: [application, value, application, value]) ?? false
  }

  func addCouponUsage(_ value: String, _ delta: Int) throws {
    try run(
      """
      UPDATE coupon SET usageCounter = MAX(0, usageCounter + ?)
      WHERE applicationId = ? AND value = ?
      """, [delta, application, value])
  }

  func hasReservation(coupon: String, profile: String) throws -> Bool {
    try Bool.fetchOne(
      try statement(
        """
        SELECT EXISTS(SELECT 1 FROM reservation
          WHERE applicationId = ? AND couponValue = ? AND profileId = ?)
        """),
      arguments: [application, coupon, profile]) ?? false
  }

  func reserve(coupon: String, profile: String) throws {
    try run(
      "INSERT OR IGNORE INTO reservation (applicationId, couponValue, profileId) VALUES (?, ?, ?)",
      [application, coupon, profile])
  }

  func unreserve(coupon: String, profile: String) throws {
    try run(
      "DELETE FROM reservation WHERE applicationId = ? AND couponValue = ? AND profileId = ?",
      [application, coupon, profile])
  }

  func deleteReservations(profile: String) throws {
    try run(
      "DELETE FROM reservation WHERE applicationId = ? AND profileId = ?", [application, profile])
  }

  func reservedCoupons(profile: String) throws -> [String] {
    try String.fetchAll(
      try statement(
        """
        SELECT couponValue FROM reservation WHERE applicationId = ? AND profileId = ?
        ORDER BY rowid
        """),
      arguments: [application, profile])
  }

  func reservingProfiles(coupon: String) throws -> [String] {
    try String.fetchAll(
      try statement(
        """
        SELECT profileId FROM reservation WHERE applicationId = ? AND couponValue = ?
        ORDER BY rowid
        """),
      arguments: [application, coupon])
  }

  // MARK: Referrals

  func referralRow(code: String) throws -> StoredRow? {
    try Row.fetchOne(
      try statement(
        "SELECT id, usageCounter, data FROM referral WHERE applicationId = ? AND code = ?"),
      arguments: [application, code]
    ).map(storedRow)
  }

  func referralRows(advocate: String) throws -> [StoredRow] {
    try Row.fetchAll(
      try statement(
        """
        SELECT id, usageCounter, data FROM referral WHERE applicationId = ? AND advocate = ?
        ORDER BY id
        """),
      arguments: [application, advocate]
    ).map(storedRow)
  }

  func insertReferral(code: String, campaignId: Int, advocate: String, data: Data) throws -> Int {
    try run(
      """
      INSERT INTO referral (applicationId, code, campaignId, advocate, usageCounter, data)
      VALUES (?, ?, ?, ?, 0, ?)
      """,
      [application, code, campaignId, advocate, data])
    return Int(db.lastInsertedRowID)
  }

  func addReferralUsage(id: Int, _ delta: Int) throws {
    try run(
      """
      UPDATE referral SET usageCounter = MAX(0, usageCounter + ?)
      WHERE id = ? AND applicationId = ?
      """, [delta, id, application])
  }

  // MARK: Loyalty ledger and counters

  func balances(profile: String) throws -> [Int: Int] {
    var result: [Int: Int] = [:]
    let rows = try Row.fetchAll(
      try statement(
        """
        SELECT programId, SUM(amount) AS total FROM ledger
        WHERE applicationId = ? AND profileId = ? GROUP BY programId
        """),
      arguments: [application, profile])
    for row in rows { result[row["programId"]] = row["total"] }
    return result
  }

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

  func insertLedger(
    profile: String, program: Int, session: String, event: Int, amount: Int, reason: String,
    created: Double
  ) throws -> Int {
    try run(
      """
      INSERT INTO ledger
        (applicationId, profileId, programId, sessionId, eventId, amount, reason, created)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [application, profile, program, session, event, amount, reason, created])
    return Int(db.lastInsertedRowID)
  }

  func deleteLedger(session: String) throws {
    try run("DELETE FROM ledger WHERE applicationId = ? AND sessionId = ?", [application, session])
  }

  func counterText(campaign: Int, action: String, entity: String) throws -> String? {
    try String.fetchOne(
      try statement(
        """
        SELECT value FROM counter
        WHERE applicationId = ? AND campaignId = ? AND action = ? AND entity = ?
        """),
      arguments: [application, campaign, action, entity])
  }

  func setCounter(campaign: Int, action: String, entity: String, text: String) throws {
    try run(
      """
      INSERT OR REPLACE INTO counter (applicationId, campaignId, action, entity, value)
      VALUES (?, ?, ?, ?, ?)
      """,
      [application, campaign, action, entity, text])
  }
}
