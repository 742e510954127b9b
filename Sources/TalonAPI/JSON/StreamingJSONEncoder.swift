import Foundation

/// Turns an `Encodable` value into compact wire JSON bytes while its `encode(to:)` runs,
/// without building a `JSONValue` first. `WireCoding.encode` uses it.
///
/// Why: encoding a response (or a request, in the HTTP client) as `JSONValueEncoder` then
/// `JSONTextWriter` built a whole tree of dictionaries and enum boxes only to walk it once, and
/// that tree cost most of the ~10-14 % of CPU that encoding took on both sides of the HTTP API.
/// Here scalars are written as text as they come and containers are small records in flat
/// arrays (`StreamingJSONDocument`), joined into the text once at the end.
///
/// Decisions:
/// - The output is byte for byte `JSONTextWriter().data(JSONValueEncoder.encode(value))`: keys
///   sorted by String `<`, the last write of a key wins, nil optionals absent (`encodeIfPresent`
///   writes nothing, `encodeNil` writes `null`), a value that writes nothing is `{}`, numbers
///   as `JSONTextWriter.appendNumber` writes them, dates as RFC 3339 strings, URLs as their
///   absolute string, non-finite doubles an `EncodingError.invalidValue` with the same coding
///   path. The tests compare both paths on every wire model and on random values.
/// - Dates are always RFC 3339 (the wire); store records with seconds since 1970 keep using
///   `JSONValueEncoder`.
/// - Coding paths are built only when something asks for them (an error, a type reading
///   `codingPath`); their keys carry the original string and int values, not the original key
///   types.
enum StreamingJSONEncoder {
  /// The compact JSON text of `value`.
  static func encode(_ value: some Encodable) throws -> Data {
    Data(try bytes(of: value))
  }

  /// The compact JSON text of `value` as an array of bytes.
  static func bytes(of value: some Encodable) throws -> [UInt8] {
    let document = StreamingJSONDocument()
    let root = try document.encodeValue(value, in: -1, at: .none, errorPath: { [] })
    return document.render(root)
  }
}

/// The encoder handed to each non-scalar value: the document and the container record it
/// fills. Two words, so passing it as `any Encoder` allocates nothing.
struct StreamingEncoder: Encoder {
  let document: StreamingJSONDocument
  let node: Int

  var codingPath: [any CodingKey] { document.codingPath(of: node) }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    document.becomeObject(node)
    return KeyedEncodingContainer(StreamingKeyedContainer<Key>(document: document, node: node))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    document.becomeArray(node)
    return StreamingUnkeyedContainer(document: document, node: node)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    StreamingSingleValueContainer(document: document, node: node)
  }
}
