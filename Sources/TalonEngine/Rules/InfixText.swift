import Foundation
import TalonAPI

/// Rules as people read them: `Session.Total >= 150`, `addFreeItem("TOTE-01", "Tote bag")`.
/// The campaign listings and `explain` show conditions and effects this way; campaign files
/// keep Talang's prefix form (JSON arrays or `"(...)"` text), which this never produces.
enum InfixText {
  /// The expression in infix form: comparisons, arithmetic, `and`, `or` and `not` between their
  /// operands (parenthesised only where precedence needs it), every other function as a call.
  static func text(of expression: Expression) -> String {
    render(expression, seen: nil).text
  }

  /// The expression in infix form with the values the engine saw: each operand of a
  /// comparison that is not a literal, and each field read elsewhere (outside lambdas), is
  /// followed by `seen`'s text of its value (`Session.Total 140.00 >= 150`). An operand `seen`
  /// gives no text for (it was never evaluated) stays bare.
  static func text(of expression: Expression, seen: (Expression) -> String?) -> String {
    withoutActuallyEscaping(seen) { render(expression, seen: $0).text }
  }

  /// Binding strength of the infix operators; calls and atoms bind tightest.
  private static func precedence(_ op: Operator) -> Int? {
    switch op {
    case .or: 1
    case .and: 2
    case .not: 3
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .matches: 4
    case .plus, .minus: 5
    case .times, .divide, .mod: 6
    default: nil
    }
  }

  private static let atom = 10

  /// What reads a value's text for the annotated form; nil for the plain form.
  private typealias Seen = (Expression) -> String?

  private static func render(_ expression: Expression, seen: Seen?) -> (
    text: String, precedence: Int
  ) {
    switch expression {
    case .literal(let value):
      return (literal(value), atom)
    case .path(let root, let keys):
      return (annotated(path(root, keys), expression, seen), atom)
    case .safePath(let fallback, let root, let keys):
      // Annotated, the field shows its own value, or that it is not set.
      let field = seen.map {
        "\(path(root, keys)) \($0(.path(root: root, keys: keys)) ?? "(not set)")"
      }
      return ("\(field ?? path(root, keys)) ?? \(operand(fallback, above: 0, seen: nil))", 0)
    case .lambda(let parameter, let body):
      return ("\(parameter) => \(render(body, seen: nil).text)", 0)
    case .call(let op, let arguments):
      return call(op, arguments, seen: seen)
    }
  }

  private static func annotated(_ text: String, _ expression: Expression, _ seen: Seen?) -> String {
    guard let value = seen?(expression) else { return text }
    return "\(text) \(value)"
  }

  private static let comparisons: Set<Operator> = [
    .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual,
  ]

  private static func call(_ op: Operator, _ arguments: [Expression], seen: Seen?) -> (
    String, Int
  ) {
    guard let strength = precedence(op) else {
      let texts = arguments.map { render($0, seen: seen).text }
      return ("\(op.rawValue)(\(texts.joined(separator: ", ")))", atom)
    }
    if op == .not, arguments.count == 1 {
      return ("not \(operand(arguments[0], above: strength - 1, seen: seen))", strength)
    }
    if op == .minus, arguments.count == 1 {
      return ("-\(operand(arguments[0], above: atom - 1, seen: seen))", atom)
    }
    if let seen, comparisons.contains(op) {
      // Each operand as written, then the value it had: `Session.Total 140.00 >= 150`.
      let parts = arguments.map { argument -> String in
        if case .literal = argument { return render(argument, seen: nil).text }
        let text = operand(argument, above: atom - 1, seen: nil)
        return seen(argument).map { "\(text) \($0)" } ?? text
      }
      let symbol = op == .equal ? "==" : op.rawValue
      return (parts.joined(separator: " \(symbol) "), strength)
    }
    let symbol = op == .equal ? "==" : op.rawValue
    // `and`/`or`, `+` and `*` read left to right without brackets among their own kind; the
    // others bracket an equally strong right operand (`a - (b - c)`).
    let associative: Set<Operator> = [.and, .or, .plus, .times]
    var parts: [String] = []
    for (index, argument) in arguments.enumerated() {
      let floor = index == 0 || associative.contains(op) ? strength - 1 : strength
      parts.append(operand(argument, above: floor, seen: seen))
    }
    return (parts.joined(separator: " \(symbol) "), strength)
  }

  /// `expression`, bracketed unless it binds more strongly than `above`.
  private static func operand(_ expression: Expression, above: Int, seen: Seen?) -> String {
    let (text, strength) = render(expression, seen: seen)
    return strength > above ? text : "(\(text))"
  }

  private static func path(_ root: String, _ keys: [String]) -> String {
    ([root] + keys).map { isName($0) ? $0 : quoted($0) }.joined(separator: ".")
  }

  private static func isName(_ text: String) -> Bool {
    guard let first = text.first, first.isLetter || first == "_" else { return false }
    return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
  }

  private static func literal(_ value: TalangValue) -> String {
    switch value {
    case .string(let text): quoted(text)
    case .time(let date): quoted(RFC3339.string(from: date))
    case .list(let values): "[" + values.map(literal).joined(separator: ", ") + "]"
    case .null, .bool, .number, .object: value.json.jsonText
    }
  }

  private static func quoted(_ text: String) -> String {
    JSONValue.string(text).jsonText
  }
}
