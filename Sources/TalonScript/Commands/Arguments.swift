import Foundation
import TalonAPI

/// Reading command arguments as the types the API needs, with located errors.
extension CommandContext {
  func value(_ expression: Expression, pipe: JSONValue?) async throws -> JSONValue {
    try await evaluate(expression, pipe: pipe)
  }

  /// A string (numbers are accepted as their text: `profile update 42`).
  func string(_ expression: Expression, _ what: String, pipe: JSONValue?) async throws -> String {
    let value = try await evaluate(expression, pipe: pipe)
    switch value {
    case .string(let text): return text
    case .number(let number): return number.description
    default:
      throw failure(
        "\(what) must be a string, not \(value.typeName) \(ValueText.display(value, limit: 60))",
        at: expression.range)
    }
  }

  func optionalString(_ expression: Expression?, _ what: String, pipe: JSONValue?) async throws
    -> String?
  {
    guard let expression else { return nil }
    return try await string(expression, what, pipe: pipe)
  }

  func bool(_ expression: Expression, _ what: String, pipe: JSONValue?) async throws -> Bool {
    let value = try await evaluate(expression, pipe: pipe)
    switch value {
    case .bool(let flag): return flag
    case .string("true"): return true
    case .string("false"): return false
    default:
      throw failure(
        "\(what) must be true or false, not \(ValueText.display(value, limit: 60))",
        at: expression.range)
    }
  }

  func decimal(_ expression: Expression, _ what: String, pipe: JSONValue?) async throws -> Decimal {
    let value = try await evaluate(expression, pipe: pipe)
    if case .number(let number) = value { return number }
    if case .string(let text) = value, DigitLedToken.isJSONNumber(Substring(text)),
      let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    {
      return number
    }
    throw failure(
      "\(what) must be a number, not \(ValueText.display(value, limit: 60))", at: expression.range)
  }

  func integer(_ expression: Expression, _ what: String, pipe: JSONValue?) async throws -> Int {
    let number = try await decimal(expression, what, pipe: pipe)
    guard let whole = JSONValue.number(number).intValue else {
      throw failure(
        "\(what) must be a whole number, not \(number.description)", at: expression.range)
    }
    return whole
  }

  /// A list of strings; a single string is a list of one.
  func stringList(_ expression: Expression, _ what: String, pipe: JSONValue?) async throws
    -> [String]
  {
    let value = try await evaluate(expression, pipe: pipe)
    let elements: [JSONValue]
    switch value {
    case .array(let items): elements = items
    case .string, .number: elements = [value]
    default:
      throw failure(
        "\(what) must be a list of strings, not \(value.typeName)", at: expression.range)
    }
    return try elements.map { element in
      switch element {
      case .string(let text): return text
      case .number(let number): return number.description
      default:
        throw failure(
          "\(what) must be a list of strings; found \(element.typeName)", at: expression.range)
      }
    }
  }

  func object(_ expression: Expression, _ what: String, pipe: JSONValue?) async throws
    -> [String: JSONValue]
  {
    let value = try await evaluate(expression, pipe: pipe)
    guard case .object(let members) = value else {
      throw failure("\(what) must be an object {...}, not \(value.typeName)", at: expression.range)
    }
    return members
  }

  /// A time: RFC 3339 (`2020-05-01T10:00:00Z`) or a date (`2020-05-01`, midnight UTC).
  func date(_ expression: Expression, _ what: String, pipe: JSONValue?) async throws -> Date {
    let text = try await string(expression, what, pipe: pipe)
    if let date = RFC3339.date(from: text) ?? RFC3339.date(from: text + "T00:00:00Z") {
      return date
    }
    throw failure(
      "\(what) must be an RFC 3339 time like 2020-05-01T10:00:00Z, not '\(text)'",
      at: expression.range)
  }

  /// Decodes a value as a wire type; a mismatch names the JSON pointer inside the value.
  func decode<T: Decodable>(
    _ value: JSONValue, as type: T.Type, _ what: String, at range: SourceRange
  )
    throws -> T
  {
    do {
      return try value.decode(type)
    } catch let error as WireCodingError {
      throw failure("\(what) is not valid: \(error)", at: range)
    }
  }

  /// The `key=value` arguments (minus `excluded`) merged with a positional object.
  func attributes(
    of command: CommandNode, positionalObject: Expression?, excluding excluded: Set<String> = [],
    pipe: JSONValue?
  ) async throws -> [String: JSONValue] {
    var attributes: [String: JSONValue] = [:]
    if let positionalObject {
      attributes = try await object(positionalObject, "the attributes", pipe: pipe)
    }
    for argument in command.named where !excluded.contains(argument.key) {
      attributes[argument.key] = try await evaluate(argument.value, pipe: pipe)
    }
    return attributes
  }

  func requireProfile(for command: CommandNode) throws -> String {
    guard let profile = contextState.profileId else {
      throw failure(
        "\(command.name) needs a profile: give an id, or run 'profile update ID' or 'use profile ID' first",
        at: command.range)
    }
    return profile
  }

  func requireSession(for command: CommandNode) throws -> String {
    guard let session = contextState.sessionId else {
      throw failure(
        "\(command.name) needs a session: give an id, or run 'session update ID' or 'use session new' first",
        at: command.range)
    }
    return session
  }
}
