import Foundation

/// The answer of an operation with a `silent` query parameter (today's bulk operations and
/// `trackEventV2`): with `silent=yes`, the reference's default, there is none (HTTP 204, no
/// body); with `silent=no` it is `value` (the operation's first success status).
///
/// On the wire an absent answer is no body at all; as JSON (the call record, `$last`) it is
/// `null`. `talon serve` answers 204 for it, and the HTTP client reads a 204 as an absent one.
public struct SilentAnswer<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
  /// The answer; nil when the call was silent.
  public var value: Value?

  public init(_ value: Value?) {
    self.value = value
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    value = container.decodeNil() ? nil : try container.decode(Value.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let value { try container.encode(value) } else { try container.encodeNil() }
  }
}

/// An answer that may be absent (HTTP 204) though the operation has a body type.
public protocol AbsentableAnswer {
  /// True when there is no answer to send.
  var isAbsent: Bool { get }
}

extension SilentAnswer: AbsentableAnswer {
  public var isAbsent: Bool { value == nil }
}

/// The `silent` query parameter of today's operations: `yes` (the default) or `no`.
public enum Silence {
  /// The catalogue's declaration of the parameter.
  public static let parameter = QueryParameter("silent", .string, default: .string("yes"))

  /// True unless `silent` is `no`; a value other than `yes` or `no` is a 400 naming the
  /// parameter (docs/behaviour.md, "Silent answers").
  public static func isSilent(_ arguments: OperationArguments) throws -> Bool {
    guard case .string(let text)? = arguments.query["silent"] else { return true }
    switch text {
    case "yes": return true
    case "no": return false
    default:
      throw IntegrationError.badRequest(
        "the query parameter silent must be yes or no, not \"\(text)\"", title: "enum",
        parameter: "silent")
    }
  }

  /// The query value for a caller's choice (nil leaves the default).
  public static func query(_ silent: Bool?) -> QueryValue? {
    silent.map { .string($0 ? "yes" : "no") }
  }
}
