import Foundation
import GRDB

/// Measures the storage floor for the engine benchmark: single-row write transactions against a
/// WAL file with `synchronous=NORMAL`, the same settings as the engine's store.
package enum StorageProbe {
  /// Transactions per second of `iterations` one-row upserts in a new file at `path`.
  package static func singleRowTransactionsPerSecond(path: String, iterations: Int) throws
    -> Double
  {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      try db.execute(sql: "CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, value BLOB)")
    }
    let payload = Data(repeating: 7, count: 512)
    let start = DispatchTime.now().uptimeNanoseconds
    for index in 0..<iterations {
      try queue.write { db in
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO probe (id, value) VALUES (?, ?)")
          .execute(arguments: [index % 100, payload])
      }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return Double(iterations) / seconds
  }
}
