import Foundation
import GRDB
import Synchronization
import TalonAPI

/// The engine's SQLite database, opened once per engine. Every API operation runs inside one
/// `writeSync` call: one serialized, immediate transaction that commits all of its changes or none.
///
/// Files use WAL with `synchronous=NORMAL` and a busy timeout, so that a shell and a server in two
/// processes can share one file. A new file is created with mode 0600 (it holds customer data).
///
/// Every row belongs to one application (`applicationId`), and a transaction works for one
/// application: it reads and writes only that application's rows (`docs/behaviour.md`,
/// "Several applications").
///
/// Decoded sessions, profiles and coupon definitions are cached in memory between transactions,
/// one cache per application; a cache is dropped whenever another connection (another process)
/// committed to the file (`PRAGMA data_version`) and after any failed transaction, so it never
/// shows what the file does not hold.
final class EngineStore: EngineStorage {
  let queue: DatabaseQueue
  let caches = Mutex([Int: RecordCache]())
  /// Beyond this many cached records the cache starts over.
  static let cacheLimit = 8192

  /// Opens (and migrates) the store. Rows stored before applications had their own data belong
  /// to `legacyApplication` (the pack's application, or its first one).
  init(location: StoreLocation, legacyApplication: Int) throws {
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.label = "talon-engine"
    switch location {
    case .memory:
      queue = try DatabaseQueue(configuration: configuration)
    case .database(let url):
      throw EngineStoreError(
        description: "\(url) is no SQLite store: open it with TalonPostgres's PostgresStore")
    case .file(let path):
      if !FileManager.default.fileExists(atPath: path) {
        _ = FileManager.default.createFile(
          atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
      }
      queue = try DatabaseQueue(path: path, configuration: configuration)
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA journal_mode = WAL")
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
      }
    }
    try StoreSchema.migrator(legacyApplication: legacyApplication).migrate(queue)
  }

  /// Runs `body` in one write transaction for `application` on the calling thread; a thrown
  /// error rolls everything back. The engine calls it on its own thread (`EmbeddedEngine.perform`).
  ///
  /// The cache is taken at the start of the transaction and handed back right after COMMIT,
  /// both inside the database queue, so that transactions take and return it strictly in turn.
  /// (Handing it back after leaving the queue let a slow thread overwrite the cache of a
  /// transaction that ran meanwhile with its older records: the next transaction then read a
  /// stale profile or session and its write lost the other's update.)
  ///
  /// With `commit` false (a dry run) the transaction is rolled back once `body` has answered,
  /// and the cache starts empty again: nothing the run did is kept, on disk or in memory.
  func writeSync<T>(
    application: Int, commit: Bool = true, _ body: (StoreTransaction) throws -> T
  ) throws -> T {
    let box = RecordCacheBox()
    do {
      return try queue.writeWithoutTransaction { db in
        // BEGIN/COMMIT through cached statements: GRDB's `write` parses them on every call.
        try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        do {
          let version = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
          box.version = version
          box.records = caches.withLock { caches in
            guard let cache = caches.removeValue(forKey: application), cache.version == version
            else { return CachedRecords() }
            return cache.records
          }
          let result = try body(
            StoreTransaction(rows: SQLiteRows(db: db, application: application), cache: box))
          guard commit else {
            try db.execute(sql: "ROLLBACK TRANSACTION")
            box.records = CachedRecords()
            return result
          }
          try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
          let records = box.records.count > Self.cacheLimit ? CachedRecords() : box.records
          box.records = CachedRecords()
          caches.withLock { $0[application] = RecordCache(version: box.version, records: records) }
          return result
        } catch {
          if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
          throw error
        }
      }
    } catch {
      // Dropping the cache is always safe: the next transaction reads the file.
      caches.withLock { _ = $0.removeValue(forKey: application) }
      throw error
    }
  }

  /// Closes the database; later calls fail.
  func close() throws {
    try queue.close()
  }
}

/// A store location the SQLite store cannot open.
struct EngineStoreError: Error, CustomStringConvertible {
  let description: String
}

/// Decoded records as of the database's `data_version`.
struct RecordCache: Sendable {
  var version: Int?
  var records = CachedRecords()
}

/// Decoded sessions and profiles by id, and coupon definitions (without their counters) by value.
///
/// Also the small rows every session update reads and few updates write, so that a busy store
/// answers them without SQL: a coupon's id and usage counter by value, a profile's loyalty
/// balances, a counter row's value. Every write of such a row drops its entry (the next read goes
/// to SQL again), so an entry is always what the table holds in this transaction.
struct CachedRecords: Sendable {
  var sessions: [String: StoredSession] = [:]
  var profiles: [String: StoredProfile] = [:]
  var coupons: [String: Coupon] = [:]
  var couponCounters: [String: CouponCounter] = [:]
  var balances: [String: [Int: Int]] = [:]
  var counters: [CounterKey: Decimal] = [:]

  var count: Int {
    sessions.count + profiles.count + coupons.count + couponCounters.count + balances.count
      + counters.count
  }
}

/// The columns of a coupon row that change while its definition stays.
struct CouponCounter: Sendable, Hashable {
  var id: Int
  var usageCounter: Int
}

/// The key of a counter row.
struct CounterKey: Sendable, Hashable {
  var campaign: Int
  var action: String
  var entity: String
}

/// The cache while a transaction uses it.
package final class RecordCacheBox {
  package init() {}

  var version: Int?
  var records = CachedRecords()
}

/// The tables, as append-only versioned migrations: a shipped migration is never edited, a
/// change is a new migration appended at the end.
enum StoreSchema {
  static let tables = [
    "profile", "session", "event", "coupon", "reservation", "referral", "ledger", "counter",
  ]

  /// The migrations; v3 gives the rows stored before it to `legacyApplication`.
  static func migrator(legacyApplication: Int) -> DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE profile (integrationId TEXT PRIMARY KEY, data BLOB NOT NULL);
          CREATE TABLE session (
            integrationId TEXT PRIMARY KEY, profileId TEXT NOT NULL, data BLOB NOT NULL);
          CREATE INDEX session_by_profile ON session(profileId);
          CREATE TABLE event (
            id INTEGER PRIMARY KEY AUTOINCREMENT, sessionId TEXT, profileId TEXT,
            data BLOB NOT NULL);
          CREATE INDEX event_by_profile ON event(profileId);
          CREATE TABLE coupon (
            id INTEGER PRIMARY KEY AUTOINCREMENT, value TEXT NOT NULL UNIQUE,
            campaignId INTEGER NOT NULL, usageCounter INTEGER NOT NULL DEFAULT 0,
            data BLOB NOT NULL);
          CREATE TABLE reservation (
            couponValue TEXT NOT NULL, profileId TEXT NOT NULL,
            PRIMARY KEY (couponValue, profileId));
          CREATE INDEX reservation_by_profile ON reservation(profileId);
          CREATE TABLE referral (
            id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL UNIQUE,
            campaignId INTEGER NOT NULL, advocate TEXT NOT NULL,
            usageCounter INTEGER NOT NULL DEFAULT 0, data BLOB NOT NULL);
          CREATE INDEX referral_by_advocate ON referral(advocate);
          CREATE TABLE ledger (
            id INTEGER PRIMARY KEY AUTOINCREMENT, profileId TEXT NOT NULL,
            programId INTEGER NOT NULL, sessionId TEXT NOT NULL, eventId INTEGER NOT NULL,
            amount INTEGER NOT NULL, reason TEXT NOT NULL, created DOUBLE NOT NULL);
          CREATE INDEX ledger_by_profile ON ledger(profileId, programId);
          CREATE INDEX ledger_by_session ON ledger(sessionId);
          CREATE TABLE counter (
            campaignId INTEGER NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL,
            value TEXT NOT NULL, PRIMARY KEY (campaignId, action, entity));
          """)
    }
    // v2: events get plain rowid ids (no AUTOINCREMENT bookkeeping on every insert); ids are
    // kept, and stay increasing because events are only ever deleted all at once. Events lose
    // their profile index: every session update inserts an event, while only the rare customer
    // data deletion searches them (a scan).
    migrator.registerMigration("v2") { db in
      try db.execute(
        sql: """
          CREATE TABLE event_v2 (
            id INTEGER PRIMARY KEY, sessionId TEXT, profileId TEXT, data BLOB NOT NULL);
          INSERT INTO event_v2 (id, sessionId, profileId, data)
            SELECT id, sessionId, profileId, data FROM event;
          DROP TABLE event;
          ALTER TABLE event_v2 RENAME TO event;
          """)
    }
    // v3: every table gets `applicationId`, and every key and index starts with it, so that
    // several applications share one file without seeing each other's rows. Rows, their ids
    // (rowids included: they are the wire ids of profiles and sessions) and the id sequences are
    // kept; the rows stored so far belong to `legacyApplication`.
    migrator.registerMigration("v3") { db in
      try StoreSchema.partitionByApplication(db, legacyApplication: legacyApplication)
    }
    return migrator
  }

  /// The tables of v3, each with the columns it copies from v2 (`docs/behaviour.md`, "Several
  /// applications").
  private static let partitionedTables: [(name: String, create: String, columns: String)] = [
    (
      "profile",
      """
      CREATE TABLE profile_v3 (
        applicationId INTEGER NOT NULL, integrationId TEXT NOT NULL, data BLOB NOT NULL,
        PRIMARY KEY (applicationId, integrationId));
      """, "rowid, integrationId, data"
    ),
    (
      "session",
      """
      CREATE TABLE session_v3 (
        applicationId INTEGER NOT NULL, integrationId TEXT NOT NULL, profileId TEXT NOT NULL,
        data BLOB NOT NULL, PRIMARY KEY (applicationId, integrationId));
      """, "rowid, integrationId, profileId, data"
    ),
    (
      "event",
      """
      CREATE TABLE event_v3 (
        id INTEGER PRIMARY KEY, applicationId INTEGER NOT NULL, sessionId TEXT, profileId TEXT,
        data BLOB NOT NULL);
      """, "id, sessionId, profileId, data"
    ),
    (
      "coupon",
      """
      CREATE TABLE coupon_v3 (
        id INTEGER PRIMARY KEY AUTOINCREMENT, applicationId INTEGER NOT NULL, value TEXT NOT NULL,
        campaignId INTEGER NOT NULL, usageCounter INTEGER NOT NULL DEFAULT 0, data BLOB NOT NULL,
        UNIQUE (applicationId, value));
      """, "id, value, campaignId, usageCounter, data"
    ),
    (
      "reservation",
      """
      CREATE TABLE reservation_v3 (
        applicationId INTEGER NOT NULL, couponValue TEXT NOT NULL, profileId TEXT NOT NULL,
        PRIMARY KEY (applicationId, couponValue, profileId));
      """, "rowid, couponValue, profileId"
    ),
    (
      "referral",
      """
      CREATE TABLE referral_v3 (
        id INTEGER PRIMARY KEY AUTOINCREMENT, applicationId INTEGER NOT NULL, code TEXT NOT NULL,
        campaignId INTEGER NOT NULL, advocate TEXT NOT NULL,
        usageCounter INTEGER NOT NULL DEFAULT 0, data BLOB NOT NULL,
        UNIQUE (applicationId, code));
      """, "id, code, campaignId, advocate, usageCounter, data"
    ),
    (
      "ledger",
      """
      CREATE TABLE ledger_v3 (
        id INTEGER PRIMARY KEY AUTOINCREMENT, applicationId INTEGER NOT NULL,
        profileId TEXT NOT NULL, programId INTEGER NOT NULL, sessionId TEXT NOT NULL,
        eventId INTEGER NOT NULL, amount INTEGER NOT NULL, reason TEXT NOT NULL,
        created DOUBLE NOT NULL);
      """, "id, profileId, programId, sessionId, eventId, amount, reason, created"
    ),
    (
      "counter",
      """
      CREATE TABLE counter_v3 (
        applicationId INTEGER NOT NULL, campaignId INTEGER NOT NULL, action TEXT NOT NULL,
        entity TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (applicationId, campaignId, action, entity));
      """, "rowid, campaignId, action, entity, value"
    ),
  ]

  private static func partitionByApplication(_ db: Database, legacyApplication: Int) throws {
    let sequences = try Row.fetchAll(db, sql: "SELECT name, seq FROM sqlite_sequence")
    for table in partitionedTables {
      try db.execute(sql: table.create)
      // The first copied column is the row's id: `id`, or `rowid` where there is no `id`.
      let columns = table.columns.split(separator: ", ", maxSplits: 1).map(String.init)
      try db.execute(
        sql: """
          INSERT INTO \(table.name)_v3 (\(columns[0]), applicationId, \(columns[1]))
            SELECT \(columns[0]), ?, \(columns[1]) FROM \(table.name)
          """, arguments: [legacyApplication])
      try db.execute(sql: "DROP TABLE \(table.name)")
      try db.execute(sql: "ALTER TABLE \(table.name)_v3 RENAME TO \(table.name)")
    }
    try db.execute(
      sql: """
        CREATE INDEX session_by_profile ON session(applicationId, profileId);
        CREATE INDEX reservation_by_profile ON reservation(applicationId, profileId);
        CREATE INDEX referral_by_advocate ON referral(applicationId, advocate);
        CREATE INDEX ledger_by_profile ON ledger(applicationId, profileId, programId);
        CREATE INDEX ledger_by_session ON ledger(applicationId, sessionId);
        """)
    // The copies' sequences start at the highest copied id; the originals' may be higher.
    for row in sequences {
      let name: String = row["name"]
      let sequence: Int = row["seq"]
      try db.execute(
        sql: "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?",
        arguments: [sequence, name])
      if db.changesCount == 0 {
        try db.execute(
          sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
          arguments: [name, sequence])
      }
    }
  }
}
