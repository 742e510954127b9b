import Foundation
import Testing

@testable import TalonPostgres

/// The throw-away cluster `make test` and `make postgres-check` start (scripts/with-postgres):
/// its URL in TALON_TEST_POSTGRES, its password in PGPASSWORD. Each test makes a database of
/// its own and drops it when done.
enum TestCluster {
  static let environment = ProcessInfo.processInfo.environment
  static let url = environment["TALON_TEST_POSTGRES"]
  static let isAvailable = url != nil
  static let missingReason: Comment =
    "needs a PostgreSQL cluster in TALON_TEST_POSTGRES: run `make postgres-check` or `make test`"

  static var location: PostgresLocation {
    get throws { try PostgresLocation(parsing: url ?? "") }
  }

  /// A fresh, empty database on the cluster for the length of `body`.
  static func withDatabase<T>(_ body: (_ url: String) throws -> T) throws -> T {
    let admin = try location
    let name =
      "talon_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let link = try PostgresLink.connect(
      to: admin, password: try PostgresPassword.find(for: admin, environment: environment))
    defer { link.close() }
    try link.execute("CREATE DATABASE \(name)")
    defer { try? link.execute("DROP DATABASE \(name) WITH (FORCE)") }
    var location = admin
    location.database = name
    return try body(location.description)
  }

  /// Runs statements on the cluster's own database, as its administrator.
  static func admin(_ statements: String...) async throws {
    let admin = try location
    let password = try PostgresPassword.find(for: admin, environment: environment)
    try await onThread {
      Result {
        let link = try PostgresLink.connect(to: admin, password: password)
        defer { link.close() }
        for statement in statements { try link.execute(statement) }
      }
    }.get()
  }

  /// `withDatabase` for async tests: the blocking calls run on a thread of their own.
  static func withDatabaseAsync<T: Sendable>(
    _ body: @escaping @Sendable (_ url: String) async throws -> T
  ) async throws -> T {
    let admin = try location
    let name =
      "talon_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let password = try PostgresPassword.find(for: admin, environment: environment)
    try await onThread {
      Result {
        let link = try PostgresLink.connect(to: admin, password: password)
        defer { link.close() }
        try link.execute("CREATE DATABASE \(name)")
      }
    }.get()
    var location = admin
    location.database = name
    let result = await Result { try await body(location.description) }
    await onThread {
      if let link = try? PostgresLink.connect(to: admin, password: password) {
        try? link.execute("DROP DATABASE \(name) WITH (FORCE)")
        link.close()
      }
    }
    return try result.get()
  }
}

extension Result where Failure == any Error {
  init(catching body: () async throws -> Success) async {
    do { self = .success(try await body()) } catch { self = .failure(error) }
  }
}
