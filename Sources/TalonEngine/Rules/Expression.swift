import Foundation

/// A compiled Talang expression. Campaign files hold rules as JSON arrays in prefix form or as
/// Talang text (`TalangText`); they are compiled once at load (where every problem is reported
/// with its JSON pointer, and for text also its line and column).
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

/// The functions of Talang (the public function library, see docs/campaigns.md "Functions"),
/// talon's own `couponValid` / `referralValid`, and the effect catalogue.
enum Operator: String, Sendable, CaseIterable {
  // Logic and bindings.
  case and, or, not, `catch`, noop
  case `do`, set, setTemplate, kv
  case useTemplate = "!"
  case templateParameter = "#"
  // Comparison.
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case between, betweenTimes
  // Arithmetic.
  case plus = "+"
  case minus = "-"
  case times = "*"
  case divide = "/"
  case mod, floor, ceil
  // Strings.
  case concat, contains, notContains, startsWith, endsWith
  case matches = "~"
  case toString, join, split, firstName, lastName
  // Lists.
  case list, count, sum, map, filter, exists, every, isEmpty, head, tail, item, min, max, sort
  case sortByNumber, sortByString, append, push, drop, reverse
  // Time.
  case before, after, addDuration, subDuration, parseTime, formatTime, matchTime, date, days
  case daysBetween, year, month, monthDay, weekday, hour, minute
  // Codes.
  case couponValid, referralValid
  // Effects.
  case setDiscount, setDiscountPerItem, addLoyaltyPoints, deductLoyaltyPoints, addFreeItem
  case showNotification, updateAttribute, createCoupon, createReferral, triggerWebhook, error

  /// Other spellings the compiler accepts: the function document writes `weekDay` in its example.
  static let aliases: [String: Operator] = ["weekDay": .weekday]

  init?(name: String) {
    guard let op = Operator(rawValue: name) ?? Self.aliases[name] else { return nil }
    self = op
  }

  /// How many arguments the operator takes (upper bound `Int.max` for variadic ones).
  var arity: ClosedRange<Int> {
    switch self {
    case .list, .kv: 0...Int.max
    case .noop, .couponValid, .referralValid, .createCoupon, .createReferral: 0...0
    case .and, .or, .plus, .times, .minus, .min, .max, .concat, .useTemplate: 1...Int.max
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .divide, .mod,
      .contains, .notContains, .startsWith, .endsWith, .matches, .append, .push, .set:
      2...Int.max
    case .between: 3...Int.max
    case .not, .floor, .ceil, .toString, .count, .isEmpty, .head, .tail, .drop, .reverse,
      .firstName, .lastName, .days, .templateParameter:
      1...1
    case .sum, .sort: 1...2
    case .date, .year, .month, .monthDay, .weekday, .hour, .minute: 1...2
    case .parseTime, .formatTime: 1...3
    case .map, .filter, .exists, .every, .do, .item, .before, .after, .catch, .join, .split,
      .daysBetween, .setTemplate:
      2...2
    case .sortByNumber, .sortByString: 2...3
    case .betweenTimes, .addDuration, .subDuration: 3...3
    case .matchTime: 3...4
    case .setDiscount, .deductLoyaltyPoints, .addFreeItem, .updateAttribute, .triggerWebhook: 2...2
    case .setDiscountPerItem, .showNotification: 3...3
    case .addLoyaltyPoints: 2...3
    case .error: 1...1
    }
  }

  /// The argument that is a lambda `[["Item"], body]`, if any.
  var lambdaArgument: Int? {
    switch self {
    case .sum, .map, .filter, .exists, .every, .do, .sortByNumber, .sortByString: 1
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
  let condition: Expression
  var effects: [Expression]
  /// The condition calls `couponValid` / `referralValid` (so the campaign owns that code).
  var checksCoupon: Bool
  var checksReferral: Bool
  /// The condition's conjuncts: the arguments of a top-level `and`, else the condition alone.
  /// A rule failure reason's `conditionIndex` counts them.
  let conditions: [Expression]

  init(
    title: String, description: String, bindings: [(name: String, expression: Expression)],
    condition: Expression, effects: [Expression], checksCoupon: Bool, checksReferral: Bool
  ) {
    self.title = title
    self.description = description
    self.bindings = bindings
    self.condition = condition
    self.effects = effects
    self.checksCoupon = checksCoupon
    self.checksReferral = checksReferral
    if case .call(.and, let arguments) = condition {
      conditions = arguments
    } else {
      conditions = [condition]
    }
  }
}
