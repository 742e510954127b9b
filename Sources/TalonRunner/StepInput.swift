import Foundation

/// What the presenter chose for the next statement in `--step` mode.
package enum StepDecision: Sendable, Equatable {
  /// Enter: run it.
  case run
  /// `s`: skip it.
  case skip
  /// `q` (also Ctrl-C, Ctrl-D or end of input while waiting): stop the run.
  case quit
  /// Open an interactive shell on the file's backend through `RunOptions.interactiveShell`,
  /// then ask again. No key gives it yet; without a shell hook it only asks again.
  case shell
}

/// Where step mode reads the presenter's keys.
package protocol StepInput: Sendable {
  /// Waits for the presenter's choice.
  func next() async -> StepDecision
}

/// Reads keys from the terminal: `/dev/tty` when it can be opened (so a workflow's standard
/// input stays free), else standard input.
///
/// On a terminal one key press decides, without echo (Enter runs, `s` skips, `q` quits, other
/// keys are ignored); the terminal's mode is changed only while waiting and restored right
/// after, so Ctrl-C between prompts still interrupts. Not on a terminal, whole lines are read:
/// an empty line runs, `s` skips, `q` quits. The blocking read happens on its own thread, not
/// on the concurrency pool.
package struct TerminalStepInput: StepInput {
  private let descriptor: Int32

  package init() {
    let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
    descriptor = tty >= 0 ? tty : STDIN_FILENO
  }

  package func next() async -> StepDecision {
    let descriptor = descriptor
    return await withCheckedContinuation { continuation in
      let thread = Thread {
        continuation.resume(returning: Self.read(from: descriptor))
      }
      thread.start()
    }
  }

  private static func read(from descriptor: Int32) -> StepDecision {
    var saved = termios()
    guard isatty(descriptor) == 1, tcgetattr(descriptor, &saved) == 0 else {
      return readLine(from: descriptor)
    }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    tcsetattr(descriptor, TCSANOW, &raw)
    defer { tcsetattr(descriptor, TCSANOW, &saved) }
    while true {
      guard let byte = readByte(from: descriptor) else { return .quit }
      switch byte {
      case UInt8(ascii: "\r"), UInt8(ascii: "\n"): return .run
      case UInt8(ascii: "s"), UInt8(ascii: "S"): return .skip
      case UInt8(ascii: "q"), UInt8(ascii: "Q"), 0x03, 0x04: return .quit
      default: continue
      }
    }
  }

  private static func readLine(from descriptor: Int32) -> StepDecision {
    var line: [UInt8] = []
    while true {
      guard let byte = readByte(from: descriptor) else {
        return line.isEmpty ? .quit : decision(for: line)
      }
      if byte == UInt8(ascii: "\n") { return decision(for: line) }
      line.append(byte)
    }
  }

  private static func decision(for line: [UInt8]) -> StepDecision {
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    switch text.lowercased() {
    case "s", "skip": return .skip
    case "q", "quit": return .quit
    default: return .run
    }
  }

  private static func readByte(from descriptor: Int32) -> UInt8? {
    var byte: UInt8 = 0
    while true {
      let count = Foundation.read(descriptor, &byte, 1)
      if count == 1 { return byte }
      if count < 0 && errno == EINTR { continue }
      return nil
    }
  }
}
