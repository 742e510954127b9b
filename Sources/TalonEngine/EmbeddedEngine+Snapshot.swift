import GRDB
import TalonAPI

/// The embedded engine's whole state at one moment: the store's database and the clock and
/// random source. Presenter mode takes one before each step (`b` and `g N` go back to it).
public struct EngineSnapshot: Sendable {
  fileprivate let database: DatabaseQueue
  fileprivate let runtime: EngineRuntime.State
}

extension EmbeddedEngine {
  /// The state now, after the calls that came before; calls wait while it is taken.
  /// Only the SQLite store can be saved; another storage (PostgreSQL) refuses with a 501.
  public func snapshot() async throws -> EngineSnapshot {
    try await exclusively { store, runtime in
      EngineSnapshot(database: try Self.sqlite(store).snapshot(), runtime: runtime.saved)
    }
  }

  /// Puts back the state of `snapshot`: the store as it was (profiles, sessions, events,
  /// coupons and their counters, ledgers), the clock and the random source. The campaigns
  /// stay the ones running now.
  public func restore(_ snapshot: EngineSnapshot) async throws {
    try await exclusively { store, runtime in
      try Self.sqlite(store).restore(snapshot.database)
      runtime.restore(snapshot.runtime)
    }
  }
}

extension EmbeddedEngine {
  fileprivate static func sqlite(_ store: any EngineStorage) throws -> EngineStore {
    guard let store = store as? EngineStore else {
      throw IntegrationError(
        status: 501, message: "only the SQLite store can be saved and restored")
    }
    return store
  }
}
