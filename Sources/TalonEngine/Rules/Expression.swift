import Foundation

/// A compiled Talang expression. Campaign files hold rules as JSON arrays in prefix form; they
/// are compiled once at load (where every problem is reported with its JSON pointer).
indirect enum Expression: Sendable {
  case literal(TalangValue)
  /// `[".", root, key...]`: reads a root (or binding, or lambda parameter) and walks its keys.
  case path(root: String, keys: [String])
  /// `[".|", fallback, path]`: the path, or the fallback when any step is missing.
  case safePath(fallback: Expression, root: String, keys: [String])
  case call(Operator, [Expression])
  /// `[["Item"], body]`: one parameter, bound to each element by the list functions.
  case lambda(parameter: String, body: Expression)

  /// True when the expression calls `op` anywhere.
  func uses(_ op: Operator) -> Bool {
    switch self {
    case .literal, .path: false
    case .safePath(let fallback, _, _): fallback.uses(op)
    case .lambda(_, let body): body.uses(op)
    case .call(let called, let arguments):
      called == op || arguments.contains { $0.uses(op) }
    }
  }
}

/// The functions of our Talang subset, and the effect catalogue.
enum Operator: String, Sendable, CaseIterable {
  case and, or, not
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case plus = "+"
  case minus = "-"
  case times = "*"
  case divide = "/"
  case mod, floor, ceil
  case contains, startsWith, endsWith
  case matches = "~"
  case toString
  case list, count, sum, map, filter, exists, every, isEmpty, head, tail, item, min, max, sort
  case before, after, addDuration, subDuration
  case couponValid, referralValid
  case `catch`
  // Effects.
  case setDiscount, setDiscountPerItem, addLoyaltyPoints, deductLoyaltyPoints, addFreeItem
  case showNotification, updateAttribute, createCoupon, createReferral, triggerWebhook, error

  /// How many arguments the operator takes (upper bound `Int.max` for variadic ones).
  var arity: ClosedRange<Int> {
    switch self {
    case .and, .or, .plus, .times: 1...Int.max
    case .list: 0...Int.max
    case .min, .max: 1...Int.max
    case .not, .floor, .ceil, .toString, .count, .isEmpty, .head, .tail, .sort: 1...1
    case .minus: 1...2
    case .sum: 1...2
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .divide, .mod,
      .contains, .startsWith, .endsWith, .matches, .map, .filter, .exists, .every, .item, .before,
      .after, .catch:
      2...2
    case .addDuration, .subDuration: 3...3
    case .couponValid, .referralValid, .createCoupon, .createReferral: 0...0
    case .setDiscount, .deductLoyaltyPoints, .addFreeItem, .updateAttribute, .triggerWebhook: 2...2
    case .setDiscountPerItem, .showNotification: 3...3
    case .addLoyaltyPoints: 2...3
    case .error: 1...1
    }
  }

  /// The argument that is a lambda `[["Item"], body]`, if any.
  var lambdaArgument: Int? {
    switch self {
    case .sum, .map, .filter, .exists, .every: 1
    case .setDiscountPerItem: 2
    default: nil
    }
  }

  /// True for the effect catalogue: allowed only as a rule's effects.
  var isEffect: Bool {
    switch self {
    case .setDiscount, .setDiscountPerItem, .addLoyaltyPoints, .deductLoyaltyPoints, .addFreeItem,
      .showNotification, .updateAttribute, .createCoupon, .createReferral, .triggerWebhook, .error:
      true
    default: false
    }
  }
}

/// One rule of a campaign's ruleset.
struct Rule: Sendable {
  var title: String
  var description: String
  var bindings: [(name: String, expression: Expression)]
  var condition: Expression
  var effects: [Expression]
  /// The condition calls `couponValid` / `referralValid` (so the campaign owns that code).
  var checksCoupon: Bool
  var checksReferral: Bool
}
