import Foundation
import TalonAPI

/// Typed access to the tables inside one write transaction. Records are stored as JSON blobs
/// next to the columns that are searched or counted; the statements themselves are the
/// database's (`StoreRows`: SQLite's `SQLiteRows`, or PostgreSQL's), what is done with them is
/// written here once.
///
/// A transaction works for one application (`application`): every statement names it, so that
/// no read or write reaches another application's rows.
package struct StoreTransaction {
  let rows: any StoreRows
  /// Records decoded in this process, kept in step with every save.
  var cache = RecordCacheBox()

  package init(rows: any StoreRows, cache: RecordCacheBox = RecordCacheBox()) {
    self.rows = rows
    self.cache = cache
  }

  /// The application whose rows this transaction reads and writes.
  var application: Int { rows.application }

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

  // MARK: Whole store

  /// The application's `integrationId`s of `table` (`profile` or `session`), the last stored
  /// first.
  func recentIdentifiers(of table: String, limit: Int) throws -> [String] {
    guard let table = RecordTable(rawValue: table) else {
      preconditionFailure("recentIdentifiers of \(table)")
    }
    return try rows.recentIdentifiers(of: table, limit: limit)
  }

  /// True when the application has no profile, session or event stored.
  func isFresh() throws -> Bool {
    try rows.isFresh()
  }

  /// Deletes every row of the application in every table. When no other application has rows
  /// left, the id sequences restart too, as in a new file.
  func deleteEverything() throws {
    cache.records = CachedRecords()
    try rows.deleteEverything()
  }

  // MARK: Profiles

  func profile(_ id: String) throws -> StoredProfile? {
    if let cached = cache.records.profiles[id] { return cached }
    guard let data = try rows.profileData(id) else { return nil }
    let profile = try decode(StoredProfile.self, data)
    cache.records.profiles[id] = profile
    return profile
  }

  func save(_ profile: StoredProfile) throws {
    cache.records.profiles[profile.integrationId] = profile
    try rows.upsertProfile(profile.integrationId, data: RecordText.profileRecord(profile).data)
  }

  func deleteProfile(_ id: String) throws {
    cache.records.profiles[id] = nil
    try rows.deleteProfile(id)
  }

  // MARK: Sessions

  func session(_ id: String) throws -> StoredSession? {
    if let cached = cache.records.sessions[id] { return cached }
    guard let data = try rows.sessionData(id) else { return nil }
    let session = try decode(StoredSession.self, data)
    cache.records.sessions[id] = session
    return session
  }

  /// Writes the session. When the cache shows the row as stored with the same profile (the
  /// usual update), the database may leave the profile column as it is (`upsertSession`).
  func save(_ session: StoredSession) throws {
    let stored = cache.records.sessions[session.integrationId]
    cache.records.sessions[session.integrationId] = session
    try rows.upsertSession(
      session.integrationId, profileId: session.profileId,
      data: try RecordText.sessionRecord(session)?.data ?? encode(session),
      sameProfile: stored?.profileId == session.profileId)
  }

  /// The profile's session stored last, without reading the others: a profile update needs
  /// only this one, and a busy profile has many sessions. Only its id comes from the database,
  /// so a recently used session comes from the record cache.
  func latestSession(ofProfile id: String) throws -> StoredSession? {
    guard let sessionId = try rows.latestSessionId(ofProfile: id) else { return nil }
    return try session(sessionId)
  }

  /// The profile's sessions, oldest first.
  func sessions(ofProfile id: String) throws -> [StoredSession] {
    try rows.sessionsData(ofProfile: id).map { try decode(StoredSession.self, $0) }
  }

  // MARK: Events

  /// Stores the event and returns it with its new id.
  func insert(_ event: Event) throws -> Event {
    var stored = event
    stored.id = try rows.insertEvent(
      sessionId: event.sessionId, profileId: event.profileId,
      data: try RecordText.eventRecord(event)?.data ?? encode(event))
    return stored
  }

  func event(_ id: Int) throws -> Event? {
    guard let data = try rows.eventData(id) else { return nil }
    var event = try decode(Event.self, data)
    event.id = id
    return event
  }

  /// Replaces the attributes of every event of the profile or of one of `sessionIds`.
  func clearEventAttributes(profileId: String, sessionIds: [String]) throws {
    for row in try rows.events(profileId: profileId, sessionIds: sessionIds) {
      var event = try decode(Event.self, row.data)
      event.attributes = .emptyObject
      try rows.updateEvent(row.id, data: try encode(event))
    }
  }
}

extension StoreTransaction {
  /// Rewrites a stored event (e.g. to add the ledger entries of a close).
  func update(_ event: Event) throws {
    try rows.updateEvent(event.id, data: try encode(event))
  }
}
