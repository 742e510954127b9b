import Foundation
import TalonAPI

/// The pure functions of the Talang subset: comparison, arithmetic on exact decimals, strings,
/// lists and time. Each throws `RuleFailure` on values of the wrong type.
enum Functions {
  static func apply(_ op: Operator, _ values: [TalangValue]) throws -> TalangValue {
    switch op {
    case .equal: return .bool(equal(values[0], values[1]))
    case .notEqual: return .bool(!equal(values[0], values[1]))
    case .less: return .bool(try compare(values[0], values[1], op) == .orderedAscending)
    case .lessOrEqual: return .bool(try compare(values[0], values[1], op) != .orderedDescending)
    case .greater: return .bool(try compare(values[0], values[1], op) == .orderedDescending)
    case .greaterOrEqual: return .bool(try compare(values[0], values[1], op) != .orderedAscending)
    case .plus: return try plus(values)
    case .minus:
      if values.count == 1 { return .number(-(try number(values[0], for: op))) }
      return .number(try number(values[0], for: op) - number(values[1], for: op))
    case .times:
      // From the first factor rather than from 1, one multiplication less: a product of two or
      // more factors is the same Decimal either way. A lone factor is still multiplied by 1,
      // which normalizes a zero such as 0.0 (the one case where `1 * x` is not `x`).
      var product = try number(values[0], for: op)
      for value in values.dropFirst() { product *= try number(value, for: op) }
      return .number(values.count == 1 ? 1 * product : product)
    case .divide:
      let divisor = try number(values[1], for: op)
      guard divisor != 0 else { throw RuleFailure(message: "division by zero") }
      return .number(try number(values[0], for: op) / divisor)
    case .mod:
      let dividend = try number(values[0], for: op)
      let divisor = try number(values[1], for: op)
      guard divisor != 0 else { throw RuleFailure(message: "division by zero") }
      return .number(dividend - divisor * round(dividend / divisor, .down))
    case .floor: return .number(round(try number(values[0], for: op), .down))
    case .ceil: return .number(round(try number(values[0], for: op), .up))
    case .contains:
      if case .list(let elements) = values[0] {
        return .bool(elements.contains { equal($0, values[1]) })
      }
      return .bool(try string(values[0], for: op).contains(string(values[1], for: op)))
    case .startsWith:
      return .bool(try string(values[0], for: op).hasPrefix(string(values[1], for: op)))
    case .endsWith:
      return .bool(try string(values[0], for: op).hasSuffix(string(values[1], for: op)))
    case .matches:
      let text = try string(values[0], for: op)
      let pattern = try string(values[1], for: op)
      guard let regex = try? NSRegularExpression(pattern: pattern) else {
        throw RuleFailure(message: "invalid regular expression '\(pattern)'")
      }
      let range = NSRange(text.startIndex..., in: text)
      return .bool(regex.firstMatch(in: text, range: range) != nil)
    case .toString: return .string(values[0].text)
    case .list: return .list(values)
    default: return try applyListOrTime(op, values)
    }
  }

  private static func applyListOrTime(_ op: Operator, _ values: [TalangValue]) throws
    -> TalangValue
  {
    switch op {
    case .count:
      if case .string(let text) = values[0] { return .number(Decimal(text.count)) }
      return .number(Decimal(try list(values[0], for: op).count))
    case .isEmpty:
      switch values[0] {
      case .null: return .bool(true)
      case .string(let text): return .bool(text.isEmpty)
      case .object(let members): return .bool(members.isEmpty)
      default: return .bool(try list(values[0], for: op).isEmpty)
      }
    case .head:
      guard let first = try list(values[0], for: op).first else {
        throw RuleFailure(message: "head of an empty list")
      }
      return first
    case .tail: return .list(Array(try list(values[0], for: op).dropFirst()))
    case .item:
      let elements = try list(values[0], for: op)
      let index = try number(values[1], for: op)
      guard let position = Int(exactly: NSDecimalNumber(decimal: index)),
        elements.indices.contains(position)
      else { throw RuleFailure(message: "item \(index) is out of range") }
      return elements[position]
    case .min, .max:
      let elements = values.count == 1 ? try list(values[0], for: op) : values
      guard var best = elements.first else {
        throw RuleFailure(message: "\(op.rawValue) of an empty list")
      }
      for element in elements.dropFirst() {
        let order = try compare(element, best, op)
        if op == .min ? order == .orderedAscending : order == .orderedDescending { best = element }
      }
      return best
    case .sort:
      let elements = try list(values[0], for: op)
      var failure: RuleFailure?
      let sorted = elements.sorted { left, right in
        do { return try compare(left, right, op) == .orderedAscending } catch {
          failure = error as? RuleFailure
          return false
        }
      }
      if let failure { throw failure }
      return .list(sorted)
    case .before: return .bool(try time(values[0], for: op) < time(values[1], for: op))
    case .after: return .bool(try time(values[0], for: op) > time(values[1], for: op))
    case .addDuration, .subDuration:
      let start = try time(values[0], for: op)
      let amount = try number(values[1], for: op)
      let unit = try string(values[2], for: op)
      guard let seconds = unitSeconds[unit] else {
        throw RuleFailure(message: "unknown time unit '\(unit)'")
      }
      let delta = NSDecimalNumber(decimal: amount * seconds).doubleValue
      return .time(start.addingTimeInterval(op == .addDuration ? delta : -delta))
    default:
      throw RuleFailure(message: "'\(op.rawValue)' cannot be used here")
    }
  }

  static let unitSeconds: [String: Decimal] = [
    "seconds": 1, "minutes": 60, "hours": 3600, "days": 86_400, "weeks": 604_800,
    "second": 1, "minute": 60, "hour": 3600, "day": 86_400, "week": 604_800,
  ]

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

  static func list(_ value: TalangValue, for op: Operator) throws -> [TalangValue] {
    guard case .list(let elements) = value else {
      throw RuleFailure(message: "'\(op.rawValue)' expects a list, got a \(value.typeName)")
    }
    return elements
  }

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

  // MARK: Comparison and joining

  static func equal(_ left: TalangValue, _ right: TalangValue) -> Bool {
    switch (left, right) {
    case (.time(let date), .string(let text)), (.string(let text), .time(let date)):
      return RFC3339.date(from: text) == date
    default:
      return left == right
    }
  }

  static func compare(_ left: TalangValue, _ right: TalangValue, _ op: Operator) throws
    -> ComparisonResult
  {
    switch (left, right) {
    case (.number(let a), .number(let b)):
      return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
    case (.string(let a), .string(let b)):
      return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
    case (.time, _), (_, .time):
      let a = try time(left, for: op)
      let b = try time(right, for: op)
      return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
    default:
      throw RuleFailure(
        message: "'\(op.rawValue)' cannot compare a \(left.typeName) with a \(right.typeName)")
    }
  }

  private static func plus(_ values: [TalangValue]) throws -> TalangValue {
    if values.contains(where: { if case .string = $0 { true } else { false } }) {
      return .string(values.map(\.text).joined())
    }
    // From the first term rather than from 0, one addition less (the same Decimal for two or
    // more terms; a lone term is still added to 0, as before).
    var sum = try number(values[0], for: .plus)
    for value in values.dropFirst() { sum += try number(value, for: .plus) }
    return .number(values.count == 1 ? 0 + sum : sum)
  }
}
