import Crypto
import Foundation
import TalonEngine

/// The SHA-256 of a campaign pack's text, which a recording's header names so that a replay
/// can tell when the campaign file changed since (`docs/behaviour.md`, "Recordings").
package enum CampaignDigest {
  /// Lowercase hex SHA-256 of `pack`'s text as it was read.
  package static func sha256(of pack: CampaignPack) -> String {
    pack.sha256
  }

  /// Lowercase hex SHA-256 of `data`.
  package static func sha256(_ data: Data) -> String {
    SHA256.hash(data: data).map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined()
  }
}
