import Foundation
import TalonAPI

/// Evaluates Talang expressions against the roots of one evaluation (Session, Profile, Event,
/// Referral, Application, Now) plus bindings, lambda parameters, variables of `set` and
/// templates of `setTemplate`. Any failure throws `RuleFailure`, which skips the rule being
/// evaluated.
struct Evaluator {
  var roots: [String: TalangValue]
  /// Rule bindings and lambda parameters, innermost last.
  var locals: [(name: String, value: TalangValue)] = []
  /// Variables `set` made during this rule's evaluation.
  var variables: [String: TalangValue] = [:]
  /// Templates `setTemplate` made during this rule's evaluation, by name.
  var templates: [String: (signature: TemplateSignature, body: Expression)] = [:]
  /// The arguments of the templates being applied, innermost last (read by `#`).
  var templateArguments: [[TalangValue]] = []
  /// How deeply `!` may nest (templates may apply templates, even themselves).
  static let maximumTemplateDepth = 64
  /// Whether the session's coupon / referral code passes this campaign's checks.
  var couponValid = false
  var referralValid = false

  /// The evaluation's clock: the `Now` root (the engine's clock), else the wall clock.
  let now: Date

  init(roots: [String: TalangValue]) {
    self.roots = roots
    if case .time(let date)? = roots["Now"] { now = date } else { now = Date() }
  }

  /// Forgets what one rule bound, set or templated, before the next rule.
  mutating func startRule() {
    locals = []
    variables = [:]
    templates = [:]
    templateArguments = []
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
    } else if let variable = variables[root] {
      value = variable
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
      // docs/behaviour.md, "Talang functions": every failure of the second argument.
      do {
        return try evaluate(arguments[1])
      } catch is RuleFailure {
        return try evaluate(arguments[0])
      }
    case .couponValid:
      return .bool(couponValid)
    case .referralValid:
      return .bool(referralValid)
    case .sum, .map, .filter, .exists, .every, .do, .sortByNumber, .sortByString:
      return try listFunction(op, arguments)
    case .set, .setTemplate, .useTemplate, .templateParameter:
      return try bindingFunction(op, arguments)
    default:
      var values: [TalangValue] = []
      values.reserveCapacity(arguments.count)
      for argument in arguments { values.append(try evaluate(argument)) }
      return try Functions.apply(op, values, now: now)
    }
  }

  private mutating func listFunction(_ op: Operator, _ arguments: [Expression]) throws
    -> TalangValue
  {
    if op == .do { return try apply(arguments[1], to: evaluate(arguments[0])) }
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
    case .sortByNumber, .sortByString:
      let descending = arguments.count > 2 ? try truth(evaluate(arguments[2])) : false
      var keyed: [(key: TalangValue, element: TalangValue)] = []
      for element in elements {
        let key = try apply(lambda, to: element)
        if op == .sortByNumber {
          keyed.append((.number(try Functions.number(key, for: op)), element))
        } else {
          keyed.append((.string(try Functions.string(key, for: op)), element))
        }
      }
      let sorted = try Functions.sorted(keyed, by: \.key, descending: descending, for: op)
      return .list(sorted.map(\.element))
    default:
      for element in elements where try !truth(apply(lambda, to: element)) { return .bool(false) }
      return .bool(true)
    }
  }

  /// `set`, `setTemplate`, `!` and `#`: state that lives for one rule's evaluation.
  private mutating func bindingFunction(_ op: Operator, _ arguments: [Expression]) throws
    -> TalangValue
  {
    func name(_ index: Int) -> String {
      if case .literal(.string(let name)) = arguments[index] { return name }
      return ""
    }
    switch op {
    case .set:
      let value = try evaluate(arguments[arguments.count - 1])
      let names = (0..<arguments.count - 1).map(name)
      let base = names.count > 1 ? try? read(root: names[0], keys: []) : nil
      let updated = try Self.setting(value, at: names.dropFirst(), in: base)
      if let index = locals.lastIndex(where: { $0.name == names[0] }) {
        locals[index].value = updated
      } else {
        variables[names[0]] = updated
      }
      return .null
    case .setTemplate:
      // The compiler checked the signature.
      guard let signature = TemplateSignature(name(0)) else { return .null }
      templates[signature.name] = (signature, arguments[1])
      return .null
    case .useTemplate:
      guard let template = templates[name(0)] else {
        throw RuleFailure(message: "no template '\(name(0))' was set")
      }
      let values = try arguments.dropFirst().map { try evaluate($0) }
      if let expected = template.signature.parameterCount, expected != values.count {
        throw RuleFailure(
          message: "template '\(name(0))' takes \(expected) arguments, got \(values.count)")
      }
      // A template that applies itself would otherwise recurse until the stack runs out.
      guard templateArguments.count < Self.maximumTemplateDepth else {
        throw RuleFailure(
          message: "templates applied more than \(Self.maximumTemplateDepth) levels deep")
      }
      templateArguments.append(values)
      defer { templateArguments.removeLast() }
      return try evaluate(template.body)
    default:
      let index = try Functions.number(evaluate(arguments[0]), for: op)
      guard let values = templateArguments.last else {
        throw RuleFailure(message: "'#' is only meaningful inside a template")
      }
      guard let position = index.smallWholeNumber, values.indices.contains(position) else {
        throw RuleFailure(message: "the template has no argument \(index)")
      }
      return values[position]
    }
  }

  /// `value` stored under `keys` inside `base` (objects are created along the way).
  private static func setting(
    _ value: TalangValue, at keys: ArraySlice<String>, in base: TalangValue?
  ) throws -> TalangValue {
    guard let key = keys.first else { return value }
    var members: [String: TalangValue]
    switch base {
    case .object(let existing)?: members = existing
    case nil, .null?: members = [:]
    case let other?:
      throw RuleFailure(message: "'set' cannot set '\(key)' in a \(other.typeName)")
    }
    members[key] = try setting(value, at: keys.dropFirst(), in: members[key])
    return .object(members)
  }

  func truth(_ value: TalangValue) throws -> Bool {
    guard case .bool(let flag) = value else {
      throw RuleFailure(message: "expected a boolean, got a \(value.typeName)")
    }
    return flag
  }
}
