/// Where an engine keeps its data: SQLite (`EngineStore`, the default) or another database
/// (`TalonPostgres`'s store), behind one interface the engine's operations are written against.
package protocol EngineStorage: Sendable {
  /// Runs `body` in one write transaction for `application` on the calling thread (the
  /// engine's own): all of its changes or none. With `commit` false (a dry run) everything is
  /// rolled back once `body` has answered.
  func writeSync<T>(
    application: Int, commit: Bool, _ body: (StoreTransaction) throws -> T
  ) throws -> T

  /// Closes the store; later calls fail.
  func close() throws

  /// Whether several instances may share this store, so that the clock, the random source and
  /// the campaign pack's hash live in it (`SharedState`) rather than in the process.
  var isShared: Bool { get }
}

extension EngineStorage {
  package var isShared: Bool { false }

  /// `writeSync` that commits.
  func writeSync<T>(application: Int, _ body: (StoreTransaction) throws -> T) throws -> T {
    try writeSync(application: application, commit: true, body)
  }
}

/// Opens the storage of an engine that does not use a `StoreLocation`; it is given the
/// application rows stored before applications had their own data belong to.
package typealias EngineStorageOpener =
  @Sendable (_ legacyApplication: Int) throws -> any EngineStorage
