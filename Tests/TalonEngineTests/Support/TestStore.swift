import Foundation
import TalonPostgres
import Testing

@testable import TalonEngine

/// The store the engine's behaviour tests run on: SQLite files by default; PostgreSQL when
/// `TALON_ENGINE_TEST_STORE=postgres` (`make test` and `make postgres-check` run this target a
/// second time so), each engine in a schema of its own in the database `TALON_TEST_POSTGRES`
/// names. An engine opened again on the same path gets the same schema, as it gets the same
/// file on SQLite.
enum TestStore {
  static let environment = ProcessInfo.processInfo.environment
  static let isPostgres = environment["TALON_ENGINE_TEST_STORE"] == "postgres"
  /// Why a test about the SQLite file itself does not run on PostgreSQL.
  static let sqliteOnly: Comment = "about the SQLite file itself"

  /// The opener of the PostgreSQL store standing for the file at `path`, or nil on SQLite.
  static func opener(for path: String) -> EngineStorageOpener? {
    guard isPostgres else { return nil }
    guard let url = environment["TALON_TEST_POSTGRES"] else {
      preconditionFailure(
        "TALON_ENGINE_TEST_STORE=postgres needs TALON_TEST_POSTGRES (scripts/with-postgres)")
    }
    return PostgresStore.opener(url: url, environment: environment, schema: schema(for: path))
  }

  /// A schema name from the path: its FNV-1a hash, in hexadecimal.
  static func schema(for path: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in path.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return "engine_" + String(hash, radix: 16)
  }
}
