import Foundation

/// Where the engine keeps its data: a SQLite file (WAL), memory (gone at `close`), or a
/// PostgreSQL database (`postgres://USER@HOST:PORT/DB`), which `TalonPostgres` opens: whoever
/// starts an engine on one gives its opener in `EngineConfiguration.storage` (`Backend.open`).
public enum StoreLocation: Sendable, Hashable {
  case file(path: String)
  case memory
  case database(url: String)
}

/// How to start an `EmbeddedEngine`.
///
/// With a `seed`, codes come from `SeededRandom(seed:)` and the clock is virtual: it starts at
/// `BackendClock.virtualEpoch` and moves only through `setClock` / `advanceClock`, so a replay
/// gives identical codes, ids and timestamps. Without one: system randomness and the real clock
/// plus any advance. `clockStart` (`--clock TIME`) starts the virtual clock at that time,
/// with or without a seed.
public struct EngineConfiguration: Sendable {
  public var store: StoreLocation
  public var campaigns: CampaignPack
  public var seed: UInt64?
  public var clockStart: Date?
  /// Opens the store instead of `store` when set: a database other than SQLite (the
  /// PostgreSQL store of `TalonPostgres`).
  package var storage: EngineStorageOpener?
  /// On a store several instances share: make this pack the database's even when another
  /// one was recorded (`--adopt-campaigns`); otherwise an engine with another pack is refused.
  public var adoptCampaigns = false

  public init(
    store: StoreLocation, campaigns: CampaignPack, seed: UInt64? = nil, clockStart: Date? = nil
  ) {
    self.store = store
    self.campaigns = campaigns
    self.seed = seed
    self.clockStart = clockStart
  }
}
