import Foundation

/// An object of a `StreamingJSONDocument`: each member is recorded with its key; the common
/// scalar types have their own methods, the rest (other numbers, dates, nested values) go
/// through the generic `encode`, which the protocol's remaining requirements also resolve to.
struct StreamingKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let document: StreamingJSONDocument
  let node: Int

  var codingPath: [any CodingKey] { document.codingPath(of: node) }

  private func member(_ key: Key, _ write: (StreamingJSONDocument) -> Void) {
    let key = key.stringValue
    let name = document.appendName(key)
    write(document)
    document.addMember(
      node, key: key, name: name,
      value: StreamingJSONDocument.Piece(start: name.end, end: document.bytes.count))
  }

  mutating func encodeNil(forKey key: Key) throws { member(key) { $0.appendNull() } }

  mutating func encode(_ value: String, forKey key: Key) throws {
    member(key) { JSONStringLiteral.append(value, to: &$0.bytes) }
  }

  mutating func encode(_ value: Bool, forKey key: Key) throws {
    member(key) { $0.appendBool(value) }
  }

  mutating func encode(_ value: Int, forKey key: Key) throws {
    member(key) { DecimalDigits.appendSigned(Int64(value), into: &$0.bytes) }
  }

  mutating func encode(_ value: Double, forKey key: Key) throws {
    let string = key.stringValue
    let name = document.appendName(string)
    try document.appendDouble(value) { codingPath + [key] }
    document.addMember(
      node, key: string, name: name,
      value: StreamingJSONDocument.Piece(start: name.end, end: document.bytes.count))
  }

  mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
    if let value { try encode(value, forKey: key) }
  }

  mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
    if let value { try encode(value, forKey: key) }
  }

  mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
    if let value { try encode(value, forKey: key) }
  }

  mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
    if let value { try encode(value, forKey: key) }
  }

  mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
    if let value { try encode(value, forKey: key) }
  }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    let string = key.stringValue
    let name = document.appendName(string)
    let piece = try document.encodeValue(value, in: node, at: .key(string, key.intValue)) {
      codingPath + [key]
    }
    document.addMember(node, key: string, name: name, value: piece)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    nestedEncoder(key.stringValue, .key(key.stringValue, key.intValue)).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    nestedEncoder(key.stringValue, .key(key.stringValue, key.intValue)).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    nestedEncoder("super", .none)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    nestedEncoder(key.stringValue, .key(key.stringValue, key.intValue))
  }

  private func nestedEncoder(_ key: String, _ pathKey: StreamingJSONDocument.PathKey)
    -> StreamingEncoder
  {
    StreamingEncoder(
      document: document, node: document.nestedMember(of: node, key: key, pathKey: pathKey))
  }
}

/// An array of a `StreamingJSONDocument`: elements are recorded in order.
struct StreamingUnkeyedContainer: UnkeyedEncodingContainer {
  let document: StreamingJSONDocument
  let node: Int

  var codingPath: [any CodingKey] { document.codingPath(of: node) }
  var count: Int { document.nodes[node].elements.count }

  private func element(_ write: (StreamingJSONDocument) -> Void) {
    let start = document.bytes.count
    write(document)
    document.addElement(
      node, value: StreamingJSONDocument.Piece(start: start, end: document.bytes.count))
  }

  mutating func encodeNil() throws { element { $0.appendNull() } }

  mutating func encode(_ value: String) throws {
    element { JSONStringLiteral.append(value, to: &$0.bytes) }
  }

  mutating func encode(_ value: Bool) throws { element { $0.appendBool(value) } }

  mutating func encode(_ value: Int) throws {
    element { DecimalDigits.appendSigned(Int64(value), into: &$0.bytes) }
  }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let index = count
    let piece = try document.encodeValue(value, in: node, at: .index(index)) {
      codingPath + [IndexCodingKey(index)]
    }
    document.addElement(node, value: piece)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    nestedEncoder().container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    nestedEncoder().unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder { nestedEncoder() }

  private func nestedEncoder() -> StreamingEncoder {
    StreamingEncoder(document: document, node: document.nestedElement(of: node))
  }
}

/// The single value of a container record of a `StreamingJSONDocument`; writing again
/// replaces it.
struct StreamingSingleValueContainer: SingleValueEncodingContainer {
  let document: StreamingJSONDocument
  let node: Int

  var codingPath: [any CodingKey] { document.codingPath(of: node) }

  private func single(_ write: (StreamingJSONDocument) -> Void) {
    let start = document.bytes.count
    write(document)
    document.setSingle(
      node, StreamingJSONDocument.Piece(start: start, end: document.bytes.count))
  }

  mutating func encodeNil() throws { single { $0.appendNull() } }

  mutating func encode(_ value: String) throws {
    single { JSONStringLiteral.append(value, to: &$0.bytes) }
  }

  mutating func encode(_ value: Bool) throws { single { $0.appendBool(value) } }

  mutating func encode(_ value: Int) throws {
    single { DecimalDigits.appendSigned(Int64(value), into: &$0.bytes) }
  }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let piece = try document.encodeValue(value, in: node, at: .none) { codingPath }
    document.setSingle(node, piece)
  }
}
