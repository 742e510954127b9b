import Foundation
import TalonAPI

/// Arithmetic, comparison and truth of values. Numbers are `Decimal`, so `60 * 0.1 == 6`.
/// Failures are messages; the interpreter adds the location.
enum ValueOperations {
  struct Failure: Error {
    var message: String
  }

  /// `false` and `null` are false; every other value is true.
  static func isTrue(_ value: JSONValue) -> Bool {
    switch value {
    case .null, .bool(false): false
    default: true
    }
  }

  static func arithmetic(_ op: BinaryOperator, _ left: JSONValue, _ right: JSONValue)
    throws(Failure)
    -> JSONValue
  {
    if case .number(let a) = left, case .number(let b) = right {
      let result: Decimal
      switch op {
      case .add: result = a + b
      case .subtract: result = a - b
      case .multiply: result = a * b
      case .divide:
        guard !b.isZero else { throw Failure(message: "division by zero") }
        result = a / b
      default: throw Failure(message: "'\(op.rawValue)' is not arithmetic")
      }
      guard !result.isNaN else {
        throw Failure(message: "the result of '\(op.rawValue)' is out of range")
      }
      return .number(result)
    }
    if op == .add {
      switch (left, right) {
      case (.string(let a), _): return .string(a + ValueText.plain(right))
      case (_, .string(let b)): return .string(ValueText.plain(left) + b)
      case (.array(let a), .array(let b)): return .array(a + b)
      case (.object(let a), .object(let b)): return .object(a.merging(b) { _, new in new })
      default: break
      }
    }
    throw Failure(
      message:
        "cannot apply '\(op.rawValue)' to \(left.typeName) \(ValueText.display(left, limit: 40)) and \(right.typeName) \(ValueText.display(right, limit: 40))"
    )
  }

  static func compare(_ op: BinaryOperator, _ left: JSONValue, _ right: JSONValue) throws(Failure)
    -> Bool
  {
    switch op {
    case .equal: return left == right
    case .notEqual: return left != right
    case .contains:
      switch left {
      case .string(let text):
        guard case .string(let part) = right else {
          throw Failure(message: "a string contains only strings, not \(right.typeName)")
        }
        return text.contains(part)
      case .array(let elements): return elements.contains(right)
      case .object(let members):
        guard case .string(let key) = right else {
          throw Failure(message: "an object contains keys (strings), not \(right.typeName)")
        }
        return members[key] != nil
      default:
        throw Failure(
          message: "'contains' needs a string, array or object on the left, not \(left.typeName)")
      }
    case .matches:
      guard case .string(let text) = left, case .string(let pattern) = right else {
        throw Failure(
          message: "'matches' needs a string on the left and a pattern string on the right")
      }
      let regex: NSRegularExpression
      do {
        regex = try NSRegularExpression(pattern: pattern)
      } catch {
        throw Failure(message: "invalid regular expression \(ValueText.display(right))")
      }
      let range = NSRange(text.startIndex..<text.endIndex, in: text)
      return regex.firstMatch(in: text, range: range) != nil
    default:
      let order: ComparisonResult
      switch (left, right) {
      case (.number(let a), .number(let b)):
        order = a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
      case (.string(let a), .string(let b)):
        order = a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
      default:
        throw Failure(
          message: "cannot compare \(left.typeName) with \(right.typeName) using '\(op.rawValue)'")
      }
      switch op {
      case .less: return order == .orderedAscending
      case .lessEqual: return order != .orderedDescending
      case .greater: return order == .orderedDescending
      default: return order != .orderedAscending
      }
    }
  }
}
