import Foundation
import TalonAPI

extension Interpreter {
  /// The value of `$name` and its path. Missing variables and fields are errors naming the
  /// path and what exists at that level.
  func resolve(_ reference: Reference, pipe: JSONValue?) async throws -> JSONValue {
    let frame = frames[frames.count - 1]
    let root: JSONValue
    switch reference.name {
    case "":
      guard let pipe else {
        throw failure("$ is only set on the right side of a pipe ('|')", at: reference.nameRange)
      }
      root = pipe
    case "last": root = last
    case "profile": root = contextState.profileId.map { .string($0) } ?? .null
    case "session": root = contextState.sessionId.map { .string($0) } ?? .null
    case "env":
      if case .field(let name, let range) = reference.path.first {
        guard let value = environment.variables[name] else {
          throw failure("environment variable '\(name)' is not set", at: range)
        }
        return try await resolve(
          Array(reference.path.dropFirst()), in: .string(value), described: "$env.\(name)",
          rootRange: reference.nameRange, pipe: pipe)
      }
      root = .object(environment.variables.mapValues { .string($0) })
    case "args": root = .object(frame.arguments)
    case "runid": root = .string(environment.runId)
    default:
      guard let value = frame.variables[reference.name] else {
        let names = frame.variables.keys.sorted()
        let known = names.isEmpty ? "no variables are set" : "variables: " + Self.list(names)
        throw failure("unknown variable $\(reference.name); \(known)", at: reference.nameRange)
      }
      root = value
    }
    return try await resolve(
      reference.path, in: root, described: "$" + reference.name, rootRange: reference.nameRange,
      pipe: pipe)
  }

  static func list(_ names: [String], limit: Int = 20) -> String {
    names.count > limit
      ? names.prefix(limit).joined(separator: ", ") + ", ... (\(names.count) in all)"
      : names.joined(separator: ", ")
  }

  /// Walks `path` from `value`; `described` is the text of what has been walked so far.
  func resolve(
    _ path: [PathComponent], in value: JSONValue, described: String, rootRange: SourceRange,
    pipe: JSONValue?
  ) async throws -> JSONValue {
    var current = value
    var walked = described
    for component in path {
      switch component {
      case .field(let name, let range):
        current = try step(current, field: name, walked: walked, at: range)
        walked += "." + name
      case .index(let expression, let range):
        let index = try await evaluate(expression, pipe: pipe)
        switch index {
        case .string(let name):
          current = try step(current, field: name, walked: walked, at: range)
          walked += "[\(index.jsonText)]"
        case .number:
          guard let position = index.intValue else {
            throw failure("index \(ValueText.display(index)) is not a whole number", at: range)
          }
          current = try step(current, index: position, walked: walked, at: range)
          walked += "[\(position)]"
        default:
          throw failure("an index is a number or a string, not \(index.typeName)", at: range)
        }
      }
    }
    return current
  }

  private func step(_ value: JSONValue, field: String, walked: String, at range: SourceRange) throws
    -> JSONValue
  {
    switch value {
    case .object(let members):
      if let found = members[field] { return found }
      let fields = members.keys.sorted()
      let known = fields.isEmpty ? "it is an empty object" : "fields: " + Self.list(fields)
      throw failure("no field '\(field)' in \(walked); \(known)", at: range)
    case .array(let elements):
      if let position = Int(field) {
        return try step(value, index: position, walked: walked, at: range)
      }
      throw failure(
        "\(walked) is an array (\(elements.count) elements), not an object; use an index like \(walked)[0]",
        at: range)
    case .null:
      throw failure("\(walked) is null, so it has no field '\(field)'", at: range)
    default:
      throw failure(
        "\(walked) is a \(value.typeName) (\(ValueText.display(value, limit: 40))), not an object; no field '\(field)'",
        at: range)
    }
  }

  private func step(_ value: JSONValue, index: Int, walked: String, at range: SourceRange) throws
    -> JSONValue
  {
    guard case .array(let elements) = value else {
      throw failure(
        "\(walked) is \(value.typeName == "object" ? "an" : "a") \(value.typeName), not an array; cannot take [\(index)]",
        at: range)
    }
    let position = index < 0 ? elements.count + index : index
    guard elements.indices.contains(position) else {
      throw failure(
        "index \(index) is out of range for \(walked) (\(elements.count) element\(elements.count == 1 ? "" : "s"))",
        at: range)
    }
    return elements[position]
  }
}
