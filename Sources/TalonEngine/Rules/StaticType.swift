import Foundation

/// What the rule compiler knows about a value before any data exists: the type of a literal, of
/// a field of the attribute catalogue, of a declared custom attribute or of a function's result.
/// `any` is a value it cannot know (an undeclared attribute, a `set` variable, an unknown name);
/// checks pass for it and the evaluation decides.
indirect enum StaticType: Sendable, Hashable, CustomStringConvertible {
  case any, null, boolean, number, string, time
  case list(StaticType)
  /// An entity of the catalogue (`Session`, `CartItem`, ...): its fields are known.
  case record(String)
  /// The custom attributes of an entity (`Session`, `Profile`, `Item`, `Event`, `Coupon`).
  case attributes(String)
  /// An object whose members are named by data (`Profile.LoyaltyBalances`).
  case map(StaticType)
  /// Any other object (`kv`).
  case object

  /// The type a custom attribute declaration names (`string`, `number`, `boolean`, `time`,
  /// `list`, `object`).
  init?(declared name: String) {
    switch name {
    case "string": self = .string
    case "number": self = .number
    case "boolean": self = .boolean
    case "time": self = .time
    case "list": self = .list(.any)
    case "object": self = .object
    default: return nil
    }
  }

  static let declarableNames = ["string", "number", "boolean", "time", "list", "object"]

  var description: String {
    switch self {
    case .any: "any value"
    case .null: "null"
    case .boolean: "boolean"
    case .number: "number"
    case .string: "string"
    case .time: "time"
    case .list: "list"
    case .record(let entity): entity
    case .attributes(let entity): "\(entity).Attributes"
    case .map, .object: "object"
    }
  }

  /// With an article, for messages ("expects a number, got a string").
  var withArticle: String {
    switch self {
    case .any, .null: description
    case .attributes, .record, .map, .object: "an object"
    default: description.first.map { "aeiou".contains($0) } == true ? "an \(self)" : "a \(self)"
    }
  }

  /// The elements' type for a list, `any` for a value that may be one.
  var element: StaticType? {
    switch self {
    case .list(let element): element
    case .any: .any
    default: nil
    }
  }

  /// True for objects of any kind.
  var isObject: Bool {
    switch self {
    case .record, .attributes, .map, .object: true
    default: false
    }
  }
}
