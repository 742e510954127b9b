import Foundation

/// Writes the statements of a shell session to a `.tw` workflow file (`record start`).
///
/// Decisions: the file is created with mode 0600 (it may hold customer data); an existing
/// file is refused unless `overwrite` is set; each statement is written as typed and flushed
/// at once, so a crash loses nothing. Callers keep secrets out (see ``ScriptEvaluator``).
final class Recorder: @unchecked Sendable {
  let path: String
  /// Whether snapshot expectations follow each API command (`record start FILE snapshot`).
  let snapshots: Bool
  private let handle: FileHandle
  private(set) var statements = 0

  init(path: String, header: String, snapshots: Bool = false, overwrite: Bool)
    throws(RecorderError)
  {
    self.path = path
    self.snapshots = snapshots
    let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (overwrite ? O_TRUNC : O_EXCL)
    let fd = open(path, flags, 0o600)
    guard fd >= 0 else {
      if errno == EEXIST { throw .exists(path) }
      throw .unwritable(path, String(cString: strerror(errno)))
    }
    fchmod(fd, 0o600)
    handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    write(header)
  }

  /// Appends one statement (multi-line statements as typed).
  func append(_ statement: String) {
    write(statement.hasSuffix("\n") ? statement : statement + "\n")
    statements += 1
  }

  /// Appends lines that are not statements the user typed (snapshot expectations, the clock
  /// of the start), one per line.
  func appendLines(_ lines: [String]) {
    guard !lines.isEmpty else { return }
    write(lines.joined(separator: "\n") + "\n")
  }

  func close() {
    try? handle.close()
  }

  private func write(_ text: String) {
    try? handle.write(contentsOf: Data(text.utf8))
  }
}

/// A recording file that cannot be started.
enum RecorderError: Error, CustomStringConvertible {
  case exists(String)
  case unwritable(String, String)

  var description: String {
    switch self {
    case .exists(let path):
      "\(path) exists; `record start \(path) force` overwrites it"
    case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
    }
  }
}
