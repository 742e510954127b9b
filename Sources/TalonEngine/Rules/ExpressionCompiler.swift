import Foundation
import TalonAPI

/// Turns rules into `Expression`s, refusing unknown operators, wrong arities, misplaced effects
/// and malformed paths, lambdas, bindings and templates with the JSON pointer of the problem.
/// A rule's condition, a binding's expression, an effect and each argument of an effect may be
/// Talang text (a string starting with `(`); its errors also name the line and column.
///
/// It also computes each expression's static type: every path is checked against the
/// `AttributeCatalogue` (unknown fields and undeclared attributes) and every function's and
/// effect's arguments against its signature (`ExpressionCompiler+Signatures.swift`).
final class ExpressionCompiler {
  /// Loyalty program ids the file declares (a literal program id must be one of them).
  let loyaltyPrograms: Set<Int>
  let catalogue: AttributeCatalogue
  /// Problems that do not stop the file loading (undeclared attributes without an `attributes`
  /// section), each attribute once.
  private(set) var warnings: [CampaignFileError] = []
  private var warned: Set<String> = []
  /// The rule's bindings and the lambda parameters around the expression, innermost last.
  var scope: [(name: String, type: StaticType)] = []
  /// How many `catch` guards surround the expression being compiled: inside one, a field or
  /// type problem is a warning (the guard is there for what fails), not an error.
  private var guards = 0

  init(loyaltyPrograms: Set<Int>, catalogue: AttributeCatalogue = AttributeCatalogue()) {
    self.loyaltyPrograms = loyaltyPrograms
    self.catalogue = catalogue
  }

  /// An expression and its static type.
  struct Typed {
    var expression: Expression
    var type: StaticType
  }

  /// Forgets the previous rule's bindings.
  func startRule() {
    scope = []
  }

  /// Makes a binding visible to the rest of the rule.
  func bind(_ name: String, _ type: StaticType) {
    scope.append((name, type))
  }

  /// A rule's condition or a binding's expression.
  func compile(_ json: JSONValue, at pointer: String) throws -> Expression {
    try compileTyped(json, at: pointer).expression
  }

  /// A rule's condition or a binding's expression, with its static type.
  func compileTyped(_ json: JSONValue, at pointer: String) throws -> Typed {
    try compilingText(json, at: pointer) { try compile($0, at: pointer, asEffect: false) }
  }

  /// A rule's condition: it must be a boolean.
  func compileCondition(_ json: JSONValue, at pointer: String) throws -> Expression {
    let typed = try compileTyped(json, at: pointer)
    try require(typed, .boolean, "a condition", at: pointer)
    return typed.expression
  }

  func warn(_ warning: CampaignFileError, key: String) {
    guard warned.insert(key).inserted else { return }
    warnings.append(warning)
  }

  /// A field or type problem: an error, or a warning inside a `catch` guard (the caller then
  /// goes on with a value of unknown type).
  func fail(_ problem: CampaignFileError) throws {
    guard guards > 0 else { throw problem }
    warn(problem, key: problem.pointer)
  }

  func compileEffect(_ json: JSONValue, at pointer: String) throws -> Expression {
    // The arguments of an effect written as text are read with it: a string among them that
    // starts with `(` is a string.
    let textArguments = !TalangText.isText(json)
    return try compilingText(json, at: pointer) { json in
      guard case .array(let elements) = json, case .string(let name)? = elements.first,
        Operator(name: name) != nil || name == "." || name == ".|"
      else {
        if case .array(let elements) = json, case .string(let name)? = elements.first {
          throw CampaignFileError(pointer: pointer, message: "unknown effect '\(name)'")
        }
        throw CampaignFileError(
          pointer: pointer,
          message: "an effect must be an array like [\"setDiscount\", name, amount]")
      }
      return try compile(json, at: pointer, asEffect: true, textArguments: textArguments)
    }.expression
  }

  /// Compiles `json`, reading it first when it is Talang text, and locating the errors of text
  /// by line and column.
  private func compilingText(
    _ json: JSONValue, at pointer: String, _ body: (JSONValue) throws -> Typed
  ) throws -> Typed {
    guard TalangText.isText(json), case .string(let source) = json else { return try body(json) }
    let text = try TalangText(reading: source, at: pointer)
    let known = warnings.count
    defer {
      for index in known..<warnings.count {
        warnings[index] = text.locate(warnings[index], base: pointer)
      }
    }
    do {
      return try body(text.json)
    } catch let error as CampaignFileError {
      throw text.locate(error, base: pointer)
    }
  }

  private func compile(
    _ json: JSONValue, at pointer: String, asEffect: Bool, textArguments: Bool = false
  ) throws -> Typed {
    switch json {
    case .null, .bool, .number, .string:
      if asEffect {
        throw CampaignFileError(pointer: pointer, message: "an effect must be a call")
      }
      let type: StaticType =
        switch json {
        case .null: .null
        case .bool: .boolean
        case .number: .number
        default: .string
        }
      return Typed(expression: .literal(TalangValue(json)), type: type)
    case .object:
      throw CampaignFileError(
        pointer: pointer, message: "an object is not an expression (use [\"list\", ...] for lists)")
    case .array(let elements):
      guard let head = elements.first else {
        throw CampaignFileError(pointer: pointer, message: "empty expression")
      }
      guard case .string(let name) = head else {
        throw CampaignFileError(
          pointer: pointer,
          message:
            "an expression starts with an operator name (a lambda is only allowed as a list function's argument)"
        )
      }
      let arguments = Array(elements.dropFirst())
      if name == "." || name == ".|" {
        if asEffect {
          throw CampaignFileError(pointer: pointer, message: "'\(name)' is not an effect")
        }
        return try compilePath(name: name, arguments: arguments, at: pointer)
      }
      guard let op = Operator(name: name) else {
        throw CampaignFileError(pointer: pointer, message: "unknown operator '\(name)'")
      }
      if op.isEffect && !asEffect {
        throw CampaignFileError(
          pointer: pointer, message: "'\(name)' is an effect; effects belong in a rule's effects")
      }
      if !op.isEffect && asEffect {
        throw CampaignFileError(pointer: pointer, message: "'\(name)' is not an effect")
      }
      return try compileCall(op, arguments: arguments, at: pointer, textArguments: textArguments)
    }
  }

  private func compileCall(
    _ op: Operator, arguments: [JSONValue], at pointer: String, textArguments: Bool
  ) throws -> Typed {
    var arguments = arguments
    var pointers = arguments.indices.map { "\(pointer)/\($0 + 1)" }
    // Talang's form with a parameter name, `["sum", items, "Item", body]`.
    if let lambdaIndex = op.lambdaArgument, arguments.count >= lambdaIndex + 2,
      case .string(let parameter) = arguments[lambdaIndex],
      !TalangText.isText(arguments[lambdaIndex])
    {
      arguments[lambdaIndex] = [[.string(parameter)], arguments[lambdaIndex + 1]]
      arguments.remove(at: lambdaIndex + 1)
      pointers.remove(at: lambdaIndex + 1)
    }
    guard op.arity.contains(arguments.count) else {
      throw CampaignFileError(
        pointer: pointer,
        message: "'\(op.rawValue)' \(Self.describe(op.arity)), got \(arguments.count)")
    }
    switch op {
    case .kv: return try compileKeyValues(arguments, at: pointers)
    case .set, .setTemplate, .useTemplate:
      return try compileNamed(op, arguments, at: pointers)
    default: break
    }
    var typed: [Typed] = []
    for (index, argument) in arguments.enumerated() {
      if index == op.lambdaArgument {
        // The parameter is an element of the list before it (`do`: the value itself).
        let input = typed.last?.type ?? .any
        let parameter = op == .do ? input : (input.element ?? .any)
        typed.append(try compileLambda(argument, parameter: parameter, at: pointers[index]))
      } else if op == .catch && index == 1 {
        guards += 1
        defer { guards -= 1 }
        typed.append(try compile(argument, at: pointers[index], asEffect: false))
      } else if textArguments {
        typed.append(try compileTyped(argument, at: pointers[index]))
      } else {
        typed.append(try compile(argument, at: pointers[index], asEffect: false))
      }
    }
    let compiled = typed.map(\.expression)
    let type = try signatureType(op, typed, at: pointers, call: pointer)
    if op == .addLoyaltyPoints || op == .deductLoyaltyPoints, case .literal(let value) = compiled[0]
    {
      guard case .number(let number) = value,
        let id = Int(exactly: NSDecimalNumber(decimal: number)),
        loyaltyPrograms.contains(id)
      else {
        throw CampaignFileError(
          pointer: pointers[0], message: "unknown loyalty program \(value.json.jsonText)")
      }
    }
    return Typed(expression: .call(op, compiled), type: type)
  }

  /// `["kv", [key, value]...]`: compiled to alternating literal keys and values.
  private func compileKeyValues(_ pairs: [JSONValue], at pointers: [String]) throws -> Typed {
    var compiled: [Expression] = []
    for (pair, pointer) in zip(pairs, pointers) {
      guard case .array(let parts) = pair, parts.count == 2, case .string(let key) = parts[0]
      else {
        throw CampaignFileError(pointer: pointer, message: "expected a pair (Key value)")
      }
      compiled.append(.literal(.string(key)))
      compiled.append(try compile(parts[1], at: pointer + "/1", asEffect: false).expression)
    }
    return Typed(expression: .call(.kv, compiled), type: .object)
  }

  /// `set` (names, then the value), `setTemplate` (signature, body) and `!` (template name,
  /// arguments): the names are written, not computed.
  private func compileNamed(_ op: Operator, _ arguments: [JSONValue], at pointers: [String])
    throws -> Typed
  {
    let names = op == .set ? arguments.count - 1 : 1
    var compiled: [Expression] = []
    for (index, argument) in arguments.enumerated() {
      if index < names {
        guard case .string(let name) = argument, !name.isEmpty else {
          throw CampaignFileError(
            pointer: pointers[index], message: "'\(op.rawValue)' expects a name here")
        }
        if op == .setTemplate, TemplateSignature(name) == nil {
          throw CampaignFileError(
            pointer: pointers[index],
            message: "expected a template signature like \"plus(Decimal, Decimal)Decimal\"")
        }
        compiled.append(.literal(.string(name)))
      } else {
        compiled.append(try compile(argument, at: pointers[index], asEffect: false).expression)
      }
    }
    return Typed(expression: .call(op, compiled), type: op == .useTemplate ? .any : .null)
  }

  /// A lambda whose parameter has the type `parameter`; its type is its body's.
  private func compileLambda(_ json: JSONValue, parameter type: StaticType, at pointer: String)
    throws -> Typed
  {
    guard case .array(let parts) = json, parts.count == 2,
      case .array(let parameters) = parts[0], parameters.count == 1,
      case .string(let parameter) = parameters[0], !parameter.isEmpty
    else {
      throw CampaignFileError(
        pointer: pointer, message: "expected a lambda [[\"Item\"], body]")
    }
    scope.append((parameter, type))
    defer { scope.removeLast() }
    let body = try compile(parts[1], at: pointer + "/1", asEffect: false)
    return Typed(expression: .lambda(parameter: parameter, body: body.expression), type: body.type)
  }

  private func compilePath(name: String, arguments: [JSONValue], at pointer: String) throws
    -> Typed
  {
    if name == ".|" {
      guard arguments.count == 2 else {
        throw CampaignFileError(
          pointer: pointer,
          message: "'.|' takes 2 arguments (fallback, path), got \(arguments.count)")
      }
      let fallback = try compile(arguments[0], at: pointer + "/1", asEffect: false)
      guard case .array(let inner) = arguments[1], case .string(".")? = inner.first,
        case let path = try compilePath(
          name: ".", arguments: Array(inner.dropFirst()), at: pointer + "/2"),
        case .path(let root, let keys) = path.expression
      else {
        throw CampaignFileError(
          pointer: pointer + "/2", message: "'.|' needs a path [\".\", root, key...]")
      }
      let type = fallback.type == path.type || fallback.type == .null ? path.type : .any
      return Typed(
        expression: .safePath(fallback: fallback.expression, root: root, keys: keys), type: type)
    }
    guard !arguments.isEmpty else {
      throw CampaignFileError(pointer: pointer, message: "'.' needs a root name")
    }
    var names: [String] = []
    for (index, argument) in arguments.enumerated() {
      switch argument {
      case .string(let key): names.append(key)
      // Text such as `(. Items 0)` reads the index as a number.
      case .number(let index) where index >= 0 && index.isWholeNumber: names.append("\(index)")
      default:
        throw CampaignFileError(
          pointer: "\(pointer)/\(index + 1)", message: "path elements must be strings")
      }
    }
    let type = try pathType(root: names[0], keys: Array(names.dropFirst()), at: pointer)
    return Typed(expression: .path(root: names[0], keys: Array(names.dropFirst())), type: type)
  }

  static func describe(_ arity: ClosedRange<Int>) -> String {
    func plural(_ count: Int) -> String { count == 1 ? "1 argument" : "\(count) arguments" }
    if arity.upperBound == Int.max { return "takes at least \(plural(arity.lowerBound))" }
    if arity.lowerBound == arity.upperBound { return "takes \(plural(arity.lowerBound))" }
    return "takes \(arity.lowerBound) to \(arity.upperBound) arguments"
  }
}
