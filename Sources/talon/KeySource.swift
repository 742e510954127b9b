import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a secret (the API key, the application key) given as a flag or in a file.
///
/// Decisions: a flag and a file for the same secret exclude each other (the options' `validate`
/// says so); the file's surrounding whitespace, the trailing newline included, is dropped; an
/// unreadable or empty file is an error naming the file. A file that its group or other users
/// may read or change (mode & 0o077) is still used — CI secrets often arrive as 0644 — but a
/// warning on standard error names it and the fix, `chmod 600 FILE`.
enum KeySource {
  /// `what` names the secret in messages, e.g. "API key".
  static func read(
    _ what: String, flag: String?, file: String?,
    warn: (String) -> Void = KeySource.printWarning
  ) throws -> String? {
    if let flag { return flag }
    guard let file else { return nil }
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      throw ValidationError("cannot read the \(what) file \(file)")
    }
    if let mode = permissions(of: file), mode & 0o077 != 0 {
      warn(
        "warning: the \(what) file \(file) is open to its group or other users (mode "
          + "\(String(mode & 0o777, radix: 8))); restrict it with: chmod 600 \(file)")
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw ValidationError("the \(what) file \(file) is empty") }
    return trimmed
  }

  /// The permission bits of the file at `path` (symbolic links followed), or nil.
  static func permissions(of path: String) -> Int? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return Int(status.st_mode) & 0o7777
  }

  /// Writes `message` and a newline to standard error.
  static func printWarning(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}
