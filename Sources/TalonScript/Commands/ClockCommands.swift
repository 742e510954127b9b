import Foundation
import TalonAPI

/// `clock`, `clock set TIME`, `clock advance DURATION`: read and move the backend's clock
/// through `BackendClock`: the embedded engine's, or that of a `talon serve --test-control`
/// (over HTTP); any other backend gives a clear error.
struct ClockShowCommand: ScriptCommand {
  let spec = CommandSpec(
    "clock", summary: "show the backend's time (embedded, or talon serve --test-control)",
    examples: ["clock"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let clock = try context.requireClock(for: command)
    return try await EngineTime.outcome(clock)
  }
}

/// `clock set TIME`.
struct ClockSetCommand: ScriptCommand {
  let spec = CommandSpec(
    "clock set", [.positional("TIME", .time)], summary: "set the backend's clock",
    examples: ["clock set 2020-05-01T10:00:00Z", "clock set 2020-12-24"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let clock = try context.requireClock(for: command)
    let date = try await context.date(command.positional[0], "the time", pipe: pipe)
    try await clock.setClock(to: date)
    return try await EngineTime.outcome(clock)
  }
}

/// `clock advance DURATION`.
struct ClockAdvanceCommand: ScriptCommand {
  let spec = CommandSpec(
    "clock advance", [.positional("DURATION", .duration)],
    summary: "move the backend's clock forward (30d, 12h, 15m, 10s)",
    examples: ["clock advance 30d", "clock advance 1d12h"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let clock = try context.requireClock(for: command)
    let expression = command.positional[0]
    let value = try await context.evaluate(expression, pipe: pipe)
    guard let seconds = EngineTime.seconds(in: value) else {
      throw context.failure(
        "a duration is like 30d, 12h, 15m, 10s or 1d12h (or seconds as a number), not \(ValueText.display(value))",
        at: expression.range)
    }
    let target = try await clock.readClock().timeIntervalSince1970 + seconds
    guard target <= EngineTime.latest else {
      throw context.failure("the clock cannot go past 9999-12-31T23:59:59Z", at: expression.range)
    }
    try await clock.advanceClock(by: seconds)
    return try await EngineTime.outcome(clock)
  }
}

extension CommandContext {
  fileprivate func requireClock(for command: CommandNode) throws -> any BackendClock {
    guard let backendClock else {
      throw failure(
        "clock works only with the embedded engine or a `talon serve --test-control` (this backend's time cannot be read or moved)",
        at: command.range)
    }
    return backendClock
  }
}

/// The clock commands' shared parts: their answer, durations and the last writable time.
enum EngineTime {
  /// The last instant RFC 3339 can write (9999-12-31T23:59:59Z), as seconds since 1970.
  static let latest: TimeInterval = 253_402_300_799

  static func outcome(_ clock: any BackendClock) async throws -> CommandOutcome {
    CommandOutcome(value: .string(RFC3339.string(from: try await clock.readClock())), kind: .value)
  }

  /// A duration value: seconds as a non-negative number, or text like `30d` or `1d12h`.
  static func seconds(in value: JSONValue) -> TimeInterval? {
    if case .number(let number) = value, number >= 0 {
      return NSDecimalNumber(decimal: number).doubleValue
    }
    if case .string(let text) = value { return seconds(in: text) }
    return nil
  }

  /// `30d`, `12h`, `15m`, `10s`, `2w` and sums like `1d12h`.
  static func seconds(in text: String) -> TimeInterval? {
    guard DigitLedToken.isDuration(Substring(text)) else { return nil }
    var total: TimeInterval = 0
    var digits = ""
    for character in text {
      if character.isNumber {
        digits.append(character)
        continue
      }
      guard let amount = Double(digits) else { return nil }
      let unit: TimeInterval =
        switch character {
        case "w": 604_800
        case "d": 86_400
        case "h": 3_600
        case "m": 60
        default: 1
        }
      total += amount * unit
      digits = ""
    }
    return total
  }
}
