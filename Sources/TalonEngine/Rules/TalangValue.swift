import Foundation
import TalonAPI

/// A value of the Talang rule language: JSON's values plus times. Numbers are exact decimals.
enum TalangValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(Decimal)
  case string(String)
  case time(Date)
  case list([TalangValue])
  case object([String: TalangValue])

  init(_ json: JSONValue) {
    switch json {
    case .null: self = .null
    case .bool(let value): self = .bool(value)
    case .number(let value): self = .number(value)
    case .string(let value): self = .string(value)
    case .array(let values): self = .list(values.map(TalangValue.init))
    case .object(let members): self = .object(members.mapValues(TalangValue.init))
    }
  }

  /// The JSON form (times as RFC 3339 strings).
  var json: JSONValue {
    switch self {
    case .null: .null
    case .bool(let value): .bool(value)
    case .number(let value): .number(value)
    case .string(let value): .string(value)
    case .time(let value): .string(RFC3339.string(from: value))
    case .list(let values): .array(values.map(\.json))
    case .object(let members): .object(members.mapValues(\.json))
    }
  }

  var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .time: "time"
    case .list: "list"
    case .object: "object"
    }
  }

  /// Text for `toString` and string joining.
  var text: String {
    switch self {
    case .string(let value): value
    case .number(let value): "\(value)"
    case .bool(let value): value ? "true" : "false"
    case .null: "null"
    case .time(let value): RFC3339.string(from: value)
    case .list, .object: json.jsonText
    }
  }
}

/// A failure while evaluating one rule: the rule is skipped, the request goes on.
struct RuleFailure: Error, Sendable, CustomStringConvertible {
  var message: String
  var description: String { message }
}
