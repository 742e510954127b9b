import Foundation

extension StreamingJSONDocument {
  /// Encodes `value` as a member, element or single value of container `parent`: a scalar
  /// straight into `bytes`, anything else through its `encode(to:)` into a new container.
  ///
  /// `pathKey` is how the new container's coding path continues from `parent`'s, and
  /// `errorPath` the coding path a non-finite number reports; both are built only when needed.
  func encodeValue<T: Encodable>(
    _ value: T, in parent: Int, at pathKey: @autoclosure () -> PathKey,
    errorPath: () -> [any CodingKey]
  ) throws -> Piece {
    let start = bytes.count
    if try appendScalar(value, errorPath: errorPath) {
      return Piece(start: start, end: bytes.count)
    }
    let child = addNode(parent: parent, pathKey: pathKey())
    try value.encode(to: StreamingEncoder(document: self, node: child))
    // A value that wrote one scalar (a string enum, a wrapper) is that text: no record to walk.
    if nodes[child].kind == .single, child == nodes.count - 1 {
      let single = nodes[child].single
      removeLastNode()
      return single
    }
    return .container(child)
  }

  /// Writes `value` as JSON text and returns true when it is a scalar: the types
  /// `JSONValueEncoder.box` stores directly (checked in the same order, by metatype), then whole
  /// `JSONValue` collections and string arrays (written as the writer writes them), then the
  /// other integer widths and `Float`, which would otherwise ask for themselves again forever.
  ///
  /// `Double` goes through `Decimal(double)` as before; `Float`, which `JSONValueEncoder` could
  /// not encode at all, is written as its own shortest description (`0.1`, `1e-05`).
  func appendScalar<T: Encodable>(_ value: T, errorPath: () -> [any CodingKey]) throws -> Bool {
    if T.self == String.self {
      JSONStringLiteral.append(unsafeBitCast(value, to: String.self), to: &bytes)
    } else if T.self == Int.self {
      DecimalDigits.appendSigned(Int64(unsafeBitCast(value, to: Int.self)), into: &bytes)
    } else if T.self == JSONValue.self {
      JSONTextWriter().write(unsafeBitCast(value, to: JSONValue.self), level: 0, into: &bytes)
    } else if T.self == Decimal.self {
      JSONTextWriter.appendNumber(unsafeBitCast(value, to: Decimal.self), into: &bytes)
    } else if T.self == Bool.self {
      appendBool(unsafeBitCast(value, to: Bool.self))
    } else if T.self == Date.self {
      bytes.append(UInt8(ascii: "\""))
      RFC3339.append(unsafeBitCast(value, to: Date.self), to: &bytes)
      bytes.append(UInt8(ascii: "\""))
    } else if T.self == Double.self {
      try appendDouble(unsafeBitCast(value, to: Double.self), errorPath: errorPath)
    } else if T.self == Int64.self {
      DecimalDigits.appendSigned(unsafeBitCast(value, to: Int64.self), into: &bytes)
    } else if T.self == URL.self {
      JSONStringLiteral.append(unsafeBitCast(value, to: URL.self).absoluteString, to: &bytes)
    } else if T.self == [String: JSONValue].self {
      let members = unsafeBitCast(value, to: [String: JSONValue].self)
      JSONTextWriter().write(.object(members), level: 0, into: &bytes)
    } else if T.self == [JSONValue].self {
      let elements = unsafeBitCast(value, to: [JSONValue].self)
      JSONTextWriter().write(.array(elements), level: 0, into: &bytes)
    } else if T.self == [String].self {
      appendStrings(unsafeBitCast(value, to: [String].self))
    } else {
      return try appendOtherNumber(value, errorPath: errorPath)
    }
    return true
  }

  func appendBool(_ flag: Bool) {
    bytes.append(contentsOf: flag ? JSONTextWriter.true : JSONTextWriter.false)
  }

  func appendNull() {
    bytes.append(contentsOf: JSONTextWriter.null)
  }

  func appendDouble(_ number: Double, errorPath: () -> [any CodingKey]) throws {
    guard number.isFinite else {
      throw EncodingError.invalidValue(
        number,
        EncodingError.Context(
          codingPath: errorPath(), debugDescription: "\(number) is not valid JSON"))
    }
    JSONTextWriter.appendNumber(Decimal(number), into: &bytes)
  }

  private func appendStrings(_ strings: [String]) {
    guard !strings.isEmpty else {
      bytes.append(contentsOf: "[]".utf8)
      return
    }
    bytes.append(UInt8(ascii: "["))
    for (index, string) in strings.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      JSONStringLiteral.append(string, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  private func appendOtherNumber<T>(_ value: T, errorPath: () -> [any CodingKey]) throws -> Bool {
    if T.self == Int32.self {
      DecimalDigits.appendSigned(Int64(unsafeBitCast(value, to: Int32.self)), into: &bytes)
    } else if T.self == UInt64.self {
      DecimalDigits.appendUnsigned(unsafeBitCast(value, to: UInt64.self), into: &bytes)
    } else if T.self == UInt.self {
      DecimalDigits.appendUnsigned(UInt64(unsafeBitCast(value, to: UInt.self)), into: &bytes)
    } else if T.self == UInt32.self {
      DecimalDigits.appendUnsigned(UInt64(unsafeBitCast(value, to: UInt32.self)), into: &bytes)
    } else if T.self == Int16.self {
      DecimalDigits.appendSigned(Int64(unsafeBitCast(value, to: Int16.self)), into: &bytes)
    } else if T.self == UInt16.self {
      DecimalDigits.appendUnsigned(UInt64(unsafeBitCast(value, to: UInt16.self)), into: &bytes)
    } else if T.self == Int8.self {
      DecimalDigits.appendSigned(Int64(unsafeBitCast(value, to: Int8.self)), into: &bytes)
    } else if T.self == UInt8.self {
      DecimalDigits.appendUnsigned(UInt64(unsafeBitCast(value, to: UInt8.self)), into: &bytes)
    } else if T.self == Float.self {
      let number = unsafeBitCast(value, to: Float.self)
      guard number.isFinite else {
        throw EncodingError.invalidValue(
          number,
          EncodingError.Context(
            codingPath: errorPath(), debugDescription: "\(number) is not valid JSON"))
      }
      bytes.append(contentsOf: number.description.utf8)
    } else {
      return false
    }
    return true
  }
}
