import Foundation
import TalonBackends
import TalonEngine
import TalonScript

/// What `talon run` takes from a recording's header (`docs/behaviour.md`, "Recordings"): the
/// campaign file it names (relative to the recording's folder) and its seed, unless
/// `--campaigns` or `--seed` say otherwise; and a warning when the campaign file, or the
/// built-in demo shop, is no longer the one the recording was made with.
enum RecordingReplay {
  /// The embedded engine for `file`: `base` (what the flags chose) adjusted by the file's
  /// recording header, if it has one, with the warnings to print.
  static func choice(
    for file: String, base: EmbeddedChoice, campaignsGiven: Bool, seedGiven: Bool
  ) throws -> (EmbeddedChoice, [String]) {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8),
      let header = RecordingHeader.read(text)
    else { return (base, []) }
    var choice = base
    var warnings: [String] = []
    if !seedGiven, let seed = header.seed { choice.seed = seed }
    guard !campaignsGiven else { return (choice, []) }
    let recorded = header.campaignsSHA256
    switch header.campaigns {
    case .remote:
      warnings.append(
        "\(file): recorded against \(header.backend); this replay runs on the embedded engine"
          + " with the built-in demo shop (give --url to replay against a server)")
    case .builtIn:
      let pack = try CampaignPack.demo
      choice.campaigns = pack
      choice.applications = [pack]
      if let recorded, recorded != CampaignDigest.sha256(of: pack) {
        warnings.append(
          "\(file): the built-in demo shop differs from the one this recording was made with"
            + " (talon \(header.version)); results may differ")
      }
    case .file(let path):
      let folder = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent().path
      let resolved = RecordingPath.resolve(path, from: folder)
      guard FileManager.default.fileExists(atPath: resolved) else {
        throw ReplayError(
          "the recording's campaign file \(path) (\(resolved)) does not exist;"
            + " give the campaign file with --campaigns FILE")
      }
      // The recording names its application when the file describes several.
      let pack = try CampaignFiles.load(from: [resolved]).pack(for: header.application)
      choice.campaigns = pack
      choice.applications = [pack]
      if let recorded, recorded != CampaignDigest.sha256(of: pack) {
        warnings.append(
          "\(file): the campaign file \(path) changed since the recording (its SHA-256 differs);"
            + " results may differ")
      }
    }
    return (choice, warnings)
  }

  /// A recording that cannot be replayed as its header says.
  struct ReplayError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}
