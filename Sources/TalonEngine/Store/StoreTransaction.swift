import Foundation
import GRDB
import TalonAPI

/// Typed access to the tables inside one write transaction. Records are stored as JSON blobs
/// next to the columns that are searched or counted.
///
/// A transaction works for one application (`application`): every statement names it, so that
/// no read or write reaches another application's rows.
struct StoreTransaction {
  let db: Database
  /// The application whose rows this transaction reads and writes.
  let application: Int
  /// Records decoded in this process, kept in step with every save.
  var cache = RecordCacheBox()

  // MARK: Coding

  private static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    return encoder
  }()

  // JSONEncoder is Sendable; its configuration never changes after this.
  func encode(_ value: some Encodable) throws -> Data { try Self.encoder.encode(value) }

  /// Reads a stored record: talon's JSON parser, then `JSONValueDecoder` (faster than
  /// `JSONDecoder` for these records; dates are seconds since 1970, as written).
  func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
    try JSONValueDecoder.decode(type, from: try JSONValue(parsing: data), dates: .secondsSince1970)
  }

  // MARK: Statements

  /// A prepared statement from the connection's cache (the hot queries are prepared once).
  func statement(_ sql: String) throws -> Statement {
    try db.cachedStatement(sql: sql)
  }

  /// Runs a cached statement.
  func run(_ sql: String, _ arguments: StatementArguments) throws {
    try db.cachedStatement(sql: sql).execute(arguments: arguments)
  }

  // MARK: Whole store

  /// The application's `integrationId`s of `table` (`profile` or `session`), the last stored
  /// first.
  func recentIdentifiers(of table: String, limit: Int) throws -> [String] {
    precondition(["profile", "session"].contains(table))
    return try String.fetchAll(
      db,
      sql:
        "SELECT integrationId FROM \(table) WHERE applicationId = ? ORDER BY rowid DESC LIMIT ?",
      arguments: [application, limit])
  }

  /// True when the application has no profile, session or event stored.
  func isFresh() throws -> Bool {
    for table in ["profile", "session", "event"] {
      let found = try Bool.fetchOne(
        db, sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE applicationId = ?)",
        arguments: [application])
      if found == true { return false }
    }
    return true
  }

  /// Deletes every row of the application in every table. When no other application has rows
  /// left, the id sequences restart too, as in a new file.
  func deleteEverything() throws {
    cache.records = CachedRecords()
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

  // MARK: Profiles

  func profile(_ id: String) throws -> StoredProfile? {
    if let cached = cache.records.profiles[id] { return cached }
    guard
      let data = try Data.fetchOne(
        try statement("SELECT data FROM profile WHERE applicationId = ? AND integrationId = ?"),
        arguments: [application, id])
    else { return nil }
    let profile = try decode(StoredProfile.self, data)
    cache.records.profiles[id] = profile
    return profile
  }

  func save(_ profile: StoredProfile) throws {
    cache.records.profiles[profile.integrationId] = profile
    try run(
      """
      INSERT INTO profile (applicationId, integrationId, data) VALUES (?, ?, ?)
      ON CONFLICT(applicationId, integrationId) DO UPDATE SET data = excluded.data
      """,
      [application, profile.integrationId, RecordText.profileRecord(profile).data])
  }

  func deleteProfile(_ id: String) throws {
    cache.records.profiles[id] = nil
    try run("DELETE FROM profile WHERE applicationId = ? AND integrationId = ?", [application, id])
  }

  // MARK: Sessions

  func session(_ id: String) throws -> StoredSession? {
    if let cached = cache.records.sessions[id] { return cached }
    guard
      let data = try Data.fetchOne(
        try statement("SELECT data FROM session WHERE applicationId = ? AND integrationId = ?"),
        arguments: [application, id])
    else { return nil }
    let session = try decode(StoredSession.self, data)
    cache.records.sessions[id] = session
    return session
  }

  /// Writes the session. When the cache shows the row as stored with the same profile (the
  /// usual update), only `data` is set: setting `profileId`, even to the value it has, makes
  /// SQLite rewrite the `session_by_profile` entry, a second page in the log per update.
  func save(_ session: StoredSession) throws {
    let stored = cache.records.sessions[session.integrationId]
    cache.records.sessions[session.integrationId] = session
    let sameProfile = stored?.profileId == session.profileId
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
      [
        application, session.integrationId, session.profileId,
        try RecordText.sessionRecord(session)?.data ?? encode(session),
      ])
  }

  /// The profile's session stored last (the highest rowid), without reading the others: a
  /// profile update needs only this one, and a busy profile has many sessions. Only its id
  /// comes from SQL, so a recently used session comes from the record cache.
  func latestSession(ofProfile id: String) throws -> StoredSession? {
    guard
      let sessionId = try String.fetchOne(
        try statement(
          """
          SELECT integrationId FROM session WHERE applicationId = ? AND profileId = ?
          ORDER BY rowid DESC LIMIT 1
          """),
        arguments: [application, id])
    else { return nil }
    return try session(sessionId)
  }

  /// The profile's sessions, oldest first.
  func sessions(ofProfile id: String) throws -> [StoredSession] {
    try Data.fetchAll(
      try statement(
        "SELECT data FROM session WHERE applicationId = ? AND profileId = ? ORDER BY rowid"),
      arguments: [application, id]
    ).map { try decode(StoredSession.self, $0) }
  }

  // MARK: Events

  /// Stores the event and returns it with its new id.
  func insert(_ event: Event) throws -> Event {
    try run(
      "INSERT INTO event (applicationId, sessionId, profileId, data) VALUES (?, ?, ?, ?)",
      [
        application, event.sessionId, event.profileId,
        try RecordText.eventRecord(event)?.data ?? encode(event),
      ])
    var stored = event
    stored.id = Int(db.lastInsertedRowID)
    return stored
  }

  func event(_ id: Int) throws -> Event? {
    guard
      let data = try Data.fetchOne(
        try statement("SELECT data FROM event WHERE id = ? AND applicationId = ?"),
        arguments: [id, application])
    else { return nil }
    var event = try decode(Event.self, data)
    event.id = id
    return event
  }

  /// Replaces the attributes of every event of the profile or of one of `sessionIds`.
  func clearEventAttributes(profileId: String, sessionIds: [String]) throws {
    let placeholders = Array(repeating: "?", count: sessionIds.count).joined(separator: ",")
    let condition = sessionIds.isEmpty ? "" : " OR sessionId IN (\(placeholders))"
    var arguments: [any DatabaseValueConvertible] = [application, profileId]
    arguments += sessionIds
    let rows = try Row.fetchAll(
      try statement(
        "SELECT id, data FROM event WHERE applicationId = ? AND (profileId = ?\(condition))"),
      arguments: StatementArguments(arguments))
    for row in rows {
      var event = try decode(Event.self, row["data"])
      event.attributes = .emptyObject
      try run(
        "UPDATE event SET data = ? WHERE id = ? AND applicationId = ?",
        [try encode(event), row["id"] as Int, application])
    }
  }
}

extension StoreTransaction {
  /// Rewrites a stored event (e.g. to add the ledger entries of a close).
  func update(_ event: Event) throws {
    try run(
      "UPDATE event SET data = ? WHERE id = ? AND applicationId = ?",
      [try encode(event), event.id, application])
  }
}
