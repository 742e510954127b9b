import Foundation
import TalonAPI

extension Parser {
  /// A full expression: `or` binds loosest, then `and`, `not`, comparisons, `+ -`, `* /`.
  mutating func expression() throws(ScriptError) -> Expression {
    try enterNesting(at: current.range.start)
    defer { nesting -= 1 }
    var left = try andExpression()
    while isWord("or") {
      advance()
      let right = try andExpression()
      left = .binary(.or, left, right, left.range.union(right.range))
    }
    return left
  }

  private mutating func andExpression() throws(ScriptError) -> Expression {
    var left = try notExpression()
    while isWord("and") {
      advance()
      let right = try notExpression()
      left = .binary(.and, left, right, left.range.union(right.range))
    }
    return left
  }

  private mutating func notExpression() throws(ScriptError) -> Expression {
    guard isWord("not") else { return try comparison() }
    let start = advance().range
    try enterNesting(at: start.start)
    defer { nesting -= 1 }
    let operand = try notExpression()
    return .unary(.not, operand, start.union(operand.range))
  }

  private var comparisonOperator: BinaryOperator? {
    switch current.kind {
    case .equal: .equal
    case .notEqual: .notEqual
    case .less: .less
    case .lessEqual: .lessEqual
    case .greater: .greater
    case .greaterEqual: .greaterEqual
    case .word:
      isWord("contains") ? .contains : isWord("matches") ? .matches : nil
    default: nil
    }
  }

  private mutating func comparison() throws(ScriptError) -> Expression {
    let left = try additive()
    guard let op = comparisonOperator else { return left }
    advance()
    let right = try additive()
    if let next = comparisonOperator {
      throw error(
        "comparisons do not chain: use 'and' between '\(op.rawValue)' and '\(next.rawValue)'",
        at: current.range.start)
    }
    return .binary(op, left, right, left.range.union(right.range))
  }

  private mutating func additive() throws(ScriptError) -> Expression {
    var left = try multiplicative()
    while current.kind == .plus || current.kind == .minus {
      let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
      let right = try multiplicative()
      left = .binary(op, left, right, left.range.union(right.range))
    }
    return left
  }

  private mutating func multiplicative() throws(ScriptError) -> Expression {
    var left = try unary()
    while current.kind == .star || current.kind == .slash {
      let op: BinaryOperator = advance().kind == .star ? .multiply : .divide
      let right = try unary()
      left = .binary(op, left, right, left.range.union(right.range))
    }
    return left
  }

  private mutating func unary() throws(ScriptError) -> Expression {
    guard current.kind == .minus else { return try primary() }
    let start = advance().range
    try enterNesting(at: start.start)
    defer { nesting -= 1 }
    let operand = try unary()
    if case .literal(.number(let value), let range) = operand {
      return .literal(.number(-value), start.union(range))
    }
    return .unary(.negate, operand, start.union(operand.range))
  }

  /// A value without operators: literal, reference, call, `(expr)`, array or object, with an
  /// adjacent path after it. This is what `key=` and command arguments take.
  mutating func primary() throws(ScriptError) -> Expression {
    let token = current
    try enterNesting(at: token.range.start)
    defer { nesting -= 1 }
    let base: Expression
    switch token.kind {
    case .number:
      advance()
      let text = text(of: token)
      guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
        throw error("'\(text)' is not a number this tool can represent", at: token.range.start)
      }
      return try postfix(.literal(.number(value), token.range))
    case .minus:
      advance()
      let operand = try primary()
      if case .literal(.number(let value), let range) = operand {
        return .literal(.number(-value), token.range.union(range))
      }
      return .unary(.negate, operand, token.range.union(operand.range))
    case .string:
      advance()
      base = try interpolatedString(token)
    case .rawString:
      advance()
      let range = SourceRange(start: token.range.start + 1, end: token.range.end - 1)
      base = .literal(.string(source.text(in: range)), token.range)
    case .word:
      base = try wordPrimary()
    case .variable, .dollar:
      advance()
      let name = String(text(of: token).dropFirst())
      return .reference(try reference(name: name, nameRange: token.range))
    case .leftParen:
      advance()
      skipNewlines()
      let inner = try expression()
      skipNewlines()
      _ = try expect(.rightParen, "')'")
      base = inner
    case .leftBracket:
      base = try arrayLiteral()
    case .leftBrace:
      base = try objectLiteral()
    default:
      throw error("expected a value, found \(describe(token))", at: token.range.start)
    }
    return try postfix(base)
  }

  private mutating func wordPrimary() throws(ScriptError) -> Expression {
    let token = advance()
    let word = text(of: token)
    switch word {
    case "true": return .literal(.bool(true), token.range)
    case "false": return .literal(.bool(false), token.range)
    case "null": return .literal(.null, token.range)
    default: break
    }
    if current.kind == .leftParen, !current.spaceBefore, CommandInfo.functions.contains(word) {
      return try call(name: word, nameToken: token)
    }
    guard interpolation else { return .literal(.string(word), token.range) }
    // Inside `${...}` a dotted word is a reference: `args.who`, `last.effects`.
    var segments = word.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let name = segments.removeFirst()
    var offset = token.range.start + name.utf8.count
    var path: [PathComponent] = []
    for segment in [name] + segments {
      guard !segment.isEmpty, segment.utf8.allSatisfy(CharacterClass.isIdentifier) else {
        throw error(
          "'\(word)' is not a reference; inside ${...} write names like args.who or last.effects[0]",
          at: token.range.start)
      }
    }
    for segment in segments {
      let range = SourceRange(start: offset + 1, end: offset + 1 + segment.utf8.count)
      path.append(.field(segment, range))
      offset = range.end
    }
    let nameRange = SourceRange(start: token.range.start, end: token.range.start + name.utf8.count)
    var reference = try self.reference(name: name, nameRange: nameRange)
    reference.path = path + reference.path
    return .reference(reference)
  }

  private mutating func call(name: String, nameToken: Token) throws(ScriptError) -> Expression {
    advance()
    var arguments: [Expression] = []
    skipNewlines()
    while current.kind != .rightParen {
      arguments.append(try expression())
      skipNewlines()
      guard current.kind == .comma else { break }
      advance()
      skipNewlines()
    }
    let close = try expect(.rightParen, "')' to close the call of \(name)")
    return .call(name: name, arguments: arguments, nameToken.range.union(close.range))
  }

  /// The path after a reference's name: `.field`, `[expr]`, each adjacent to what precedes.
  mutating func reference(name: String, nameRange: SourceRange) throws(ScriptError) -> Reference {
    let path = try pathComponents()
    let end = path.last?.range.end ?? nameRange.end
    return Reference(
      name: name, nameRange: nameRange, path: path,
      range: SourceRange(start: nameRange.start, end: end))
  }

  /// Adjacent `.field` and `[expr]` steps.
  mutating func pathComponents(allowLeadingSpace: Bool = false) throws(ScriptError)
    -> [PathComponent]
  {
    var path: [PathComponent] = []
    while !current.spaceBefore || (allowLeadingSpace && path.isEmpty),
      current.kind == .dot || current.kind == .leftBracket
    {
      let open = advance()
      if open.kind == .dot {
        guard current.kind == .field else {
          throw error("expected a field name after '.'", at: current.range.start)
        }
        let field = advance()
        path.append(.field(text(of: field), open.range.union(field.range)))
      } else {
        skipNewlines()
        let index = try expression()
        skipNewlines()
        let close = try expect(.rightBracket, "']' after the index")
        path.append(.index(index, open.range.union(close.range)))
      }
    }
    return path
  }

  private mutating func postfix(_ base: Expression) throws(ScriptError) -> Expression {
    let path = try pathComponents()
    guard let last = path.last else { return base }
    return .path(base, path, base.range.union(last.range))
  }

  private mutating func arrayLiteral() throws(ScriptError) -> Expression {
    let open = advance()
    var elements: [Expression] = []
    skipNewlines()
    while current.kind != .rightBracket {
      elements.append(try expression())
      skipNewlines()
      guard current.kind == .comma else { break }
      advance()
      skipNewlines()
    }
    guard current.kind == .rightBracket else {
      throw error(
        "expected ',' or ']' in the array, found \(describe(current))", at: current.range.start)
    }
    let close = advance()
    return .array(elements, open.range.union(close.range))
  }

  private mutating func objectLiteral() throws(ScriptError) -> Expression {
    let open = advance()
    var members: [(key: String, value: Expression)] = []
    skipNewlines()
    while current.kind != .rightBrace {
      let keyToken = current
      let key: String
      switch keyToken.kind {
      case .word, .number: key = text(of: keyToken)
      case .rawString, .string:
        guard case .literal(.string(let text), _) = try primaryString(keyToken) else {
          throw error("an object key cannot use ${...}", at: keyToken.range.start)
        }
        key = text
      default:
        throw error(
          "expected an object key or '}', found \(describe(keyToken))", at: keyToken.range.start)
      }
      advance()
      skipNewlines()
      guard current.kind == .colon else {
        let hint =
          keyToken.kind == .word && key.contains(":") ? " (quote strings that contain ':')" : ""
        throw error(
          "expected ':' after the key '\(key)', found \(describe(current))\(hint)",
          at: current.range.start)
      }
      advance()
      skipNewlines()
      members.append((key, try expression()))
      skipNewlines()
      guard current.kind == .comma else { break }
      advance()
      skipNewlines()
    }
    guard current.kind == .rightBrace else {
      throw error(
        "expected ',' or '}' in the object, found \(describe(current))", at: current.range.start)
    }
    let close = advance()
    return .object(members, open.range.union(close.range))
  }

  private func primaryString(_ token: Token) throws(ScriptError) -> Expression {
    if token.kind == .rawString {
      let range = SourceRange(start: token.range.start + 1, end: token.range.end - 1)
      return .literal(.string(source.text(in: range)), token.range)
    }
    return try interpolatedString(token)
  }
}
