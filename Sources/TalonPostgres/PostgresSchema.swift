import PostgresNIO

/// The store's tables on PostgreSQL, as append-only migrations: a shipped migration is never
/// edited, a change is a new migration appended at the end. The tables mean what the SQLite
/// store's mean (`TalonEngine`'s `StoreSchema`, as of its v3: every row belongs to an
/// application, and every key starts with it), in PostgreSQL's types: records are JSON bytes
/// (`BYTEA`) next to the columns that are searched or counted, and the order SQLite keeps in
/// `rowid` is an identity column `seq`, which an upsert keeps as SQLite keeps the rowid.
enum PostgresSchema {
  /// One migration: its id, recorded in `talon_migration` once applied, and its statements.
  struct Migration: Sendable {
    var id: String
    var statements: [String]
  }

  /// The key of the transaction-scoped advisory lock migrations run under ("talon" in ASCII).
  static let migrationLock: Int64 = 0x74_61_6C_6F_6E

  static let migrations: [Migration] = [
    Migration(
      id: "v1",
      statements: [
        """
        CREATE TABLE profile (
          seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, application_id BIGINT NOT NULL,
          integration_id TEXT NOT NULL, data BYTEA NOT NULL,
          PRIMARY KEY (application_id, integration_id))
        """,
        """
        CREATE TABLE session (
          seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, application_id BIGINT NOT NULL,
          integration_id TEXT NOT NULL, profile_id TEXT NOT NULL, data BYTEA NOT NULL,
          PRIMARY KEY (application_id, integration_id))
        """,
        "CREATE INDEX session_by_profile ON session (application_id, profile_id, seq)",
        """
        CREATE TABLE event (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, application_id BIGINT NOT NULL,
          session_id TEXT, profile_id TEXT, data BYTEA NOT NULL)
        """,
        """
        CREATE TABLE coupon (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, application_id BIGINT NOT NULL,
          value TEXT NOT NULL, campaign_id BIGINT NOT NULL,
          usage_counter BIGINT NOT NULL DEFAULT 0, data BYTEA NOT NULL,
          UNIQUE (application_id, value))
        """,
        """
        CREATE TABLE reservation (
          seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, application_id BIGINT NOT NULL,
          coupon_value TEXT NOT NULL, profile_id TEXT NOT NULL,
          PRIMARY KEY (application_id, coupon_value, profile_id))
        """,
        "CREATE INDEX reservation_by_profile ON reservation (application_id, profile_id, seq)",
        """
        CREATE TABLE referral (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, application_id BIGINT NOT NULL,
          code TEXT NOT NULL, campaign_id BIGINT NOT NULL, advocate TEXT NOT NULL,
          usage_counter BIGINT NOT NULL DEFAULT 0, data BYTEA NOT NULL,
          UNIQUE (application_id, code))
        """,
        "CREATE INDEX referral_by_advocate ON referral (application_id, advocate)",
        """
        CREATE TABLE ledger (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, application_id BIGINT NOT NULL,
          profile_id TEXT NOT NULL, program_id BIGINT NOT NULL, session_id TEXT NOT NULL,
          event_id BIGINT NOT NULL, amount BIGINT NOT NULL, reason TEXT NOT NULL,
          created DOUBLE PRECISION NOT NULL)
        """,
        "CREATE INDEX ledger_by_profile ON ledger (application_id, profile_id, program_id)",
        "CREATE INDEX ledger_by_session ON ledger (application_id, session_id)",
        """
        CREATE TABLE counter (
          application_id BIGINT NOT NULL, campaign_id BIGINT NOT NULL, action TEXT NOT NULL,
          entity TEXT NOT NULL, value TEXT NOT NULL,
          PRIMARY KEY (application_id, campaign_id, action, entity))
        """,
      ]),
    // What each instance used to keep to itself: per application, the campaign pack's hash,
    // the clock and the seeded random source's position, as JSON (`SharedState`).
    Migration(
      id: "v2",
      statements: [
        "CREATE TABLE shared_state (application_id BIGINT PRIMARY KEY, data TEXT NOT NULL)"
      ]),
  ]

  /// The tables of the engine's data, as in the SQLite store.
  static let tables = [
    "profile", "session", "event", "coupon", "reservation", "referral", "ledger", "counter",
  ]

  /// Applies the migrations the database lacks, all in one transaction that first takes a
  /// transaction-scoped advisory lock: of several instances starting together, one applies
  /// them while the others wait for the lock, then find them applied and apply nothing.
  /// PostgreSQL's DDL is transactional, so a failed migration leaves no half-made table.
  /// Returns the ids it applied.
  @discardableResult
  static func migrate(_ link: PostgresLink) throws -> [String] {
    try link.transaction {
      try link.query("SELECT pg_advisory_xact_lock(\(migrationLock))")
      try link.execute(
        """
        CREATE TABLE IF NOT EXISTS talon_migration (
          id TEXT PRIMARY KEY, applied TIMESTAMPTZ NOT NULL DEFAULT now())
        """)
      var applied: Set<String> = []
      for row in try link.query("SELECT id FROM talon_migration") {
        applied.insert(try row.decode(String.self))
      }
      let known = Set(migrations.map(\.id))
      let unknown = applied.subtracting(known).sorted()
      if !unknown.isEmpty { throw PostgresStoreError.newerSchema(migrations: unknown) }
      var done: [String] = []
      for migration in migrations where !applied.contains(migration.id) {
        for statement in migration.statements { try link.execute(statement) }
        try link.query("INSERT INTO talon_migration (id) VALUES (\(migration.id))")
        done.append(migration.id)
      }
      return done
    }
  }
}
