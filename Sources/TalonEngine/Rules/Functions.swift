import Foundation
import TalonAPI

/// The pure functions of Talang (those that need no bindings or lambdas): comparison,
/// arithmetic on exact decimals, strings, lists and time. Each throws `RuleFailure` on values of
/// the wrong type. The compiler has checked the number of arguments.
enum Functions {
  static func apply(_ op: Operator, _ values: [TalangValue], now: Date) throws -> TalangValue {
    switch op {
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .between,
      .betweenTimes:
      return try comparison(op, values)
    case .plus, .minus, .times, .divide, .mod, .floor, .ceil:
      return try arithmetic(op, values)
    case .concat, .contains, .notContains, .startsWith, .endsWith, .matches, .toString, .join,
      .split, .firstName, .lastName:
      return try stringFunction(op, values)
    case .before, .after, .addDuration, .subDuration, .parseTime, .formatTime, .matchTime, .date,
      .days, .daysBetween, .year, .month, .monthDay, .weekday, .hour, .minute:
      return try timeFunction(op, values, now: now)
    case .noop:
      return .null
    default:
      return try listFunction(op, values)
    }
  }

  // MARK: Conversions

  static func number(_ value: TalangValue, for op: Operator) throws -> Decimal {
    guard case .number(let number) = value else {
      throw RuleFailure(message: "'\(op.rawValue)' expects a number, got a \(value.typeName)")
    }
    return number
  }

  static func string(_ value: TalangValue, for op: Operator) throws -> String {
    guard case .string(let text) = value else {
      throw RuleFailure(message: "'\(op.rawValue)' expects a string, got a \(value.typeName)")
    }
    return text
  }

  static func bool(_ value: TalangValue, for op: Operator) throws -> Bool {
    guard case .bool(let flag) = value else {
      throw RuleFailure(message: "'\(op.rawValue)' expects a boolean, got a \(value.typeName)")
    }
    return flag
  }

  static func list(_ value: TalangValue, for op: Operator) throws -> [TalangValue] {
    guard case .list(let elements) = value else {
      throw RuleFailure(message: "'\(op.rawValue)' expects a list, got a \(value.typeName)")
    }
    return elements
  }

  /// A time, or a string holding an RFC 3339 date-time.
  static func time(_ value: TalangValue, for op: Operator) throws -> Date {
    switch value {
    case .time(let date): return date
    case .string(let text):
      if let date = RFC3339.date(from: text) { return date }
    default: break
    }
    throw RuleFailure(message: "'\(op.rawValue)' expects a time, got a \(value.typeName)")
  }

  static func round(_ value: Decimal, _ mode: NSDecimalNumber.RoundingMode, scale: Int = 0)
    -> Decimal
  {
    var input = value
    var result = Decimal()
    NSDecimalRound(&result, &input, scale, mode)
    return result
  }
}
