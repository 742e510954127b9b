import Crypto
import Foundation
import TalonAPI

/// What instances on one database share instead of keeping it in the process: the hash of
/// the campaign pack they all must run, and the clock and the seeded random source
/// (`docs/behaviour.md`, "Several instances on one database"). Kept per application, as
/// JSON, in stores that say they are shared (`EngineStorage.isShared`).
struct SharedState: Codable, Sendable, Equatable {
  /// The SHA-256 of the campaign pack every instance must run.
  var campaignsSHA256: String
  var runtime: EngineRuntime.Snapshot

  static func read(_ store: StoreTransaction) throws -> SharedState? {
    guard let text = try store.rows.sharedStateText() else { return nil }
    return try JSONDecoder().decode(SharedState.self, from: Data(text.utf8))
  }

  func write(_ store: StoreTransaction) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    try store.rows.setSharedStateText(String(decoding: try encoder.encode(self), as: UTF8.self))
  }

  /// The error of an instance whose pack is not the database's: refused at start (unless it
  /// adopts its pack), a 503 for each operation when the database's changed since.
  static func otherCampaigns(database: String, instance: String) -> IntegrationError {
    IntegrationError(
      status: 503,
      message:
        "this instance's campaign file (sha256 \(instance.prefix(12))) is not the one its "
        + "database runs (sha256 \(database.prefix(12))); start it with the database's campaign "
        + "file, or with --adopt-campaigns to make this file the database's")
  }
}

extension CampaignPack {
  /// Lowercase hex SHA-256 of the pack's text as it was read.
  public var sha256: String {
    SHA256.hash(data: Data(fileText.utf8)).map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined()
  }
}
