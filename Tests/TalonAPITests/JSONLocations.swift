@testable import TalonAPI

/// Locations inside a JSON value (member names and array positions from the root) and edits at
/// them, for tests that mutate valid bodies.
enum JSONStep: Hashable {
  case member(String)
  case element(Int)
}

extension SchemaValidatorEquivalenceTests {
  /// Every location in `value`, the root (`[]`) first, parents before children.
  static func locations(in value: JSONValue) -> [[JSONStep]] {
    var found: [[JSONStep]] = [[]]
    switch value {
    case .object(let members):
      for name in members.keys.sorted() {
        found += locations(in: members[name] ?? .null).map { [.member(name)] + $0 }
      }
    case .array(let elements):
      for (position, element) in elements.enumerated() {
        found += locations(in: element).map { [.element(position)] + $0 }
      }
    default:
      break
    }
    return found
  }

  static func value(at location: [JSONStep], in value: JSONValue) -> JSONValue? {
    guard let step = location.first else { return value }
    switch (step, value) {
    case (.member(let name), .object(let members)):
      return members[name].flatMap { Self.value(at: Array(location.dropFirst()), in: $0) }
    case (.element(let position), .array(let elements)) where elements.indices.contains(position):
      return Self.value(at: Array(location.dropFirst()), in: elements[position])
    default:
      return nil
    }
  }

  /// `value` with the value at `location` replaced (nil: removed).
  static func replacing(
    _ location: [JSONStep], in value: JSONValue, with replacement: JSONValue?
  ) -> JSONValue {
    guard let step = location.first else { return replacement ?? .null }
    let rest = Array(location.dropFirst())
    switch (step, value) {
    case (.member(let name), .object(var members)):
      guard let member = members[name] else { return value }
      members[name] =
        rest.isEmpty && replacement == nil ? nil : replacing(rest, in: member, with: replacement)
      return .object(members)
    case (.element(let position), .array(var elements)) where elements.indices.contains(position):
      if rest.isEmpty, replacement == nil {
        elements.remove(at: position)
      } else {
        elements[position] = replacing(rest, in: elements[position], with: replacement)
      }
      return .array(elements)
    default:
      return value
    }
  }

  static func removing(_ location: [JSONStep], from value: JSONValue) -> JSONValue {
    replacing(location, in: value, with: nil)
  }
}
