import Foundation

/// What the presenter chose at a stop of `--step` (presenter mode) or `--step-all`.
package enum StepDecision: Sendable, Equatable {
  /// Enter: run it.
  case run
  /// `s`: skip it.
  case skip
  /// `q` (also Ctrl-C, Ctrl-D or end of input while waiting): stop the run.
  case quit
  /// `!`: open an interactive shell on the file's backend through
  /// `RunOptions.interactiveShell`, then ask again; without a shell hook it only asks again.
  case shell
  /// `b`: back to the step before, its state restored (presenter mode).
  case back
  /// `g N`: go to step N, restoring or running what lies between (presenter mode).
  case goTo(Int)
  /// `v`: the full JSON of the step shown last (presenter mode).
  case view
  /// `e`: `explain` for the last session (presenter mode).
  case explain
}

/// Where step mode reads the presenter's keys.
package protocol StepInput: Sendable {
  /// Waits for the presenter's choice.
  func next() async -> StepDecision
}

/// Reads keys from the terminal: `/dev/tty` when it can be opened (so a workflow's standard
/// input stays free), else standard input.
///
/// On a terminal one key press decides, without echo (Enter runs, `s` skips, `q` quits, `b`
/// back, `v` JSON, `e` explain, `!` shell; `g` then asks for a step number, ended by Enter,
/// Escape cancels; other keys are ignored); the terminal's mode is changed only while waiting
/// and restored right after, so Ctrl-C between prompts still interrupts. Not on a terminal,
/// whole lines are read: an empty line runs, and `s`, `q`, `b`, `g N`, `v`, `e`, `!` as on
/// a terminal (anything else runs). The blocking read happens on its own thread, not on the
/// concurrency pool.
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
      case UInt8(ascii: "b"), UInt8(ascii: "B"): return .back
      case UInt8(ascii: "v"), UInt8(ascii: "V"): return .view
      case UInt8(ascii: "e"), UInt8(ascii: "E"): return .explain
      case UInt8(ascii: "!"): return .shell
      case UInt8(ascii: "g"), UInt8(ascii: "G"):
        if let step = readStepNumber(from: descriptor) { return .goTo(step) }
      default: continue
      }
    }
  }

  /// After `g` on a terminal: digits echoed as typed (Backspace erases one), Enter ends;
  /// Escape, Ctrl-C or Enter without digits give nil (back to waiting for a key).
  private static func readStepNumber(from descriptor: Int32) -> Int? {
    echo(" go to step: ", to: descriptor)
    var digits = ""
    while let byte = readByte(from: descriptor) {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        guard digits.count < 6 else { continue }
        digits.append(Character(UnicodeScalar(byte)))
        echo(String(UnicodeScalar(byte)), to: descriptor)
      case 0x7F, 0x08:
        guard !digits.isEmpty else { continue }
        digits.removeLast()
        echo("\u{08} \u{08}", to: descriptor)
      case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
        echo("\r\n", to: descriptor)
        return Int(digits)
      case 0x1B, 0x03, 0x04:
        echo("\r\n", to: descriptor)
        return nil
      default: continue
      }
    }
    return nil
  }

  private static func echo(_ text: String, to descriptor: Int32) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
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
    let words = text.lowercased().split(separator: " ")
    switch words.first {
    case "s", "skip": return .skip
    case "q", "quit": return .quit
    case "b", "back": return .back
    case "v", "view": return .view
    case "e", "explain": return .explain
    case "!", "shell": return .shell
    case "g", "go":
      if words.count == 2, let step = Int(words[1]) { return .goTo(step) }
      return .run
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

/// `--auto SECONDS`: presenter mode without a presenter; every stop waits `delay`, then runs.
/// Needs no terminal. Cancelling the task (Ctrl-C) ends the wait early.
package struct AutoStepInput: StepInput {
  package var delay: Duration

  package init(delay: Duration) { self.delay = delay }

  package func next() async -> StepDecision {
    try? await Task.sleep(for: delay)
    return .run
  }
}
