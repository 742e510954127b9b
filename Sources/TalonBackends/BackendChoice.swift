import Foundation
import TalonEngine
import TalonHTTP

/// Which backend to open: the embedded engine on a store, or a remote Integration API (a
/// Talon.One deployment or `talon serve`) reached with an API key or with request signing.
package enum BackendChoice: Sendable {
  case embedded(EmbeddedChoice)
  /// The configuration carries the key (`apiKey`) or the signer (`appId`, `appKey`).
  case remote(RemoteConfiguration)
}

/// The embedded engine's store, campaign pack, seed and the clock's start.
package struct EmbeddedChoice: Sendable {
  /// A file (its folder is created when missing), memory, or a PostgreSQL database.
  package var store: StoreLocation
  /// The application the shell and `talon run` work with (`--app`, or the only one).
  package var campaigns: CampaignPack
  /// Every application the campaign files describe, which `talon serve` serves (`campaigns`
  /// alone when `--app` chose it).
  package var applications: [CampaignPack]
  /// Seeds codes and starts the virtual clock.
  package var seed: UInt64?
  /// Where the virtual clock starts (`--clock TIME`); nil: the seed's start, or the real clock.
  package var clockStart: Date?
  /// On a PostgreSQL store: record this pack as the database's even when it holds another
  /// (`--adopt-campaigns`).
  package var adoptCampaigns = false

  package init(
    store: StoreLocation, campaigns: CampaignPack, seed: UInt64? = nil, clockStart: Date? = nil
  ) {
    self.store = store
    self.campaigns = campaigns
    applications = [campaigns]
    self.seed = seed
    self.clockStart = clockStart
  }

  /// The pack of the campaign file at `path`, or the built-in demo shop when nil.
  package static func campaignPack(file path: String?) throws -> CampaignPack {
    if let path { return try CampaignPack.load(from: path) }
    return try CampaignPack.demo
  }

  /// The applications of the campaign files at `paths` (each may describe several), or the
  /// built-in demo shop when there are none.
  package static func campaignFiles(_ paths: [String]) throws -> CampaignFiles {
    paths.isEmpty ? try CampaignFiles.demo : try CampaignFiles.load(from: paths)
  }
}
