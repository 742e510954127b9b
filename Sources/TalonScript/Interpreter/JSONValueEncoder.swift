import Foundation
import TalonAPI

/// Turns a wire value straight into a `JSONValue`, the way `WireCoding` would write it (dates as
/// RFC 3339, exact decimals, nil optionals absent) but without producing and re-parsing JSON
/// text: `$last` is built for every API result, so this is on the hot path.
enum JSONValueEncoder {
  static func encode(_ value: some Encodable) throws -> JSONValue {
    try Node.box(value, path: [])
  }
}

/// A value being built: containers are shared references so nested containers can fill them.
private final class Node {
  enum Content {
    case empty
    case value(JSONValue)
    case object([String: Node])
    case array([Node])
  }

  var content: Content = .empty

  var json: JSONValue {
    switch content {
    case .empty: .object([:])
    case .value(let value): value
    case .object(let members): .object(members.mapValues(\.json))
    case .array(let elements): .array(elements.map(\.json))
    }
  }

  /// Wire scalars directly, anything else through its `encode(to:)`.
  static func box<T: Encodable>(_ value: T, path: [any CodingKey]) throws -> JSONValue {
    switch value {
    case let json as JSONValue: return json
    case let decimal as Decimal: return .number(decimal)
    case let date as Date: return .string(RFC3339.string(from: date))
    case let text as String: return .string(text)
    case let flag as Bool: return .bool(flag)
    case let number as Int: return .number(Decimal(number))
    case let number as Int64: return .number(Decimal(number))
    case let number as Int32: return .number(Decimal(Int(number)))
    case let number as Int16: return .number(Decimal(Int(number)))
    case let number as Int8: return .number(Decimal(Int(number)))
    case let number as UInt: return .number(Decimal(number))
    case let number as UInt64: return .number(Decimal(number))
    case let number as UInt32: return .number(Decimal(UInt(number)))
    case let number as UInt16: return .number(Decimal(UInt(number)))
    case let number as UInt8: return .number(Decimal(UInt(number)))
    case let number as Double: return .number(Decimal(number))
    case let number as Float: return .number(Decimal(Double(number)))
    case let url as URL: return .string(url.absoluteString)
    default:
      let node = Node()
      try value.encode(to: NodeEncoder(node: node, codingPath: path))
      return node.json
    }
  }

  func objectMembers() -> [String: Node] {
    if case .object(let members) = content { return members }
    content = .object([:])
    return [:]
  }

  func setMember(_ key: String, _ node: Node) {
    var members = objectMembers()
    members[key] = node
    content = .object(members)
  }

  func append(_ node: Node) {
    var elements: [Node] = []
    if case .array(let existing) = content { elements = existing }
    elements.append(node)
    content = .array(elements)
  }

  static func leaf(_ value: JSONValue) -> Node {
    let node = Node()
    node.content = .value(value)
    return node
  }
}

private struct IndexKey: CodingKey {
  var intValue: Int?
  var stringValue: String { "\(intValue ?? 0)" }
  init(_ index: Int) { intValue = index }
  init?(stringValue: String) { nil }
  init?(intValue: Int) { self.intValue = intValue }
}

private struct NodeEncoder: Encoder {
  let node: Node
  var codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    _ = node.objectMembers()
    return KeyedEncodingContainer(KeyedNodeContainer(node: node, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if case .array = node.content {} else { node.content = .array([]) }
    return UnkeyedNodeContainer(node: node, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleNodeContainer(node: node, codingPath: codingPath)
  }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: Node
  var codingPath: [any CodingKey]

  mutating func encodeNil(forKey key: Key) throws { node.setMember(key.stringValue, .leaf(.null)) }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    node.setMember(key.stringValue, .leaf(try Node.box(value, path: codingPath + [key])))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let child = Node()
    node.setMember(key.stringValue, child)
    return NodeEncoder(node: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let child = Node()
    node.setMember(key.stringValue, child)
    return NodeEncoder(node: child, codingPath: codingPath + [key]).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let child = Node()
    node.setMember("super", child)
    return NodeEncoder(node: child, codingPath: codingPath)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    let child = Node()
    node.setMember(key.stringValue, child)
    return NodeEncoder(node: child, codingPath: codingPath + [key])
  }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
  let node: Node
  var codingPath: [any CodingKey]
  var count: Int {
    if case .array(let elements) = node.content { return elements.count }
    return 0
  }

  mutating func encodeNil() throws { node.append(.leaf(.null)) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    node.append(.leaf(try Node.box(value, path: codingPath + [IndexKey(count)])))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let child = Node()
    node.append(child)
    return NodeEncoder(node: child, codingPath: codingPath).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let child = Node()
    node.append(child)
    return NodeEncoder(node: child, codingPath: codingPath).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let child = Node()
    node.append(child)
    return NodeEncoder(node: child, codingPath: codingPath)
  }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
  let node: Node
  var codingPath: [any CodingKey]

  mutating func encodeNil() throws { node.content = .value(.null) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    node.content = .value(try Node.box(value, path: codingPath))
  }
}
