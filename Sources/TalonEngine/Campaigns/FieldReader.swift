import Foundation
import TalonAPI

/// Reads the members of one JSON object of a campaign file, reporting every problem with the
/// member's JSON pointer. `null` counts as absent.
struct FieldReader {
  let members: [String: JSONValue]
  let pointer: String

  init(_ value: JSONValue, at pointer: String, what: String = "an object") throws {
    guard case .object(let members) = value else {
      throw CampaignFileError(pointer: pointer, message: "expected \(what), got \(value.typeName)")
    }
    self.members = members
    self.pointer = pointer
  }

  static func escape(_ key: String) -> String {
    key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }

  func at(_ key: String) -> String { pointer + "/" + Self.escape(key) }

  func value(_ key: String) -> JSONValue? {
    guard let value = members[key], value != .null else { return nil }
    return value
  }

  func require(_ key: String) throws -> JSONValue {
    guard let value = value(key) else {
      throw CampaignFileError(pointer: at(key), message: "'\(key)' is required")
    }
    return value
  }

  func mismatch(_ key: String, _ expected: String, _ value: JSONValue) -> CampaignFileError {
    CampaignFileError(pointer: at(key), message: "expected \(expected), got \(value.typeName)")
  }

  func string(_ key: String) throws -> String? {
    guard let value = value(key) else { return nil }
    guard case .string(let text) = value else { throw mismatch(key, "a string", value) }
    return text
  }

  func nonEmptyString(_ key: String) throws -> String? {
    guard let text = try string(key) else { return nil }
    guard !text.isEmpty else {
      throw CampaignFileError(pointer: at(key), message: "'\(key)' must not be empty")
    }
    return text
  }

  func int(_ key: String, minimum: Int? = nil) throws -> Int? {
    guard let value = value(key) else { return nil }
    guard let number = value.intValue else { throw mismatch(key, "an integer", value) }
    if let minimum, number < minimum {
      throw CampaignFileError(pointer: at(key), message: "must be at least \(minimum)")
    }
    return number
  }

  func decimal(_ key: String) throws -> Decimal? {
    guard let value = value(key) else { return nil }
    guard case .number(let number) = value else { throw mismatch(key, "a number", value) }
    return number
  }

  func bool(_ key: String) throws -> Bool? {
    guard let value = value(key) else { return nil }
    guard case .bool(let flag) = value else { throw mismatch(key, "a boolean", value) }
    return flag
  }

  func date(_ key: String) throws -> Date? {
    guard let text = try string(key) else { return nil }
    guard let date = RFC3339.date(from: text) else {
      throw CampaignFileError(pointer: at(key), message: "'\(text)' is not an RFC 3339 date-time")
    }
    return date
  }

  func array(_ key: String) throws -> [JSONValue]? {
    guard let value = value(key) else { return nil }
    guard case .array(let elements) = value else { throw mismatch(key, "an array", value) }
    return elements
  }

  func object(_ key: String) throws -> FieldReader? {
    guard let value = value(key) else { return nil }
    return try FieldReader(value, at: at(key))
  }

  /// A member whose value must be one of `E.known`.
  func enumValue<E: WireEnum>(_ key: String, _ type: E.Type) throws -> E? {
    guard let text = try string(key) else { return nil }
    return try Self.checked(text, E.self, at: at(key))
  }

  static func checked<E: WireEnum>(_ text: String, _ type: E.Type, at pointer: String) throws -> E {
    let value = E(rawValue: text)
    guard value.isKnown else {
      let allowed = E.known.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
      throw CampaignFileError(
        pointer: pointer, message: "'\(text)' is not one of \(allowed)")
    }
    return value
  }
}
