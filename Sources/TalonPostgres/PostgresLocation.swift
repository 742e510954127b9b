import Foundation

/// Where a PostgreSQL store lives, from `postgres://USER@HOST:PORT/DB` (`postgresql://` too).
///
/// The URL never carries the password: a command line shows in `ps`, so a password in it is
/// refused, and `PostgresPassword` finds it in `PGPASSWORD` or a password file instead. The port
/// defaults to 5432 and the database to the user's name, as with `psql`.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
  public var user: String
  public var host: String
  public var port: Int
  public var database: String

  public init(user: String, host: String, port: Int = 5432, database: String) {
    self.user = user
    self.host = host
    self.port = port
    self.database = database
  }

  /// True when `text` names a PostgreSQL store (rather than a SQLite file).
  public static func isPostgresURL(_ text: String) -> Bool {
    let lowered = text.lowercased()
    return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
  }

  public init(parsing text: String) throws(PostgresStoreError) {
    func invalid(_ reason: String) -> PostgresStoreError {
      .invalidURL(Self.withoutPassword(text), reason: reason)
    }
    guard Self.isPostgresURL(text), let components = URLComponents(string: text) else {
      throw invalid("expected postgres://USER@HOST:PORT/DB")
    }
    if components.password != nil {
      throw invalid(
        "the URL holds a password; give it in PGPASSWORD or a password file"
          + " (PGPASSFILE, ~/.pgpass), never on the command line")
    }
    guard let user = components.user, !user.isEmpty else {
      throw invalid("no user: expected postgres://USER@HOST:PORT/DB")
    }
    guard let host = components.host, !host.isEmpty else {
      throw invalid("no host: expected postgres://USER@HOST:PORT/DB")
    }
    if let port = components.port, !(1...65535).contains(port) {
      throw invalid("port \(port) is out of range")
    }
    if components.query != nil || components.fragment != nil {
      throw invalid("query parameters are not supported (plain TCP without TLS only)")
    }
    var database = components.path
    if database.hasPrefix("/") { database.removeFirst() }
    if database.contains("/") { throw invalid("the path must be one database name") }
    self.init(
      user: user, host: host, port: components.port ?? 5432,
      database: database.isEmpty ? user : database)
  }

  /// `text` with any password replaced by `***`, so that no message shows it.
  static func withoutPassword(_ text: String) -> String {
    guard var components = URLComponents(string: text), components.password != nil else {
      return text
    }
    components.password = "***"
    return components.string ?? "(a URL with a password)"
  }

  /// The URL without a password, for messages.
  public var description: String {
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return "postgres://\(user)@\(shownHost):\(port)/\(database)"
  }
}
