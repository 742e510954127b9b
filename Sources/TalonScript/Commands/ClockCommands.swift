import Foundation
import TalonAPI

/// `clock`, `clock set TIME`, `clock advance DURATION`: read and move the embedded engine's
/// clock through `BackendClock`; any other backend gives a clear error.
extension Interpreter {
  func clock(_ builtin: BuiltinCommand, _ command: CommandNode, pipe: JSONValue?) async throws
    -> CommandOutcome
  {
    guard let backendClock else {
      throw failure(
        "clock works only with the embedded engine (this backend's time cannot be read or moved)",
        at: command.range)
    }
    switch builtin {
    case .clockSet:
      let date = try await date(command.positional[0], "the time", pipe: pipe)
      try await backendClock.setClock(to: date)
    case .clockAdvance:
      let seconds = try await duration(command.positional[0], pipe: pipe)
      let target = await backendClock.now().timeIntervalSince1970 + seconds
      guard target <= Self.latestTime else {
        throw failure(
          "the clock cannot go past 9999-12-31T23:59:59Z", at: command.positional[0].range)
      }
      try await backendClock.advanceClock(by: seconds)
    default:
      break
    }
    return CommandOutcome(
      value: .string(RFC3339.string(from: await backendClock.now())), kind: .value)
  }

  /// The last instant RFC 3339 can write (9999-12-31T23:59:59Z), as seconds since 1970.
  static let latestTime: TimeInterval = 253_402_300_799

  /// `30d`, `12h`, `15m`, `10s`, `2w`, sums like `1d12h`, or a number of seconds.
  private func duration(_ expression: Expression, pipe: JSONValue?) async throws -> TimeInterval {
    let value = try await evaluate(expression, pipe: pipe)
    if case .number(let number) = value, number >= 0 {
      return NSDecimalNumber(decimal: number).doubleValue
    }
    if case .string(let text) = value, let seconds = Self.seconds(in: text) { return seconds }
    throw failure(
      "a duration is like 30d, 12h, 15m, 10s or 1d12h (or seconds as a number), not \(ValueText.display(value))",
      at: expression.range)
  }

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
