import Synchronization

/// Holds what one file prints while it runs beside others (`--jobs`), then writes it to the
/// real console in one piece, standard output and standard error in their original order.
final class ConsoleBuffer: Sendable {
  private let chunks = Mutex<[(toError: Bool, text: String)]>([])

  /// A console that writes into this buffer (no progress line).
  func console(color: Bool) -> Console {
    Console(
      color: color, progressEnabled: false,
      writeOutput: { [self] text in chunks.withLock { $0.append((false, text)) } },
      writeError: { [self] text in chunks.withLock { $0.append((true, text)) } })
  }

  /// Writes everything held to `console`, with no other write in between.
  func replay(into console: Console) {
    console.replay(chunks.withLock { $0 })
  }
}
