import Foundation

/// Decodes a `Decodable` value straight from a `JSONValue`, so a body that was parsed once
/// (to validate it against the reference, or to hold it as a script value) is not turned back
/// into text for `JSONDecoder`.
///
/// It reports failures as `JSONDecoder` does (the same `DecodingError` cases with the coding
/// path), so `WireCoding` names the same JSON pointer and problem either way. Decisions: a
/// number decodes as an integer only when it is whole and fits; `null` for an optional member
/// (even a `JSONValue?`) is absent, as for `JSONDecoder`.
public enum JSONValueDecoder {
  public static func decode<T: Decodable>(
    _ type: T.Type, from value: JSONValue,
    dates: JSONValueEncoder.DateStrategy = .rfc3339
  ) throws -> T {
    try unbox(value, as: type, dates: dates, path: [])
  }

  static func unbox<T: Decodable>(
    _ value: JSONValue, as type: T.Type, dates: JSONValueEncoder.DateStrategy,
    path: @autoclosure () -> [any CodingKey]
  ) throws -> T {
    if T.self == String.self { return unsafeBitCast(try string(value, path()), to: T.self) }
    if T.self == Int.self { return unsafeBitCast(try int(value, path()), to: T.self) }
    if T.self == JSONValue.self { return unsafeBitCast(value, to: T.self) }
    if T.self == Decimal.self {
      return unsafeBitCast(try decimal(value, Decimal.self, path()), to: T.self)
    }
    if T.self == Bool.self { return unsafeBitCast(try bool(value, path()), to: T.self) }
    if T.self == Date.self { return unsafeBitCast(try date(value, dates, path()), to: T.self) }
    if T.self == Double.self { return unsafeBitCast(try double(value, path()), to: T.self) }
    return try T(from: ValueDecoder(value: value, dates: dates, codingPath: path()))
  }

  static func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey])
    -> DecodingError
  {
    DecodingError.typeMismatch(
      type,
      DecodingError.Context(
        codingPath: path,
        debugDescription: "Expected to decode \(type) but found \(value.typeName) instead."))
  }

  static func string(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws
    -> String
  {
    guard case .string(let text) = value else { throw mismatch(String.self, value, path()) }
    return text
  }

  static func bool(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
    guard case .bool(let flag) = value else { throw mismatch(Bool.self, value, path()) }
    return flag
  }

  static func decimal(
    _ value: JSONValue, _ type: Any.Type, _ path: @autoclosure () -> [any CodingKey]
  ) throws -> Decimal {
    guard case .number(let number) = value else { throw mismatch(type, value, path()) }
    return number
  }

  static func int(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Int {
    let number = try decimal(value, Int.self, path())
    guard let whole = value.intValue else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: path(),
          debugDescription: "expected a whole number, not \(number)")
      )
    }
    return whole
  }

  /// A `Double` from the number's exact digits (correctly rounded, as `JSONDecoder` reads it).
  static func double(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws
    -> Double
  {
    let number = try decimal(value, Double.self, path())
    return Double(number.description) ?? NSDecimalNumber(decimal: number).doubleValue
  }

  static func date(
    _ value: JSONValue, _ strategy: JSONValueEncoder.DateStrategy,
    _ path: @autoclosure () -> [any CodingKey]
  ) throws -> Date {
    switch strategy {
    case .secondsSince1970:
      return Date(timeIntervalSince1970: try double(value, path()))
    case .rfc3339:
      let text = try string(value, path())
      guard let date = RFC3339.date(from: text) else {
        throw DecodingError.dataCorrupted(
          DecodingError.Context(
            codingPath: path(), debugDescription: "'\(text)' is not an RFC 3339 date-time"))
      }
      return date
    }
  }
}

private struct ValueDecoder: Decoder {
  let value: JSONValue
  let dates: JSONValueEncoder.DateStrategy
  var codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let members) = value else {
      throw JSONValueDecoder.mismatch([String: JSONValue].self, value, codingPath)
    }
    return KeyedDecodingContainer(
      KeyedValueContainer(members: members, dates: dates, codingPath: codingPath))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let elements) = value else {
      throw JSONValueDecoder.mismatch([JSONValue].self, value, codingPath)
    }
    return UnkeyedValueContainer(elements: elements, dates: dates, codingPath: codingPath)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    SingleValueContainer(value: value, dates: dates, codingPath: codingPath)
  }
}

private struct KeyedValueContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let members: [String: JSONValue]
  let dates: JSONValueEncoder.DateStrategy
  var codingPath: [any CodingKey]

  var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

  func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

  private func keyNotFound(_ key: Key) -> DecodingError {
    DecodingError.keyNotFound(
      key,
      DecodingError.Context(
        codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue)."
      ))
  }

  private func member(_ key: Key, _ type: Any.Type) throws -> JSONValue {
    guard let value = members[key.stringValue] else { throw keyNotFound(key) }
    if case .null = value {
      throw DecodingError.valueNotFound(
        type,
        DecodingError.Context(
          codingPath: codingPath + [key],
          debugDescription: "Expected \(type) value but found null instead."))
    }
    return value
  }

  func decodeNil(forKey key: Key) throws -> Bool {
    guard let value = members[key.stringValue] else { throw keyNotFound(key) }
    return value.isNull
  }

  func decode(_ type: String.Type, forKey key: Key) throws -> String {
    try JSONValueDecoder.string(try member(key, type), codingPath + [key])
  }

  func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
    try JSONValueDecoder.int(try member(key, type), codingPath + [key])
  }

  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
    try JSONValueDecoder.bool(try member(key, type), codingPath + [key])
  }

  func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
    try JSONValueDecoder.double(try member(key, type), codingPath + [key])
  }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try JSONValueDecoder.unbox(
      try member(key, type), as: type, dates: dates, path: codingPath + [key])
  }

  func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
    guard let value = members[key.stringValue], !value.isNull else { return nil }
    return try JSONValueDecoder.string(value, codingPath + [key])
  }

  func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
    guard let value = members[key.stringValue], !value.isNull else { return nil }
    return try JSONValueDecoder.int(value, codingPath + [key])
  }

  func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
    guard let value = members[key.stringValue], !value.isNull else { return nil }
    return try JSONValueDecoder.bool(value, codingPath + [key])
  }

  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    guard let value = members[key.stringValue], !value.isNull else { return nil }
    return try JSONValueDecoder.unbox(value, as: type, dates: dates, path: codingPath + [key])
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
    throws -> KeyedDecodingContainer<NestedKey>
  {
    try ValueDecoder(
      value: try member(key, [String: JSONValue].self), dates: dates,
      codingPath: codingPath + [key]
    ).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try ValueDecoder(
      value: try member(key, [JSONValue].self), dates: dates, codingPath: codingPath + [key]
    ).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    ValueDecoder(value: members["super"] ?? .null, dates: dates, codingPath: codingPath)
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    ValueDecoder(
      value: members[key.stringValue] ?? .null, dates: dates, codingPath: codingPath + [key])
  }
}

private struct UnkeyedValueContainer: UnkeyedDecodingContainer {
  let elements: [JSONValue]
  let dates: JSONValueEncoder.DateStrategy
  var codingPath: [any CodingKey]
  var currentIndex = 0

  init(elements: [JSONValue], dates: JSONValueEncoder.DateStrategy, codingPath: [any CodingKey]) {
    self.elements = elements
    self.dates = dates
    self.codingPath = codingPath
  }

  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  /// The path of the element at `index` (made only when needed: most elements never fail).
  private func path(at index: Int) -> [any CodingKey] {
    codingPath + [IndexCodingKey(index)]
  }

  /// The next element and its index.
  private mutating func next(_ type: Any.Type) throws -> (JSONValue, Int) {
    let index = currentIndex
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        type,
        DecodingError.Context(
          codingPath: path(at: index), debugDescription: "Unkeyed container is at end."))
    }
    let value = elements[index]
    if case .null = value, type != JSONValue.self {
      throw DecodingError.valueNotFound(
        type,
        DecodingError.Context(
          codingPath: path(at: index), debugDescription: "Expected \(type) but found null instead."
        ))
    }
    currentIndex += 1
    return (value, index)
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, elements[currentIndex].isNull else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode(_ type: String.Type) throws -> String {
    let (value, index) = try next(type)
    return try JSONValueDecoder.string(value, path(at: index))
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let (value, index) = try next(type)
    return try JSONValueDecoder.unbox(value, as: type, dates: dates, path: path(at: index))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    let (value, index) = try next([String: JSONValue].self)
    return try ValueDecoder(value: value, dates: dates, codingPath: path(at: index))
      .container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let (value, index) = try next([JSONValue].self)
    return try ValueDecoder(value: value, dates: dates, codingPath: path(at: index))
      .unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    let (value, index) = try next(JSONValue.self)
    return ValueDecoder(value: value, dates: dates, codingPath: path(at: index))
  }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
  let value: JSONValue
  let dates: JSONValueEncoder.DateStrategy
  var codingPath: [any CodingKey]

  func decodeNil() -> Bool { value.isNull }

  func decode(_ type: String.Type) throws -> String {
    try JSONValueDecoder.string(value, codingPath)
  }

  func decode(_ type: Bool.Type) throws -> Bool { try JSONValueDecoder.bool(value, codingPath) }

  func decode(_ type: Int.Type) throws -> Int { try JSONValueDecoder.int(value, codingPath) }

  func decode(_ type: Double.Type) throws -> Double {
    try JSONValueDecoder.double(value, codingPath)
  }

  func decode<T: Decodable>(_ type: T.Type) throws -> T {
    if case .null = value, T.self != JSONValue.self {
      throw DecodingError.valueNotFound(
        type,
        DecodingError.Context(
          codingPath: codingPath, debugDescription: "Expected \(type) but found null instead."))
    }
    return try JSONValueDecoder.unbox(value, as: type, dates: dates, path: codingPath)
  }
}
