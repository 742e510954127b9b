import Foundation
import Synchronization
import TalonAPI
import TalonEngine

/// The engine's data in a PostgreSQL database: opened from a `postgres://` URL, its schema
/// migrated on open (once, however many instances open it together).
///
/// As the engine's storage, every operation is one SERIALIZABLE transaction on the store's one
/// connection (the engine runs one call at a time); one that loses a race with another
/// instance's is run again, up to `attempts` times (`docs/behaviour.md`, "Several instances on
/// one database"). No decoded record is kept between transactions, since another instance may
/// change any row: each transaction starts with an empty record cache. A lost connection is
/// a 503 and the next operation connects again.
public final class PostgresStore: EngineStorage {
  public let location: PostgresLocation
  /// The migrations this open applied (empty when the database was up to date).
  public let appliedMigrations: [String]
  private let password: String?
  /// The schema the tables are in, quoted, when it is not the user's default one.
  private let schema: String?
  private let current: Mutex<Connection>

  /// The connection in use, if any, and whether `close()` ended the store.
  private struct Connection {
    var link: PostgresLink?
    var closed = false
  }
  /// Several instances may open one database: they keep their clock, random source and
  /// campaign pack's hash in it.
  package var isShared: Bool { true }

  /// How many times an operation runs before a lost race is a 409.
  static let attempts = 10

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
    let quoted = schema.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    let link = try connect(to: location, password: password, schema: quoted, create: true)
    do {
      let applied = try PostgresSchema.migrate(link)
      return PostgresStore(
        location: location, password: password, schema: quoted, link: link,
        appliedMigrations: applied)
    } catch {
      link.close()
      throw error
    }
  }

  private init(
    location: PostgresLocation, password: String?, schema: String?, link: PostgresLink,
    appliedMigrations: [String]
  ) {
    self.location = location
    self.password = password
    self.schema = schema
    self.current = Mutex(Connection(link: link))
    self.appliedMigrations = appliedMigrations
  }

  private static func connect(
    to location: PostgresLocation, password: String?, schema: String?, create: Bool = false
  ) throws -> PostgresLink {
    let link = try PostgresLink.connect(to: location, password: password)
    guard let schema else { return link }
    do {
      if create { try link.execute("CREATE SCHEMA IF NOT EXISTS \(schema)") }
      try link.execute("SET search_path TO \(schema)")
      return link
    } catch {
      link.close()
      throw error
    }
  }

  /// The open connection, or a new one when the last was lost.
  var link: PostgresLink {
    get throws {
      let connection = current.withLock { $0 }
      if connection.closed { throw PostgresStoreError.closed }
      if let link = connection.link, !link.isClosed { return link }
      let link = try Self.connect(to: location, password: password, schema: schema)
      current.withLock { $0.link = link }
      return link
    }
  }

  /// Opens the store at `url` when an engine starts (`EngineConfiguration.storage`).
  package static func opener(
    url: String, environment: [String: String], schema: String? = nil
  ) -> EngineStorageOpener {
    { _ in try PostgresStore.open(url: url, environment: environment, schema: schema) }
  }

  /// Runs `body` in one SERIALIZABLE transaction, again after a serialization failure (with a
  /// short random pause that grows with each attempt), at most `attempts` times; then the
  /// operation is a 409. A database that cannot be reached is a 503.
  package func writeSync<T>(
    application: Int, commit: Bool, _ body: (StoreTransaction) throws -> T
  ) throws -> T {
    for attempt in 1...Self.attempts {
      do {
        let link: PostgresLink
        do {
          link = try self.link
        } catch PostgresStoreError.closed {
          throw PostgresStoreError.closed
        } catch {
          throw Self.unavailable(error)
        }
        return try transaction(link, application: application, commit: commit, body)
      } catch let error as PostgresStoreError where error.isSerializationFailure {
        if attempt == Self.attempts { break }
        usleep(UInt32.random(in: 500...2_000) * UInt32(attempt))
      } catch let error as PostgresStoreError {
        if case .unreachable = error {
          current.withLock { $0.link = nil }
          throw Self.unavailable(error)
        }
        throw error
      }
    }
    throw IntegrationError(
      status: 409,
      message:
        "the operation lost \(Self.attempts) races with concurrent operations on the same data; retry it"
    )
  }

  private func transaction<T>(
    _ link: PostgresLink, application: Int, commit: Bool, _ body: (StoreTransaction) throws -> T
  ) throws -> T {
    try link.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
    do {
      let result = try body(
        StoreTransaction(rows: PostgresRows(link: link, application: application)))
      try link.execute(commit ? "COMMIT" : "ROLLBACK")
      return result
    } catch {
      if !link.isClosed { try? link.execute("ROLLBACK") }
      throw error
    }
  }

  /// The answer while the database cannot be reached: a 503 in Talon.One's error shape (the
  /// reason, without credentials, goes with it).
  private static func unavailable(_ error: any Error) -> IntegrationError {
    if let error = error as? IntegrationError { return error }
    return IntegrationError(
      status: 503, message: "the store's database cannot be reached; try again (\(error))")
  }

  /// Closes the connection; later calls fail.
  public func close() {
    let link = current.withLock { connection in
      defer { connection = Connection(link: nil, closed: true) }
      return connection.link
    }
    link?.close()
  }
}
