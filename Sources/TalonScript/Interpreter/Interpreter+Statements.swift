import Foundation
import TalonAPI

/// What a command or pipeline gave: its value and how to show it.
struct CommandOutcome: Sendable {
  var deferred: DeferredJSON
  var kind: ResultKind

  var value: JSONValue { deferred.value }

  init(value: JSONValue, kind: ResultKind) {
    self.deferred = DeferredJSON(value)
    self.kind = kind
  }

  init(deferred: DeferredJSON, kind: ResultKind) {
    self.deferred = deferred
    self.kind = kind
  }
}

extension Interpreter {
  var source: SourceFile { frames[frames.count - 1].source }

  /// A runtime error located at the start of `range` in the current script.
  func failure(_ message: String, at range: SourceRange, kind: ScriptError.Kind)
    -> ScriptError
  {
    ScriptError(kind, message, at: range.start, in: source)
  }

  func executeStatement(_ statement: Statement, depth: Int) async throws -> StatementResult {
    try Task.checkCancellation()
    let start = ContinuousClock.now
    callStack.append([])
    defer { callStack.removeLast() }
    let outcome: CommandOutcome
    do {
      outcome = try await perform(statement.node, depth: depth)
    } catch var error as ScriptError {
      if error.statementText == nil { error.statementText = statement.text }
      throw error
    }
    let result = StatementResult(
      kind: outcome.kind, deferredValue: outcome.deferred, apiCalls: callStack.last ?? [],
      duration: ContinuousClock.now - start, text: statement.text, location: statement.location,
      depth: depth, nested: [], caption: statement.caption)
    if depth > 0 {
      nestedResults.append(result)
      environment.onNestedResult?(result)
    }
    return result
  }

  private func perform(_ node: StatementNode, depth: Int) async throws -> CommandOutcome {
    switch node {
    case .assignment(let name, _, let pipeline):
      let value = try await evaluate(pipeline).value
      frames[frames.count - 1].variables[name] = value
      return CommandOutcome(value: value, kind: .assignment(name: name))
    case .expect(let condition, let message):
      try await expect(condition, message: message)
      return CommandOutcome(
        value: .bool(true), kind: .expectation(source.text(in: condition.range)))
    case .expectError(let expectation):
      return try await expectError(expectation)
    case .conditional(let condition, let then, let otherwise):
      let holds = ValueOperations.isTrue(try await evaluate(condition))
      try await executeBlock(holds ? then : otherwise ?? [], depth: depth + 1)
      return CommandOutcome(value: .null, kind: .none)
    case .loop(let variable, _, let sequence, let body):
      let value = try await evaluate(sequence)
      let elements: [JSONValue]
      switch value {
      case .array(let items): elements = items
      case .object(let members): elements = members.keys.sorted().map { .string($0) }
      default:
        throw failure(
          "'for' needs an array (or an object, for its keys), not \(value.typeName); use 'repeat N' to count",
          at: sequence.range)
      }
      for element in elements {
        frames[frames.count - 1].variables[variable] = element
        try await executeBlock(body, depth: depth + 1)
      }
      return CommandOutcome(value: .null, kind: .none)
    case .repeat(let countExpression, let body):
      let count = try await evaluate(countExpression)
      guard let times = count.intValue, times >= 0 else {
        throw failure(
          "'repeat' needs a whole number of times, not \(ValueText.display(count))",
          at: countExpression.range)
      }
      for _ in 0..<times {
        try await executeBlock(body, depth: depth + 1)
      }
      return CommandOutcome(value: .null, kind: .none)
    case .pipeline(let pipeline):
      return try await evaluate(pipeline)
    case .narration:
      return CommandOutcome(value: .null, kind: .none)
    }
  }

  func executeBlock(_ statements: [Statement], depth: Int) async throws {
    for statement in statements {
      _ = try await executeStatement(statement, depth: depth)
    }
  }

  /// Runs the stages of a pipeline, binding `$` to the previous stage's value.
  func evaluate(_ pipeline: Pipeline) async throws -> CommandOutcome {
    var outcome = CommandOutcome(value: .null, kind: .none)
    var pipe: JSONValue?
    for (index, stage) in pipeline.stages.enumerated() {
      switch stage {
      case .command(let command):
        outcome = try await execute(command, pipe: pipe)
      case .expression(let expression):
        outcome = CommandOutcome(value: try await evaluate(expression, pipe: pipe), kind: .value)
      case .path(let path, let range):
        let base = pipe ?? .null
        let value = try await resolve(
          path, in: base, described: "$",
          rootRange: SourceRange(start: range.start, end: range.start), pipe: pipe)
        outcome = CommandOutcome(value: value, kind: .value)
      }
      if index < pipeline.stages.count - 1 { pipe = outcome.value }
    }
    if case .value = outcome.kind, let call = callStack.last?.last {
      outcome.kind = .api(call)
    }
    return outcome
  }

  /// `expect`: on failure, the expression's text and the actual values of its sides.
  private func expect(_ condition: Expression, message: Expression?) async throws {
    let text = source.text(in: condition.range)
    var got: String
    switch condition {
    case .binary(let op, let left, let right, _)
    where ![BinaryOperator.and, .or, .add, .subtract, .multiply, .divide].contains(op):
      let leftValue = try await evaluate(left)
      let rightValue = try await evaluate(right)
      let holds: Bool
      do {
        holds = try ValueOperations.compare(op, leftValue, rightValue)
      } catch {
        throw failure(error.message, at: condition.range)
      }
      if holds { return }
      got = ValueText.display(leftValue)
      if !right.isLiteral {
        got =
          "\(source.text(in: left.range)) = \(got), \(source.text(in: right.range)) = \(ValueText.display(rightValue))"
      }
    default:
      let value = try await evaluate(condition)
      if ValueOperations.isTrue(value) { return }
      got = ValueText.display(value)
    }
    var description = "expected \(text), got \(got)"
    if let message {
      description = ValueText.plain(try await evaluate(message)) + ": " + description
    }
    throw failure(description, at: condition.range, kind: .expectFailed)
  }
}
