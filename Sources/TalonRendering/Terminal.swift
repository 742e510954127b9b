import Foundation

/// Facts about the process's terminal and the decisions that follow from them: whether a
/// stream is a terminal, whether to colour output, and unbuffered writes to stdout/stderr.
///
/// Decision: colour needs a terminal on the stream being written, `NO_COLOR` unset or empty
/// (https://no-color.org) and `TERM` other than `dumb`.
public enum Terminal {
  /// Whether `fd` is a terminal.
  public static func isTTY(_ fd: Int32) -> Bool {
    isatty(fd) == 1
  }

  /// Whether both standard input and standard output are terminals: the condition for line
  /// editing, prompts and history.
  public static var isInteractive: Bool {
    isTTY(STDIN_FILENO) && isTTY(STDOUT_FILENO)
  }

  /// Whether output to a stream should carry ANSI colour.
  public static func colorEnabled(isTTY: Bool, environment: [String: String]) -> Bool {
    guard isTTY else { return false }
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return true
  }

  /// Whether standard output should carry colour in this process.
  public static var standardOutputColor: Bool {
    colorEnabled(isTTY: isTTY(STDOUT_FILENO), environment: ProcessInfo.processInfo.environment)
  }

  /// Whether standard error should carry colour in this process.
  public static var standardErrorColor: Bool {
    colorEnabled(isTTY: isTTY(STDERR_FILENO), environment: ProcessInfo.processInfo.environment)
  }

  /// The width of the terminal on `fd` in columns, or nil when it is not a terminal (or says
  /// nothing).
  public static func columns(_ fd: Int32) -> Int? {
    var size = winsize()
    guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }

  /// The width to draw captions and receipts in on standard output: the terminal's, else
  /// `COLUMNS`, else 80.
  public static var standardOutputWidth: Int {
    if let columns = columns(STDOUT_FILENO) { return columns }
    if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text),
      value > 0
    {
      return value
    }
    return 80
  }

  /// Writes `text` to standard output at once, bypassing stdio buffers.
  public static func writeStandardOutput(_ text: String) {
    write(text, to: STDOUT_FILENO)
  }

  /// Writes `text` to standard error at once, bypassing stdio buffers.
  public static func writeStandardError(_ text: String) {
    write(text, to: STDERR_FILENO)
  }

  static func write(_ text: String, to fd: Int32) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      bytes = bytes.dropFirst(written)
    }
  }
}
