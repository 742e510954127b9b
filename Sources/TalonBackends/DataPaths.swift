import Foundation

/// Where talon keeps its files by default (XDG base directories).
package enum DataPaths {
  /// The shell's default store, so exploration survives restarts:
  /// `$XDG_DATA_HOME/talon/talon.sqlite`, falling back to `~/.local/share/talon/talon.sqlite`.
  package static func defaultStore(
    environment: [String: String] = ProcessInfo.processInfo.environment
  )
    -> String
  {
    let base =
      environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
    return base + "/talon/talon.sqlite"
  }

  /// Creates the folder of `path` (private to the user) when it is missing.
  package static func prepareDirectory(for path: String) throws {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
  }
}
