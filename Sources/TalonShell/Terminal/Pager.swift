import Foundation
import Synchronization

/// Shows a result taller than the terminal through a pager, as psql does: `$PAGER`, or
/// `less -FRX` when it is unset (`-F` quits at once when the text fits after all, `-R` keeps
/// colours, `-X` leaves the text on the screen). Only an interactive shell has one; `set pager
/// off` turns it off. A pager that cannot start leaves the text to be written as usual.
public final class Pager: Sendable {
  /// The shell command that pages standard input.
  public let command: String
  private let on = Mutex(true)

  /// The pager of `environment` (`PAGER`; empty means none, as for psql).
  public init?(environment: [String: String]) {
    let chosen = environment["PAGER"] ?? "less -FRX"
    guard !chosen.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
    command = chosen
  }

  /// Whether results are paged (`set pager on|off`).
  public var isEnabled: Bool {
    get { on.withLock { $0 } }
    set { on.withLock { $0 = newValue } }
  }

  /// Pages `text` when it is enabled and `text` has more lines than the terminal shows;
  /// returns false when the caller should write it itself.
  public func page(_ text: String, rows: Int? = Pager.terminalRows()) -> Bool {
    guard isEnabled, let rows, text.reduce(0, { $1 == "\n" ? $0 + 1 : $0 }) >= rows - 1
    else { return false }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let input = Pipe()
    process.standardInput = input
    do {
      try process.run()
    } catch {
      return false
    }
    // The pager may quit before reading everything (`q` in less): a closed pipe is fine.
    signal(SIGPIPE, SIG_IGN)
    input.fileHandleForWriting.write(Data(text.utf8))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    return true
  }

  /// The rows of the terminal on standard output, nil when it is not a terminal.
  public static func terminalRows() -> Int? {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
    return Int(size.ws_row)
  }
}
