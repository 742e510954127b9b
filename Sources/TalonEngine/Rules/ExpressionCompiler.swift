import Foundation
import TalonAPI

/// Turns rules into `Expression`s, refusing unknown operators, wrong arities, misplaced effects
/// and malformed paths, lambdas, bindings and templates with the JSON pointer of the problem.
/// A rule's condition, a binding's expression, an effect and each argument of an effect may be
/// Talang text (a string starting with `(`); its errors also name the line and column.
struct ExpressionCompiler {
  /// Loyalty program ids the file declares (a literal program id must be one of them).
  var loyaltyPrograms: Set<Int>

  /// A rule's condition or a binding's expression.
  func compile(_ json: JSONValue, at pointer: String) throws -> Expression {
    try compilingText(json, at: pointer) { try compile($0, at: pointer, asEffect: false) }
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
    }
  }

  /// Compiles `json`, reading it first when it is Talang text, and locating the errors of text
  /// by line and column.
  private func compilingText(
    _ json: JSONValue, at pointer: String, _ body: (JSONValue) throws -> Expression
  ) throws -> Expression {
    guard TalangText.isText(json), case .string(let source) = json else { return try body(json) }
    let text = try TalangText(reading: source, at: pointer)
    do {
      return try body(text.json)
    } catch let error as CampaignFileError {
      throw text.locate(error, base: pointer)
    }
  }

  private func compile(
    _ json: JSONValue, at pointer: String, asEffect: Bool, textArguments: Bool = false
  ) throws -> Expression {
    switch json {
    case .null, .bool, .number, .string:
      if asEffect {
        throw CampaignFileError(pointer: pointer, message: "an effect must be a call")
      }
      return .literal(TalangValue(json))
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
  ) throws -> Expression {
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
    var compiled: [Expression] = []
    for (index, argument) in arguments.enumerated() {
      if index == op.lambdaArgument {
        compiled.append(try compileLambda(argument, at: pointers[index]))
      } else if textArguments {
        compiled.append(try compile(argument, at: pointers[index]))
      } else {
        compiled.append(try compile(argument, at: pointers[index], asEffect: false))
      }
    }
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
    return .call(op, compiled)
  }

  /// `["kv", [key, value]...]`: compiled to alternating literal keys and values.
  private func compileKeyValues(_ pairs: [JSONValue], at pointers: [String]) throws -> Expression {
    var compiled: [Expression] = []
    for (pair, pointer) in zip(pairs, pointers) {
      guard case .array(let parts) = pair, parts.count == 2, case .string(let key) = parts[0]
      else {
        throw CampaignFileError(pointer: pointer, message: "expected a pair (Key value)")
      }
      compiled.append(.literal(.string(key)))
      compiled.append(try compile(parts[1], at: pointer + "/1", asEffect: false))
    }
    return .call(.kv, compiled)
  }

  /// `set` (names, then the value), `setTemplate` (signature, body) and `!` (template name,
  /// arguments): the names are written, not computed.
  private func compileNamed(_ op: Operator, _ arguments: [JSONValue], at pointers: [String])
    throws -> Expression
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
        compiled.append(try compile(argument, at: pointers[index], asEffect: false))
      }
    }
    return .call(op, compiled)
  }

  private func compileLambda(_ json: JSONValue, at pointer: String) throws -> Expression {
    guard case .array(let parts) = json, parts.count == 2,
      case .array(let parameters) = parts[0], parameters.count == 1,
      case .string(let parameter) = parameters[0], !parameter.isEmpty
    else {
      throw CampaignFileError(
        pointer: pointer, message: "expected a lambda [[\"Item\"], body]")
    }
    return .lambda(
      parameter: parameter, body: try compile(parts[1], at: pointer + "/1", asEffect: false))
  }

  private func compilePath(name: String, arguments: [JSONValue], at pointer: String) throws
    -> Expression
  {
    if name == ".|" {
      guard arguments.count == 2 else {
        throw CampaignFileError(
          pointer: pointer,
          message: "'.|' takes 2 arguments (fallback, path), got \(arguments.count)")
      }
      let fallback = try compile(arguments[0], at: pointer + "/1", asEffect: false)
      guard case .array(let inner) = arguments[1], case .string(".")? = inner.first,
        case .path(let root, let keys) = try compilePath(
          name: ".", arguments: Array(inner.dropFirst()), at: pointer + "/2")
      else {
        throw CampaignFileError(
          pointer: pointer + "/2", message: "'.|' needs a path [\".\", root, key...]")
      }
      return .safePath(fallback: fallback, root: root, keys: keys)
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
    return .path(root: names[0], keys: Array(names.dropFirst()))
  }

  private static func describe(_ arity: ClosedRange<Int>) -> String {
    func plural(_ count: Int) -> String { count == 1 ? "1 argument" : "\(count) arguments" }
    if arity.upperBound == Int.max { return "takes at least \(plural(arity.lowerBound))" }
    if arity.lowerBound == arity.upperBound { return "takes \(plural(arity.lowerBound))" }
    return "takes \(arity.lowerBound) to \(arity.upperBound) arguments"
  }
}
