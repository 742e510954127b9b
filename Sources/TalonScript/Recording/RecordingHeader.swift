import Foundation

/// The comment block at the top of a shell recording: what a replay needs to give the same
/// answers (campaign file and its SHA-256, seed, clock, backend, talon's version) and the exact
/// command that replays it. The recorder writes it; `talon run` reads it back, so a plain
/// `talon run FILE.tw` uses the recorded campaign file and seed unless flags say otherwise.
///
/// Decided in `docs/behaviour.md`, "Recordings": the campaign file is named relative to the
/// recording's folder (so the two can move together); the built-in demo shop is named as such,
/// with the digest of the pack this talon carries.
public struct RecordingHeader: Sendable, Equatable {
  /// Where the recording's campaigns came from.
  public enum Campaigns: Sendable, Equatable {
    /// The demo shop built into talon.
    case builtIn
    /// A campaign file, relative to the recording's folder (or absolute).
    case file(String)
    /// A remote server's own campaigns: nothing to load on replay.
    case remote
  }

  /// When the recording started.
  public var date: Date
  /// The talon that made it.
  public var version: String
  /// `embedded (memory)`, `embedded (PATH)` or the remote URL.
  public var backend: String
  public var campaigns: Campaigns
  /// The SHA-256 (lowercase hex) of the campaign file's text when recording started.
  public var campaignsSHA256: String?
  /// The application's id when the campaign file describes several (`--app` on replay); nil
  /// when it is the only one.
  public var application: String?
  /// The seed of the random source and the virtual clock, if any.
  public var seed: UInt64?
  /// The clock when recording started: RFC 3339, or nil for a backend without one.
  public var clock: String?
  /// Whether the clock was the virtual one of a seed.
  public var virtualClock: Bool
  /// Whether `expect` lines marked `# snapshot` follow API commands.
  public var snapshots: Bool
  /// The recording's own file name, for the replay command.
  public var fileName: String

  public init(
    date: Date, version: String, backend: String, campaigns: Campaigns,
    campaignsSHA256: String? = nil, seed: UInt64? = nil, clock: String? = nil,
    virtualClock: Bool = false, snapshots: Bool = false, fileName: String,
    application: String? = nil
  ) {
    self.application = application
    self.date = date
    self.version = version
    self.backend = backend
    self.campaigns = campaigns
    self.campaignsSHA256 = campaignsSHA256
    self.seed = seed
    self.clock = clock
    self.virtualClock = virtualClock
    self.snapshots = snapshots
    self.fileName = fileName
  }

  static let firstLinePrefix = "# talon recording, "

  /// The command that replays the recording from its own folder, with every setting spelled
  /// out (a plain `talon run FILE` reads the same settings from this header).
  public var replayCommand: String {
    var words = ["talon", "run"]
    if case .remote = campaigns { words += ["--url", RecordingHeader.shellWord(backend)] }
    if let seed { words += ["--seed", String(seed)] }
    if case .file(let path) = campaigns {
      words += ["--campaigns", RecordingHeader.shellWord(path)]
    }
    if let application { words += ["--app", RecordingHeader.shellWord(application)] }
    words.append(RecordingHeader.shellWord(fileName))
    return words.joined(separator: " ")
  }

  /// The header as comment lines, each ending in a line break.
  public var text: String {
    var lines = [
      RecordingHeader.firstLinePrefix + ISO8601DateFormatter().string(from: date),
      "# talon: \(version)",
      "# backend: \(backend)",
    ]
    switch campaigns {
    case .builtIn: lines.append("# campaigns: built-in demo shop")
    case .file(let path): lines.append("# campaigns: \(path)")
    case .remote: lines.append("# campaigns: the server's own")
    }
    if let campaignsSHA256 { lines.append("# campaigns sha256: \(campaignsSHA256)") }
    if let application { lines.append("# application: \(application)") }
    if let seed {
      lines.append("# seed: \(seed)")
    } else {
      lines.append("# seed: none (ids and codes will differ on replay)")
    }
    if let clock {
      lines.append("# clock: \(clock) " + (virtualClock ? "(virtual)" : "(real time)"))
    }
    if snapshots {
      lines.append(
        "# snapshots: expect lines marked \(SnapshotExpectations.marker); "
          + "`talon run --update FILE` rewrites them")
    }
    lines.append("# replay (from this folder): \(replayCommand)")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Reads the header at the top of `text`; nil when the text does not start like a recording.
  /// Fields it does not know, or cannot read, are left at their defaults.
  public static func read(_ text: String) -> RecordingHeader? {
    // Most files are no recordings: they are not split into lines for nothing.
    guard text.hasPrefix(firstLinePrefix) else { return nil }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
    guard let first = lines.next(), first.hasPrefix(firstLinePrefix) else { return nil }
    let stamp = first.dropFirst(firstLinePrefix.count).trimmingCharacters(in: .whitespaces)
    var header = RecordingHeader(
      date: ISO8601DateFormatter().date(from: stamp) ?? Date(timeIntervalSince1970: 0),
      version: "", backend: "", campaigns: .builtIn, fileName: "")
    while let line = lines.next(), line.hasPrefix("# ") {
      guard let colon = line.range(of: ": ") else { continue }
      let key = line[line.index(line.startIndex, offsetBy: 2)..<colon.lowerBound]
      let value = String(line[colon.upperBound...]).trimmingCharacters(in: .whitespaces)
      switch key {
      case "talon": header.version = value
      case "backend": header.backend = value
      case "campaigns":
        header.campaigns =
          value == "built-in demo shop"
          ? .builtIn : value == "the server's own" ? .remote : .file(value)
      case "campaigns sha256": header.campaignsSHA256 = value
      case "application": header.application = value
      case "seed": header.seed = UInt64(value.prefix { $0.isNumber })
      case "clock":
        header.clock = value.split(separator: " ").first.map(String.init)
        header.virtualClock = value.hasSuffix("(virtual)")
      case "snapshots": header.snapshots = true
      default: break
      }
    }
    return header
  }

  /// `word` as one word of a POSIX shell command: as is when it is plain, else single-quoted.
  static func shellWord(_ word: String) -> String {
    let plain =
      !word.isEmpty
      && word.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII
          && (CharacterSet.alphanumerics.contains(scalar)
            || "/._-:@+=".unicodeScalars.contains(scalar))
      }
    return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}

/// Paths as a recording writes them: relative to the recording's folder when they can be.
public enum RecordingPath {
  /// `path` (absolute) relative to `directory` (absolute), e.g. `../shop.json`.
  public static func relative(_ path: String, from directory: String) -> String {
    let target = ScriptPath.resolve(path, from: "/").split(separator: "/")
    let base = ScriptPath.resolve(directory, from: "/").split(separator: "/")
    var common = 0
    while common < target.count, common < base.count, target[common] == base[common] {
      common += 1
    }
    let ups = Array(repeating: "..", count: base.count - common)
    let rest = target[common...].map(String.init)
    let parts = ups + rest
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }

  /// `path` resolved against `directory` (the folder of the recording), normalised.
  public static func resolve(_ path: String, from directory: String) -> String {
    ScriptPath.resolve(path, from: directory)
  }
}
