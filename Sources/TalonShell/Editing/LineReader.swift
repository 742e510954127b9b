import Foundation

/// What reading one line produced.
public enum LineEditorEvent: Sendable, Equatable {
  /// A line the user accepted, without its line terminator.
  case line(String)
  /// Ctrl-C on the prompt: the line was abandoned; show a fresh prompt.
  case interrupted
  /// Ctrl-D on an empty line, or the end of standard input.
  case endOfFile
}

/// A source of input lines for the shell loop: ``LineEditor`` on a terminal,
/// ``PlainLineReader`` otherwise.
public protocol LineReader: AnyObject, Sendable {
  /// Reads one line, showing `prompt` if the reader shows prompts. Never blocks the caller's
  /// thread: the blocking read runs on a thread of its own.
  func readLine(prompt: String) async -> LineEditorEvent
}

/// Reads standard input line by line, without editing, prompt or history: the reader when
/// standard input or output is not a terminal (piped scripts).
public final class PlainLineReader: LineReader {
  public init() {}

  public func readLine(prompt: String) async -> LineEditorEvent {
    await BlockingThread.run {
      guard let line = Swift.readLine(strippingNewline: true) else { return .endOfFile }
      return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }
  }
}

/// Runs blocking calls (a terminal read) on a thread of their own, so the cooperative pool of
/// Swift concurrency never waits on them.
enum BlockingThread {
  static func run<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
    await withCheckedContinuation { continuation in
      let thread = Thread { continuation.resume(returning: body()) }
      thread.name = "talon-line-reader"
      thread.start()
    }
  }
}
