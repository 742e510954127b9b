import Foundation

extension JSONValue: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Decimal.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else if let value = try? container.decode([String: JSONValue].self) {
      self = .object(value)
    } else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "not a JSON value")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }
}

extension JSONValue {
  /// Parses JSON text (UTF-8) strictly (RFC 8259). Throws `WireCodingError.invalidJSON` with
  /// the reason and the byte offset.
  public init(parsing data: Data) throws {
    self = try data.withUnsafeBytes { text throws(WireCodingError) in try JSONParser.parse(text) }
  }

  /// Parses JSON text given as bytes (UTF-8), without copying them first, within `limits`.
  public init(parsingBytes bytes: [UInt8], limits: JSONLimits = .standard) throws {
    self = try bytes.withUnsafeBytes { text throws(WireCodingError) in
      try JSONParser.parse(text, limits: limits)
    }
  }

  /// Parses JSON text.
  public init(parsing text: String) throws {
    try self.init(parsing: Data(text.utf8))
  }

  /// The JSON form of an encodable wire value (dates as RFC 3339, nil optionals absent).
  public init(encoding value: some Encodable) throws {
    self = try JSONValueEncoder.encode(value)
  }

  /// Decodes this value as a wire type; errors name the JSON pointer of the offending field.
  public func decode<T: Decodable>(_ type: T.Type) throws -> T {
    try WireCoding.decode(type, from: self)
  }

  /// Compact JSON text with sorted keys.
  public var jsonText: String {
    JSONTextWriter().text(self)
  }

  /// Indented JSON text with sorted keys.
  public var prettyJSONText: String {
    JSONTextWriter(pretty: true).text(self)
  }
}

extension JSONValue: CustomStringConvertible {
  public var description: String { jsonText }
}
