import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One PostgreSQL connection used synchronously: each call sends a statement and blocks the
/// calling thread until the answer is in. Callers are threads of their own (the engine's
/// executor, test threads), never a NIO event loop, which would deadlock on itself.
final class PostgresLink: Sendable {
  let location: PostgresLocation
  private let connection: PostgresConnection
  private static let logger = Logger(label: "talon.postgres") { _ in SwiftLogNoOpLogHandler() }

  private init(location: PostgresLocation, connection: PostgresConnection) {
    self.location = location
    self.connection = connection
  }

  /// Connects with the password `PostgresPassword` found (or none), within `timeout`.
  static func connect(
    to location: PostgresLocation, password: String?, timeout: TimeAmount = .seconds(5)
  ) throws(PostgresStoreError) -> PostgresLink {
    var configuration = PostgresConnection.Configuration(
      host: location.host, port: location.port, username: location.user, password: password,
      database: location.database, tls: .disable)
    configuration.options.connectTimeout = timeout
    let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
    do {
      let connection = try PostgresConnection.connect(
        on: eventLoop, configuration: configuration, id: 1, logger: logger
      ).wait()
      return PostgresLink(location: location, connection: connection)
    } catch {
      throw connectError(error, location: location)
    }
  }

  /// A link dropped without `close()` (an engine dropped without closing its store) closes its
  /// connection here: waiting for it off the event loops, only starting it on one.
  deinit {
    guard !connection.isClosed else { return }
    if MultiThreadedEventLoopGroup.currentEventLoop == nil {
      try? connection.close().wait()
    } else {
      connection.close().whenComplete { _ in }
    }
  }

  /// Runs one statement and returns its rows.
  @discardableResult
  func query(_ query: PostgresQuery) throws(PostgresStoreError) -> [PostgresRow] {
    do {
      return try connection.query(query, logger: Self.logger).wait().rows
    } catch {
      throw Self.statementError(error, location: location)
    }
  }

  /// Runs a statement without binds (DDL, BEGIN, COMMIT).
  func execute(_ sql: String) throws(PostgresStoreError) {
    try query(PostgresQuery(unsafeSQL: sql))
  }

  /// Runs `body` in one transaction at `isolation`; a thrown error rolls it back.
  func transaction<T>(
    isolation: Isolation = .readCommitted, _ body: () throws -> T
  ) throws -> T {
    try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// The isolation levels the store uses.
  enum Isolation: String {
    case readCommitted = "READ COMMITTED"
    case serializable = "SERIALIZABLE"
  }

  /// Closes the connection; later statements fail.
  func close() {
    try? connection.close().wait()
  }

  var isClosed: Bool { connection.isClosed }

  // MARK: Errors

  private static func connectError(_ error: any Error, location: PostgresLocation)
    -> PostgresStoreError
  {
    guard let error = error as? PSQLError else {
      return .unreachable(location: location.description, reason: "\(error)")
    }
    switch error.code {
    case .server:
      let message = error.serverInfo?[.message] ?? "no reason given"
      return .refused(location: location.description, reason: message)
    case .authMechanismRequiresPassword:
      return .refused(
        location: location.description,
        reason: "the server asks for a password: set PGPASSWORD or use a password file")
    case .sslUnsupported:
      return .refused(location: location.description, reason: "the server requires TLS")
    default:
      let reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
      return .unreachable(location: location.description, reason: reason)
    }
  }

  static func statementError(_ error: any Error, location: PostgresLocation)
    -> PostgresStoreError
  {
    guard let error = error as? PSQLError else {
      return .unreachable(location: location.description, reason: "\(error)")
    }
    if error.code == .server, let info = error.serverInfo {
      let sqlState = info[.sqlState] ?? "?"
      let message = info[.message] ?? ""
      // Class 08 (connection exception) and 57P (the server shutting down or ending this
      // connection): the database is gone for now, not the statement wrong.
      if sqlState.hasPrefix("08") || sqlState.hasPrefix("57P") {
        return .unreachable(location: location.description, reason: message)
      }
      return .server(sqlState: sqlState, message: message)
    }
    return .unreachable(location: location.description, reason: "\(error.code)")
  }
}
