import Foundation

/// A database of its own for a test, made on a cluster given by the URL of one of its databases
/// (the tests' `TALON_TEST_POSTGRES`), and dropped afterwards. For tests only; it lives here
/// because only this module speaks to PostgreSQL.
package enum PostgresScratchDatabase {
  /// Creates an empty database; its URL.
  package static func create(on clusterURL: String, environment: [String: String]) throws
    -> String
  {
    var location = try PostgresLocation(parsing: clusterURL)
    let name =
      "talon_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    try run(on: location, environment: environment, "CREATE DATABASE \(name)")
    location.database = name
    return location.description
  }

  /// Drops the database at `url` (also while clients are connected).
  package static func drop(_ url: String, clusterURL: String, environment: [String: String]) {
    guard let database = try? PostgresLocation(parsing: url).database,
      let location = try? PostgresLocation(parsing: clusterURL)
    else { return }
    try? run(on: location, environment: environment, "DROP DATABASE \(database) WITH (FORCE)")
  }

  private static func run(
    on location: PostgresLocation, environment: [String: String], _ statement: String
  ) throws {
    let password = try PostgresPassword.find(for: location, environment: environment)
    let link = try PostgresLink.connect(to: location, password: password)
    defer { link.close() }
    try link.execute(statement)
  }
}
