import Foundation
import TalonAPI

/// The time functions. Times are instants; the calendar functions (`year` ... `minute`, `date`,
/// layouts) work in UTC unless a time zone (an IANA name such as `Europe/Berlin`) is given as the
/// last argument (docs/behaviour.md, "Talang functions").
extension Functions {
  static func timeFunction(_ op: Operator, _ values: [TalangValue], now: Date) throws
    -> TalangValue
  {
    switch op {
    case .before: return .bool(try time(values[0], for: op) < time(values[1], for: op))
    case .after: return .bool(try time(values[0], for: op) > time(values[1], for: op))
    case .addDuration, .subDuration:
      return .time(
        try adding(
          values[1], values[2], to: time(values[0], for: op), negated: op == .subDuration,
          for: op))
    case .parseTime:
      let text = try string(values[0], for: op)
      let zone = try self.zone(values, at: 2, for: op)
      if values.count == 1, let date = RFC3339.date(from: text) { return .time(date) }
      let layout = values.count > 1 ? try string(values[1], for: op) : "YYYY-MM-DD"
      guard let date = TimeLayout(layout).parse(text, in: zone, now: now) else {
        throw RuleFailure(message: "'\(text)' does not match the time layout '\(layout)'")
      }
      return .time(date)
    case .formatTime:
      let date = try time(values[0], for: op)
      guard values.count > 1 else { return .string(RFC3339.string(from: date)) }
      let layout = TimeLayout(try string(values[1], for: op))
      let zone = try self.zone(values, at: 2, for: op)
      return .string(layout.format(date, in: zone))
    case .matchTime:
      let layout = TimeLayout(try string(values[2], for: op))
      let zone = try self.zone(values, at: 3, for: op)
      return .bool(
        try layout.format(time(values[0], for: op), in: zone)
          == layout.format(time(values[1], for: op), in: zone))
    case .days:
      return .number(days(from: try time(values[0], for: op), to: now))
    case .daysBetween:
      let start = try time(values[0], for: op)
      return .number(days(from: start, to: try time(values[1], for: op)))
    default:
      return .string(try calendarField(op, values))
    }
  }

  /// `date year month monthDay weekday hour minute`: text, as the function document shows them.
  private static func calendarField(_ op: Operator, _ values: [TalangValue]) throws -> String {
    let date = try time(values[0], for: op)
    let zone = try self.zone(values, at: 1, for: op)
    let calendar = TimeLayout.calendar(zone)
    switch op {
    case .date: return TimeLayout("YYYY-MM-DD").format(date, in: zone)
    case .year: return String(calendar.component(.year, from: date))
    case .month: return String(calendar.component(.month, from: date))
    case .monthDay: return String(calendar.component(.day, from: date))
    // Sunday is 0, Saturday 6.
    case .weekday: return String(calendar.component(.weekday, from: date) - 1)
    case .hour: return TimeLayout("HH").format(date, in: zone)
    default: return TimeLayout("mm").format(date, in: zone)
    }
  }

  /// The time zone named by the argument at `index`, UTC when there is none.
  private static func zone(_ values: [TalangValue], at index: Int, for op: Operator) throws
    -> TimeZone
  {
    guard values.count > index else { return TimeZone(identifier: "UTC")! }
    let name = try string(values[index], for: op)
    guard let zone = TimeZone(identifier: name) else {
      throw RuleFailure(message: "unknown time zone '\(name)'")
    }
    return zone
  }

  /// Days from `start` to `end` as an exact decimal (to the millisecond), negative when `end` is
  /// earlier.
  static func days(from start: Date, to end: Date) -> Decimal {
    let milliseconds = (end.timeIntervalSince(start) * 1000).rounded()
    return Decimal(Int64(milliseconds)) / 86_400_000
  }

  static let unitSeconds: [String: Decimal] = [
    "seconds": 1, "minutes": 60, "hours": 3600, "days": 86_400, "weeks": 604_800,
    "second": 1, "minute": 60, "hour": 3600, "day": 86_400, "week": 604_800,
  ]

  static let calendarUnits: [String: Calendar.Component] = [
    "months": .month, "month": .month, "years": .year, "year": .year,
  ]

  private static func adding(
    _ amount: TalangValue, _ unit: TalangValue, to start: Date, negated: Bool, for op: Operator
  ) throws -> Date {
    let amount = try number(amount, for: op) * (negated ? -1 : 1)
    let unit = try string(unit, for: op)
    var result: Date
    if let seconds = unitSeconds[unit] {
      result = start.addingTimeInterval(NSDecimalNumber(decimal: amount * seconds).doubleValue)
    } else if let component = calendarUnits[unit] {
      guard let whole = amount.smallWholeNumber, whole.magnitude < 1_000_000,
        let date = TimeLayout.calendar(TimeZone(identifier: "UTC")!).date(
          byAdding: component, value: whole, to: start)
      else { throw RuleFailure(message: "'\(op.rawValue)' adds whole \(unit) only") }
      result = date
    } else {
      throw RuleFailure(message: "unknown time unit '\(unit)'")
    }
    // Times stay within the years RFC 3339 can write (0001 to 9999).
    guard result.timeIntervalSince1970.isFinite, result >= earliest, result <= latest else {
      throw RuleFailure(message: "'\(op.rawValue)' leaves the years 0001 to 9999")
    }
    return result
  }

  private static let earliest = Date(timeIntervalSince1970: -62_135_596_800)
  private static let latest = Date(timeIntervalSince1970: 253_402_300_799)
}
