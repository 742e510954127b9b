internal import CLibEdit
import Foundation
import Synchronization

/// The shell's command history: a bounded libedit history list persisted to a file.
///
/// - Location: `$XDG_STATE_HOME/talon/history`, or `~/.local/state/talon/history` when
///   `XDG_STATE_HOME` is unset or not absolute; missing directories are created (mode 0700).
/// - Bound: `TALON_HISTSIZE` entries (a non-negative integer; 0 keeps nothing), default 1000;
///   the oldest entries go first.
/// - Consecutive duplicates are collapsed; ``HistoryFilter`` keeps blank lines, lines starting
///   with a space and lines that may carry a secret out.
/// - The file is libedit's own format (``load()`` / ``save()`` through `H_LOAD` / `H_SAVE`),
///   mode 0600 from its creation, replaced as a whole by each save (write a temporary file,
///   then rename). Two shells running at once keep the history of the last one to save.
///
/// Thread safety: our own calls are serialized by the mutex of the secrets; libedit reads the
/// list from the editor thread only while a line is being edited, when the shell does not
/// record.
public final class History: @unchecked Sendable {
  /// The number of entries kept when `TALON_HISTSIZE` is not set.
  public static let defaultLimit = 1000

  /// The history file, or nil when this history is not persisted.
  public let fileURL: URL?
  /// The maximum number of entries kept.
  public let limit: Int

  let handle: OpaquePointer
  /// The active secrets; its lock also serializes our calls into libedit's history.
  private let secrets = Mutex<[String]>([])

  /// An empty history of at most `limit` entries, persisted to `fileURL` when it is given.
  /// Call ``load()`` to read the file.
  public init(fileURL: URL?, limit: Int = History.defaultLimit) {
    self.fileURL = fileURL
    self.limit = max(0, limit)
    // history_init only fails when memory is exhausted.
    guard let handle = history_init() else { fatalError("libedit: history_init failed") }
    self.handle = handle
    clibedit_history_set_size(handle, Int32(clamping: self.limit))
    clibedit_history_set_unique(handle, 1)
  }

  /// The history at the location and with the bound that `environment` selects.
  public convenience init(environment: [String: String]) {
    self.init(
      fileURL: History.fileURL(environment: environment),
      limit: History.limit(environment: environment))
  }

  deinit {
    history_end(handle)
  }

  /// The history file that `environment` selects, or nil when no home directory is known.
  public static func fileURL(environment: [String: String]) -> URL? {
    let base: URL
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      base = URL(fileURLWithPath: state, isDirectory: true)
    } else if let home = environment["HOME"], home.hasPrefix("/") {
      base = URL(fileURLWithPath: home, isDirectory: true).appending(path: ".local/state")
    } else {
      return nil
    }
    return base.appending(path: "talon").appending(path: "history")
  }

  /// The bound that `TALON_HISTSIZE` in `environment` selects.
  public static func limit(environment: [String: String]) -> Int {
    guard let text = environment["TALON_HISTSIZE"], let value = Int(text), value >= 0 else {
      return defaultLimit
    }
    return value
  }

  /// Secrets in use (the active API key); a line containing one is never recorded.
  public var activeSecrets: [String] {
    get { secrets.withLock { $0 } }
    set { secrets.withLock { $0 = newValue } }
  }

  /// The number of entries held.
  public var count: Int {
    secrets.withLock { _ in Int(clibedit_history_count(handle)) }
  }

  /// The entries, oldest first.
  public var entries: [String] {
    secrets.withLock { _ in
      var result: [String] = []
      var entry = clibedit_history_oldest(handle)
      while let text = entry {
        result.append(String(cString: text))
        entry = clibedit_history_newer(handle)
      }
      return result
    }
  }

  /// Adds `line` unless ``HistoryFilter`` rejects it or it repeats the newest entry; returns
  /// whether the history now ends with it. Does not write the file; see ``save()``.
  @discardableResult
  public func record(_ line: String) -> Bool {
    secrets.withLock { secrets in
      guard limit > 0, HistoryFilter.shouldRecord(line, activeSecrets: secrets) else {
        return false
      }
      return clibedit_history_enter(handle, line) >= 0
    }
  }

  /// Removes every entry (the file is unchanged until the next save).
  public func clear() {
    secrets.withLock { _ in clibedit_history_clear(handle) }
  }

  /// Replaces the entries with those of the history file; a missing file leaves the history
  /// empty.
  public func load() throws(HistoryError) {
    guard let fileURL else { return }
    try secrets.withLock { (_) throws(HistoryError) in
      clibedit_history_clear(handle)
      guard FileManager.default.fileExists(atPath: fileURL.path) else { return }
      if clibedit_history_load(handle, fileURL.path) < 0 {
        throw HistoryError.unreadable(fileURL.path)
      }
    }
  }

  /// Writes every entry to the history file, creating it (mode 0600) and its directories.
  /// The entries go to a private temporary file that then replaces the history file, so an
  /// interrupted save never leaves a truncated history.
  public func save() throws(HistoryError) {
    guard let fileURL else { return }
    try secrets.withLock { (_) throws(HistoryError) in
      let temporary = fileURL.deletingLastPathComponent().appending(
        path: ".\(fileURL.lastPathComponent).\(getpid()).tmp")
      try Self.createPrivateFile(temporary, reporting: fileURL)
      guard clibedit_history_save(handle, temporary.path) >= 0,
        rename(temporary.path, fileURL.path) == 0
      else {
        unlink(temporary.path)
        throw HistoryError.unwritable(fileURL.path)
      }
    }
  }

  /// Creates the directories and an empty file only its owner can read and write.
  private static func createPrivateFile(_ url: URL, reporting path: URL) throws(HistoryError) {
    let directory = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(
        at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw HistoryError.unwritable(directory.path)
    }
    let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw HistoryError.unwritable(path.path) }
    defer { close(fd) }
    if fchmod(fd, 0o600) != 0 { throw HistoryError.unwritable(path.path) }
  }
}

/// A history file that could not be read or written; carries the path.
public enum HistoryError: Error, Equatable, CustomStringConvertible {
  case unreadable(String)
  case unwritable(String)

  public var description: String {
    switch self {
    case .unreadable(let path): "cannot read the history file \(path)"
    case .unwritable(let path): "cannot write the history file \(path)"
    }
  }
}
