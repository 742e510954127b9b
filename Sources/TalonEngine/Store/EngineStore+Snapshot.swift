import GRDB

extension EngineStore {
  /// A copy of the whole database in memory (SQLite's online backup): what ``restore(_:)``
  /// puts back. Cheap for the small stores of a demo; called between operations.
  func snapshot() throws -> DatabaseQueue {
    let copy = try DatabaseQueue()
    try queue.backup(to: copy)
    return copy
  }

  /// Makes the database (every application's rows) what ``snapshot()`` copied, page for page,
  /// and drops the caches of decoded records (they belong to the state being left).
  func restore(_ copy: DatabaseQueue) throws {
    defer { caches.withLock { $0 = [:] } }
    try copy.backup(to: queue)
  }
}
