import TalonEngine

/// The engine's data in a PostgreSQL database: opened from a `postgres://` URL, its schema
/// migrated on open (once, however many instances open it together).
///
/// As the engine's storage, every operation is one transaction on the store's one connection
/// (the engine runs one call at a time). No decoded record is kept between transactions, since
/// another instance may change any row: each transaction starts with an empty record cache.
public final class PostgresStore: EngineStorage {
  public let location: PostgresLocation
  /// The migrations this open applied (empty when the database was up to date).
  public let appliedMigrations: [String]
  let link: PostgresLink

  /// Connects to `url` with the password from `environment` (`PGPASSWORD`, `PGPASSFILE`,
  /// `HOME`'s `.pgpass`) and migrates the schema.
  public static func open(url: String, environment: [String: String]) throws -> PostgresStore {
    try open(url: url, environment: environment, schema: nil)
  }

  /// `open` with the tables in `schema` (created when missing) instead of the user's default
  /// one, so that one database holds several separate stores (the engine's tests).
  package static func open(url: String, environment: [String: String], schema: String?) throws
    -> PostgresStore
  {
    let location = try PostgresLocation(parsing: url)
    let password = try PostgresPassword.find(for: location, environment: environment)
    let link = try PostgresLink.connect(to: location, password: password)
    do {
      if let schema {
        let quoted = "\"" + schema.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try link.execute("CREATE SCHEMA IF NOT EXISTS \(quoted)")
        try link.execute("SET search_path TO \(quoted)")
      }
      let applied = try PostgresSchema.migrate(link)
      return PostgresStore(location: location, link: link, appliedMigrations: applied)
    } catch {
      link.close()
      throw error
    }
  }

  private init(location: PostgresLocation, link: PostgresLink, appliedMigrations: [String]) {
    self.location = location
    self.link = link
    self.appliedMigrations = appliedMigrations
  }

  /// Opens the store at `url` when an engine starts (`EngineConfiguration.storage`).
  package static func opener(
    url: String, environment: [String: String], schema: String? = nil
  ) -> EngineStorageOpener {
    { _ in try PostgresStore.open(url: url, environment: environment, schema: schema) }
  }

  package func writeSync<T>(
    application: Int, commit: Bool, _ body: (StoreTransaction) throws -> T
  ) throws -> T {
    try link.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
    do {
      let result = try body(
        StoreTransaction(rows: PostgresRows(link: link, application: application)))
      try link.execute(commit ? "COMMIT" : "ROLLBACK")
      return result
    } catch {
      try? link.execute("ROLLBACK")
      throw error
    }
  }

  /// Closes the connection; later calls fail.
  public func close() {
    link.close()
  }
}
