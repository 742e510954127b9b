/// The engine's data in a PostgreSQL database: opened from a `postgres://` URL, its schema
/// migrated on open (once, however many instances open it together).
public final class PostgresStore: Sendable {
  public let location: PostgresLocation
  /// The migrations this open applied (empty when the database was up to date).
  public let appliedMigrations: [String]
  let link: PostgresLink

  /// Connects to `url` with the password from `environment` (`PGPASSWORD`, `PGPASSFILE`,
  /// `HOME`'s `.pgpass`) and migrates the schema.
  public static func open(url: String, environment: [String: String]) throws -> PostgresStore {
    let location = try PostgresLocation(parsing: url)
    let password = try PostgresPassword.find(for: location, environment: environment)
    let link = try PostgresLink.connect(to: location, password: password)
    do {
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

  /// Closes the connection; later calls fail.
  public func close() {
    link.close()
  }
}
