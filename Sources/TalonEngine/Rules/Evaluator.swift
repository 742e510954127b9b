import Foundation
import TalonAPI

/// Evaluates Talang expressions against the roots of one evaluation (Session, Profile, Event,
/// Referral, Application, Now) plus bindings and lambda parameters. Any failure throws
/// `RuleFailure`, which skips the rule being evaluated.
struct Evaluator {
  var roots: [String: TalangValue]
  /// Rule bindings and lambda parameters, innermost last.
  var locals: [(name: String, value: TalangValue)] = []
  /// Whether the session's coupon / referral code passes this campaign's checks.
  var couponValid = false
  var referralValid = false

  init(roots: [String: TalangValue]) {
    self.roots = roots
  }

  mutating func evaluate(_ expression: Expression) throws -> TalangValue {
    switch expression {
    case .literal(let value):
      return value
    case .path(let root, let keys):
      return try read(root: root, keys: keys)
    case .safePath(let fallback, let root, let keys):
      if let value = try? read(root: root, keys: keys), value != .null { return value }
      return try evaluate(fallback)
    case .lambda:
      throw RuleFailure(message: "a lambda is not a value")
    case .call(let op, let arguments):
      return try call(op, arguments)
    }
  }

  func read(root: String, keys: [String]) throws -> TalangValue {
    var value: TalangValue
    if let local = locals.last(where: { $0.name == root }) {
      value = local.value
    } else if let global = roots[root] {
      value = global
    } else {
      throw RuleFailure(message: "unknown name '\(root)'")
    }
    // The walked path is spelled only for a failure's message.
    func walked(_ count: Int) -> String { ([root] + keys.prefix(count)).joined(separator: ".") }
    for (step, key) in keys.enumerated() {
      switch value {
      case .object(let members):
        guard let member = members[key] else {
          throw RuleFailure(message: "\(walked(step + 1)) is missing")
        }
        value = member
      case .list(let elements):
        guard let index = Int(key), elements.indices.contains(index) else {
          throw RuleFailure(message: "\(walked(step + 1)) is missing")
        }
        value = elements[index]
      default:
        throw RuleFailure(
          message: "\(walked(step + 1)): cannot read '\(key)' of a \(value.typeName)")
      }
    }
    return value
  }

  /// Evaluates `body` with `parameter` bound to `value`.
  mutating func apply(_ lambda: Expression, to value: TalangValue) throws -> TalangValue {
    guard case .lambda(let parameter, let body) = lambda else {
      throw RuleFailure(message: "expected a lambda")
    }
    locals.append((parameter, value))
    defer { locals.removeLast() }
    return try evaluate(body)
  }

  private mutating func call(_ op: Operator, _ arguments: [Expression]) throws -> TalangValue {
    switch op {
    case .and:
      for argument in arguments where try !truth(evaluate(argument)) { return .bool(false) }
      return .bool(true)
    case .or:
      for argument in arguments where try truth(evaluate(argument)) { return .bool(true) }
      return .bool(false)
    case .not:
      return .bool(try !truth(evaluate(arguments[0])))
    case .catch:
      do {
        return try evaluate(arguments[1])
      } catch is RuleFailure {
        return try evaluate(arguments[0])
      }
    case .couponValid:
      return .bool(couponValid)
    case .referralValid:
      return .bool(referralValid)
    case .sum, .map, .filter, .exists, .every:
      return try listFunction(op, arguments)
    default:
      var values: [TalangValue] = []
      values.reserveCapacity(arguments.count)
      for argument in arguments { values.append(try evaluate(argument)) }
      return try Functions.apply(op, values)
    }
  }

  private mutating func listFunction(_ op: Operator, _ arguments: [Expression]) throws
    -> TalangValue
  {
    let elements = try Functions.list(evaluate(arguments[0]), for: op)
    if arguments.count == 1 {
      return .number(try elements.reduce(Decimal(0)) { $0 + (try Functions.number($1, for: op)) })
    }
    let lambda = arguments[1]
    switch op {
    case .sum:
      var total = Decimal(0)
      for element in elements { total += try Functions.number(apply(lambda, to: element), for: op) }
      return .number(total)
    case .map:
      return .list(try elements.map { try apply(lambda, to: $0) })
    case .filter:
      return .list(try elements.filter { try truth(apply(lambda, to: $0)) })
    case .exists:
      for element in elements where try truth(apply(lambda, to: element)) { return .bool(true) }
      return .bool(false)
    default:
      for element in elements where try !truth(apply(lambda, to: element)) { return .bool(false) }
      return .bool(true)
    }
  }

  func truth(_ value: TalangValue) throws -> Bool {
    guard case .bool(let flag) = value else {
      throw RuleFailure(message: "expected a boolean, got a \(value.typeName)")
    }
    return flag
  }
}
