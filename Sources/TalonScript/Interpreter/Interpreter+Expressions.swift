import Foundation
import TalonAPI

extension Interpreter {
  /// The value of an expression; `pipe` is what `$` holds (inside a pipe).
  func evaluate(_ expression: Expression, pipe: JSONValue? = nil) async throws -> JSONValue {
    switch expression {
    case .literal(let value, _):
      return value
    case .interpolated(let parts, _):
      var text = ""
      for part in parts {
        switch part {
        case .text(let literal): text += literal
        case .expression(let inner): text += ValueText.plain(try await evaluate(inner, pipe: pipe))
        }
      }
      return .string(text)
    case .array(let elements, _):
      var values: [JSONValue] = []
      for element in elements { values.append(try await evaluate(element, pipe: pipe)) }
      return .array(values)
    case .object(let members, _):
      var object: [String: JSONValue] = [:]
      for member in members { object[member.key] = try await evaluate(member.value, pipe: pipe) }
      return .object(object)
    case .reference(let reference):
      return try await resolve(reference, pipe: pipe)
    case .call(let name, let arguments, let range):
      var values: [JSONValue] = []
      for argument in arguments { values.append(try await evaluate(argument, pipe: pipe)) }
      return try await call(name, values, at: range)
    case .unary(let op, let operand, let range):
      let value = try await evaluate(operand, pipe: pipe)
      switch op {
      case .not: return .bool(!ValueOperations.isTrue(value))
      case .negate:
        guard case .number(let number) = value else {
          throw failure(
            "cannot negate \(value.typeName) \(ValueText.display(value, limit: 40))", at: range)
        }
        return .number(-number)
      }
    case .binary(let op, let left, let right, let range):
      switch op {
      case .and:
        guard ValueOperations.isTrue(try await evaluate(left, pipe: pipe)) else {
          return .bool(false)
        }
        return .bool(ValueOperations.isTrue(try await evaluate(right, pipe: pipe)))
      case .or:
        if ValueOperations.isTrue(try await evaluate(left, pipe: pipe)) { return .bool(true) }
        return .bool(ValueOperations.isTrue(try await evaluate(right, pipe: pipe)))
      case .add, .subtract, .multiply, .divide:
        let a = try await evaluate(left, pipe: pipe)
        let b = try await evaluate(right, pipe: pipe)
        do {
          return try ValueOperations.arithmetic(op, a, b)
        } catch {
          throw failure(error.message, at: range)
        }
      default:
        let a = try await evaluate(left, pipe: pipe)
        let b = try await evaluate(right, pipe: pipe)
        do {
          return .bool(try ValueOperations.compare(op, a, b))
        } catch {
          throw failure(error.message, at: range)
        }
      }
    case .path(let base, let path, _):
      let value = try await evaluate(base, pipe: pipe)
      return try await resolve(
        path, in: value, described: source.text(in: base.range), rootRange: base.range, pipe: pipe)
    }
  }

  /// The functions `len`, `keys`, `uuid`, `now`, `random`.
  private func call(_ name: String, _ arguments: [JSONValue], at range: SourceRange) async throws
    -> JSONValue
  {
    func arity(_ count: Int) throws {
      guard arguments.count == count else {
        throw failure(
          "\(name)() takes \(count) argument\(count == 1 ? "" : "s"), not \(arguments.count)",
          at: range)
      }
    }
    switch name {
    case "len":
      try arity(1)
      switch arguments[0] {
      case .string(let text): return .number(Decimal(text.count))
      case .array(let elements): return .number(Decimal(elements.count))
      case .object(let members): return .number(Decimal(members.count))
      default:
        throw failure(
          "len() needs a string, array or object, not \(arguments[0].typeName)", at: range)
      }
    case "keys":
      try arity(1)
      guard case .object(let members) = arguments[0] else {
        throw failure("keys() needs an object, not \(arguments[0].typeName)", at: range)
      }
      return .array(members.keys.sorted().map { .string($0) })
    case "uuid":
      try arity(0)
      return .string(newUUID())
    case "now":
      try arity(0)
      return .string(RFC3339.string(from: await currentTime()))
    case "random":
      try arity(1)
      guard let bound = arguments[0].intValue, bound > 0 else {
        throw failure(
          "random(n) needs a whole number n > 0, not \(ValueText.display(arguments[0]))", at: range)
      }
      return .number(Decimal(randomInt(below: bound)))
    default:
      throw failure("unknown function \(name)()", at: range)
    }
  }

  func newUUID() -> String {
    if var generator = random {
      let text = generator.uuidString()
      random = generator
      return text
    }
    return UUID().uuidString.lowercased()
  }

  func randomInt(below bound: Int) -> Int {
    if var generator = random {
      let value = Int.random(in: 0..<bound, using: &generator)
      random = generator
      return value
    }
    return Int.random(in: 0..<bound)
  }

  /// The backend's time when it has a clock, else the host's wall clock.
  func currentTime() async -> Date {
    if let backendClock { return await backendClock.now() }
    return environment.wallClock()
  }
}
