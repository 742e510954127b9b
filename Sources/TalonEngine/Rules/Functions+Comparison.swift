import Foundation
import TalonAPI

/// `= != < <= > >= between betweenTimes`, and the equality and order the other functions share
/// (docs/behaviour.md, "Talang functions").
extension Functions {
  static func comparison(_ op: Operator, _ values: [TalangValue]) throws -> TalangValue {
    let first = values[0]
    let rest = values.dropFirst()
    switch op {
    case .equal:
      return .bool(rest.allSatisfy { equal(first, $0) })
    case .notEqual:
      return .bool(!rest.contains { equal(first, $0) })
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      for value in rest {
        let order = try compare(first, value, op)
        let holds =
          switch op {
          case .less: order == .orderedAscending
          case .lessOrEqual: order != .orderedDescending
          case .greater: order == .orderedDescending
          default: order != .orderedAscending
          }
        if !holds { return .bool(false) }
      }
      return .bool(true)
    case .between:
      let low = values[values.count - 2]
      let high = values[values.count - 1]
      for value in values.dropLast(2) {
        guard try compare(value, low, op) == .orderedDescending,
          try compare(value, high, op) == .orderedAscending
        else { return .bool(false) }
      }
      return .bool(true)
    default:
      let instant = try time(values[0], for: op)
      return .bool(try instant > time(values[1], for: op) && instant < time(values[2], for: op))
    }
  }

  /// Atoms of different types are equal when they read the same: a number and a string holding
  /// that number, a time and a string holding that instant, a boolean and its text. Two strings
  /// that both hold RFC 3339 times are equal when the instants are.
  static func equal(_ left: TalangValue, _ right: TalangValue) -> Bool {
    switch (left, right) {
    case (.time(let date), .string(let text)), (.string(let text), .time(let date)):
      return RFC3339.date(from: text) == date
    case (.number(let number), .string(let text)), (.string(let text), .number(let number)):
      return decimal(text) == number
    case (.bool(let flag), .string(let text)), (.string(let text), .bool(let flag)):
      return text == (flag ? "true" : "false")
    case (.string(let a), .string(let b)):
      if a == b { return true }
      guard looksLikeTime(a), looksLikeTime(b), let first = RFC3339.date(from: a) else {
        return false
      }
      return first == RFC3339.date(from: b)
    default:
      return left == right
    }
  }

  /// The order of numbers (a string holding a number counts as that number), strings, and
  /// times (a string holding an RFC 3339 time counts as that time).
  static func compare(_ left: TalangValue, _ right: TalangValue, _ op: Operator) throws
    -> ComparisonResult
  {
    func order<T: Comparable>(_ a: T, _ b: T) -> ComparisonResult {
      a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
    }
    switch (left, right) {
    case (.number(let a), .number(let b)):
      return order(a, b)
    case (.number(let a), .string(let text)):
      if let b = decimal(text) { return order(a, b) }
    case (.string(let text), .number(let b)):
      if let a = decimal(text) { return order(a, b) }
    case (.string(let a), .string(let b)):
      if looksLikeTime(a), looksLikeTime(b), let first = RFC3339.date(from: a),
        let second = RFC3339.date(from: b)
      {
        return order(first, second)
      }
      return order(a, b)
    case (.time, _), (_, .time):
      return order(try time(left, for: op), try time(right, for: op))
    default:
      break
    }
    throw RuleFailure(
      message: "'\(op.rawValue)' cannot compare a \(left.typeName) with a \(right.typeName)")
  }

  /// `elements` ordered by `key` (ascending unless `descending`); equal keys keep their order.
  static func sorted<Element>(
    _ elements: [Element], by key: (Element) -> TalangValue, descending: Bool, for op: Operator
  ) throws -> [Element] {
    var failure: RuleFailure?
    let sorted = elements.enumerated().sorted { left, right in
      do {
        let order = try compare(key(left.element), key(right.element), op)
        if order == .orderedSame { return left.offset < right.offset }
        return descending ? order == .orderedDescending : order == .orderedAscending
      } catch {
        failure = error as? RuleFailure
        return false
      }
    }
    if let failure { throw failure }
    return sorted.map(\.element)
  }

  /// The decimal a whole string spells (`-12.5`), or nil.
  static func decimal(_ text: String) -> Decimal? {
    guard TalangText.isNumber(text) else { return nil }
    return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
  }

  /// A cheap test before trying to read a string as an RFC 3339 time.
  private static func looksLikeTime(_ text: String) -> Bool {
    let bytes = text.utf8
    return bytes.count >= 20 && bytes.first.map { (48...57).contains($0) } == true
      && bytes.dropFirst(10).first == UInt8(ascii: "T")
  }
}
