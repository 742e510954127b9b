import Foundation

/// Turns an `Encodable` value straight into a `JSONValue`, the way the wire writes it (dates as
/// RFC 3339 strings, exact decimals, nil optionals absent), without producing JSON text and
/// parsing it back.
///
/// It is the first half of every wire encoding (`WireCoding.encode` writes the value with
/// `JSONTextWriter`), and builds `$last` for every result in the script interpreter, so it is
/// on the hot path: scalars are stored directly, and only containers asked for as nested
/// containers are kept as builders until the value is finished.
public enum JSONValueEncoder {
  /// How `Date`s are written.
  public enum DateStrategy: Sendable {
    /// RFC 3339 date-time strings (the wire).
    case rfc3339
    /// Seconds since 1970 as a number (talon's own store records).
    case secondsSince1970
  }

  public static func encode(_ value: some Encodable, dates: DateStrategy = .rfc3339) throws
    -> JSONValue
  {
    try box(value, dates: dates, path: [])
  }

  /// Wire scalars directly, anything else through its `encode(to:)`.
  ///
  /// The path is an autoclosure: it is built only when a nested value needs it, not for every
  /// scalar. The type checks compare metatypes, and the casts after them cannot fail.
  static func box<T: Encodable>(
    _ value: T, dates: DateStrategy, path: @autoclosure () -> [any CodingKey],
    key: (any CodingKey)? = nil
  ) throws -> JSONValue {
    if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
    if T.self == Int.self { return .number(Decimal(unsafeBitCast(value, to: Int.self))) }
    if T.self == JSONValue.self { return unsafeBitCast(value, to: JSONValue.self) }
    if T.self == Decimal.self { return .number(unsafeBitCast(value, to: Decimal.self)) }
    if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
    if T.self == Date.self { return date(unsafeBitCast(value, to: Date.self), dates) }
    if T.self == Double.self {
      return try double(unsafeBitCast(value, to: Double.self), path() + (key.map { [$0] } ?? []))
    }
    if T.self == Int64.self { return .number(Decimal(unsafeBitCast(value, to: Int64.self))) }
    if T.self == URL.self { return .string(unsafeBitCast(value, to: URL.self).absoluteString) }
    let builder = ValueBuilder()
    try value.encode(
      to: BuilderEncoder(builder: builder, dates: dates, parentPath: path(), key: key))
    return builder.value
  }

  static func date(_ date: Date, _ strategy: DateStrategy) -> JSONValue {
    switch strategy {
    case .rfc3339: .string(RFC3339.string(from: date))
    case .secondsSince1970: .number(Decimal(date.timeIntervalSince1970))
    }
  }

  private static func double(_ number: Double, _ path: [any CodingKey]) throws -> JSONValue {
    guard number.isFinite else {
      throw EncodingError.invalidValue(
        number,
        EncodingError.Context(codingPath: path, debugDescription: "\(number) is not valid JSON"))
    }
    return .number(Decimal(number))
  }
}

/// A JSON value being built. Members and elements are plain values; a container handed out as
/// a nested container stays a builder (it is filled after it is attached) until `value`.
final class ValueBuilder {
  enum Kind { case unset, single, object, array }

  var kind = Kind.unset
  var single = JSONValue.null
  var members: [String: JSONValue] = [:]
  var elements: [JSONValue] = []
  private var nestedMembers: [(key: String, builder: ValueBuilder)] = []
  private var nestedElements: [(index: Int, builder: ValueBuilder)] = []

  /// The finished value; a value nobody wrote anything into is an empty object (as
  /// `JSONEncoder` does).
  var value: JSONValue {
    switch kind {
    case .unset: return .emptyObject
    case .single: return single
    case .object:
      guard !nestedMembers.isEmpty else { return .object(members) }
      var all = members
      for nested in nestedMembers { all[nested.key] = nested.builder.value }
      return .object(all)
    case .array:
      guard !nestedElements.isEmpty else { return .array(elements) }
      var all = elements
      for nested in nestedElements { all[nested.index] = nested.builder.value }
      return .array(all)
    }
  }

  func becomeObject() {
    if kind != .object {
      kind = .object
      members = [:]
    }
  }

  func becomeArray() {
    if kind != .array {
      kind = .array
      elements = []
    }
  }

  func nestedMember(_ key: String) -> ValueBuilder {
    let child = ValueBuilder()
    members[key] = .null
    nestedMembers.append((key, child))
    return child
  }

  func nestedElement() -> ValueBuilder {
    let child = ValueBuilder()
    nestedElements.append((elements.count, child))
    elements.append(.null)
    return child
  }
}

/// The encoder handed to each nested value. Its coding path is put together only when asked
/// for (rarely: our models never read it), from the container's path and the key.
private struct BuilderEncoder: Encoder {
  let builder: ValueBuilder
  let dates: JSONValueEncoder.DateStrategy
  let parentPath: [any CodingKey]
  let key: (any CodingKey)?
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(
    builder: ValueBuilder, dates: JSONValueEncoder.DateStrategy, parentPath: [any CodingKey],
    key: (any CodingKey)? = nil
  ) {
    self.builder = builder
    self.dates = dates
    self.parentPath = parentPath
    self.key = key
  }

  var codingPath: [any CodingKey] {
    guard let key else { return parentPath }
    return parentPath + [key]
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    builder.becomeObject()
    return KeyedEncodingContainer(
      KeyedBuilderContainer(builder: builder, dates: dates, parentPath: parentPath, ownKey: key))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    builder.becomeArray()
    return UnkeyedBuilderContainer(
      builder: builder, dates: dates, parentPath: parentPath, ownKey: key)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleBuilderContainer(builder: builder, dates: dates, parentPath: parentPath, ownKey: key)
  }
}

private struct KeyedBuilderContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let builder: ValueBuilder
  let dates: JSONValueEncoder.DateStrategy
  let parentPath: [any CodingKey]
  let ownKey: (any CodingKey)?
  var codingPath: [any CodingKey] { ownKey.map { parentPath + [$0] } ?? parentPath }

  mutating func encodeNil(forKey key: Key) throws { builder.members[key.stringValue] = .null }
  mutating func encode(_ value: String, forKey key: Key) throws {
    builder.members[key.stringValue] = .string(value)
  }
  mutating func encode(_ value: Bool, forKey key: Key) throws {
    builder.members[key.stringValue] = .bool(value)
  }
  mutating func encode(_ value: Int, forKey key: Key) throws {
    builder.members[key.stringValue] = .number(Decimal(value))
  }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    builder.members[key.stringValue] = try JSONValueEncoder.box(
      value, dates: dates, path: codingPath, key: key)
  }

  mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
    if let value { builder.members[key.stringValue] = .string(value) }
  }
  mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
    if let value { builder.members[key.stringValue] = .number(Decimal(value)) }
  }
  mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
    if let value { builder.members[key.stringValue] = .bool(value) }
  }
  mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
    if let value { try encode(value, forKey: key) }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    BuilderEncoder(
      builder: builder.nestedMember(key.stringValue), dates: dates, parentPath: codingPath, key: key
    ).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    BuilderEncoder(
      builder: builder.nestedMember(key.stringValue), dates: dates, parentPath: codingPath, key: key
    ).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    BuilderEncoder(builder: builder.nestedMember("super"), dates: dates, parentPath: codingPath)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    BuilderEncoder(
      builder: builder.nestedMember(key.stringValue), dates: dates, parentPath: codingPath, key: key
    )
  }
}

private struct UnkeyedBuilderContainer: UnkeyedEncodingContainer {
  let builder: ValueBuilder
  let dates: JSONValueEncoder.DateStrategy
  let parentPath: [any CodingKey]
  let ownKey: (any CodingKey)?
  var codingPath: [any CodingKey] { ownKey.map { parentPath + [$0] } ?? parentPath }
  var count: Int { builder.elements.count }

  mutating func encodeNil() throws { builder.elements.append(.null) }
  mutating func encode(_ value: String) throws { builder.elements.append(.string(value)) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let element = try JSONValueEncoder.box(
      value, dates: dates, path: codingPath, key: IndexCodingKey(count))
    builder.elements.append(element)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    BuilderEncoder(builder: builder.nestedElement(), dates: dates, parentPath: codingPath)
      .container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    BuilderEncoder(builder: builder.nestedElement(), dates: dates, parentPath: codingPath)
      .unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    BuilderEncoder(builder: builder.nestedElement(), dates: dates, parentPath: codingPath)
  }
}

private struct SingleBuilderContainer: SingleValueEncodingContainer {
  let builder: ValueBuilder
  let dates: JSONValueEncoder.DateStrategy
  let parentPath: [any CodingKey]
  let ownKey: (any CodingKey)?
  var codingPath: [any CodingKey] { ownKey.map { parentPath + [$0] } ?? parentPath }

  mutating func encodeNil() throws { set(.null) }
  mutating func encode(_ value: String) throws { set(.string(value)) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    set(try JSONValueEncoder.box(value, dates: dates, path: codingPath))
  }

  private func set(_ value: JSONValue) {
    builder.kind = .single
    builder.single = value
  }
}
