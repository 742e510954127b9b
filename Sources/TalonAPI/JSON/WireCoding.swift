import Foundation

/// Errors from turning bytes into wire values.
public enum WireCodingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text is not JSON; the reason says where.
  case invalidJSON(String)
  /// The JSON does not fit the expected type: the JSON pointer of the field and the problem.
  case mismatch(pointer: String, message: String)

  public var description: String {
    switch self {
    case .invalidJSON(let reason): "invalid JSON: \(reason)"
    case .mismatch(let pointer, let message):
      pointer.isEmpty ? message : "\(pointer): \(message)"
    }
  }
}

/// The one place that configures JSON encoding and decoding for the wire: RFC 3339 dates,
/// sorted keys, exact decimals. Values go out through `StreamingJSONEncoder` (straight to
/// bytes) and in through `JSONValue` (`JSONParser` and `JSONValueDecoder`); `encoder()` and
/// `decoder()` configure Foundation's coders the same way, for code that needs them.
public enum WireCoding {
  public static func encoder(pretty: Bool = false) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty
      ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      : [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(RFC3339.string(from: date))
    }
    return encoder
  }

  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let container = try decoder.singleValueContainer()
      let text = try container.decode(String.self)
      guard let date = RFC3339.date(from: text) else {
        throw DecodingError.dataCorruptedError(
          in: container, debugDescription: "'\(text)' is not an RFC 3339 date-time")
      }
      return date
    }
    return decoder
  }

  /// Encodes a wire value as compact JSON bytes with sorted keys, streaming (no `JSONValue`
  /// in between); the bytes are those `JSONTextWriter` writes for `JSONValueEncoder`'s value.
  public static func encode(_ value: some Encodable) throws -> Data {
    try StreamingJSONEncoder.encode(value)
  }

  /// Decodes a wire value; a failure becomes a `WireCodingError` naming the JSON pointer.
  public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
    try decode(type, from: try JSONValue(parsing: data))
  }

  /// Decodes a wire value from JSON that is already parsed; a failure becomes a
  /// `WireCodingError.mismatch` naming the JSON pointer.
  public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
    do {
      return try JSONValueDecoder.decode(type, from: value)
    } catch let error as DecodingError {
      let (pointer, message) = locate(error)
      throw WireCodingError.mismatch(pointer: pointer, message: message)
    }
  }

  /// JSON text of a value (sorted keys), for display.
  public static func text(of value: some Encodable, pretty: Bool) -> String {
    guard let json = try? JSONValueEncoder.encode(value) else { return "null" }
    return JSONTextWriter(pretty: pretty).text(json)
  }

  /// The JSON pointer (RFC 6901) of a coding path.
  public static func pointer(_ path: [any CodingKey]) -> String {
    path.map { key in
      let token = key.intValue.map(String.init) ?? key.stringValue
      return "/"
        + token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }.joined()
  }

  static func describe(_ error: DecodingError) -> String {
    locate(error).message
  }

  static func locate(_ error: DecodingError) -> (pointer: String, message: String) {
    switch error {
    case .typeMismatch(let type, let context):
      return (pointer(context.codingPath), "expected \(jsonTypeName(type))")
    case .valueNotFound(let type, let context):
      return (pointer(context.codingPath), "expected \(jsonTypeName(type)), found null")
    case .keyNotFound(let key, let context):
      return (pointer(context.codingPath + [key]), "required field '\(key.stringValue)' is missing")
    case .dataCorrupted(let context):
      let underlying =
        (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
      return (pointer(context.codingPath), underlying ?? context.debugDescription)
    @unknown default:
      return ("", "\(error)")
    }
  }

  private static func jsonTypeName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "string"
    case is Bool.Type: "boolean"
    case is Int.Type, is Int64.Type, is Int32.Type: "integer"
    case is Decimal.Type, is Double.Type: "number"
    case is Date.Type: "date-time string"
    default:
      String(describing: type).hasPrefix("Array") ? "array" : "object"
    }
  }
}
