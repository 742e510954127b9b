/// What went wrong opening or using a PostgreSQL store, in words a user can act on. Messages
/// never hold a password or SQL text.
public enum PostgresStoreError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The `--store` (or `TALON_STORE`) text is not a usable `postgres://` URL.
  case invalidURL(String, reason: String)
  /// The password file exists but cannot be used.
  case passwordFile(path: String, reason: String)
  /// No connection could be made: the server is down, or the host or port is wrong.
  case unreachable(location: String, reason: String)
  /// The server refused the user, the password or the database.
  case refused(location: String, reason: String)
  /// The database answered a statement with an error (its SQLSTATE and message).
  case server(sqlState: String, message: String)
  /// The store was closed.
  case closed
  /// The database holds migrations this talon does not know: a newer talon migrated it.
  case newerSchema(migrations: [String])

  public var description: String {
    switch self {
    case .invalidURL(let text, let reason):
      "invalid store URL '\(text)': \(reason)"
    case .passwordFile(let path, let reason):
      "password file \(path): \(reason)"
    case .unreachable(let location, let reason):
      "cannot reach PostgreSQL at \(location): \(reason)"
    case .refused(let location, let reason):
      "PostgreSQL at \(location) refused the connection: \(reason)"
    case .server(let sqlState, let message):
      "PostgreSQL error \(sqlState): \(message)"
    case .closed:
      "the store is closed"
    case .newerSchema(let migrations):
      "the database was migrated by a newer talon (unknown migrations: "
        + migrations.joined(separator: ", ") + "); use that talon or a new database"
    }
  }

  /// SQLSTATE 40001 or 40P01: the transaction lost a race with another one and may be retried.
  public var isSerializationFailure: Bool {
    if case .server(let sqlState, _) = self { return sqlState == "40001" || sqlState == "40P01" }
    return false
  }
}
