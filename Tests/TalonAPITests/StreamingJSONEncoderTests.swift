import Foundation
import TalonTestSupport
import Testing

@testable import TalonAPI

/// `StreamingJSONEncoder` writes exactly the bytes of the tree path it replaces
/// (`JSONTextWriter` over `JSONValueEncoder`), for every wire model and for hand-made values
/// that use every corner of the Encoder protocol.
@Suite("Streaming encoder writes the tree path's bytes")
struct StreamingJSONEncoderTests {
  static func treeBytes(_ value: some Encodable) throws -> String {
    JSONTextWriter().text(try JSONValueEncoder.encode(value))
  }

  static func streamedBytes(_ value: some Encodable) throws -> String {
    String(decoding: try StreamingJSONEncoder.bytes(of: value), as: UTF8.self)
  }

  /// Both paths agree, and the text is `expected` when given.
  static func expectSame(
    _ value: some Encodable, _ expected: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let streamed = try streamedBytes(value)
    #expect(streamed == (try treeBytes(value)), sourceLocation: sourceLocation)
    if let expected { #expect(streamed == expected, sourceLocation: sourceLocation) }
  }

  @Test(arguments: JSONValueCodingTests.schemaNames)
  func everyWireModelMatches(schema: String) throws {
    let type = try #require(WireSchemas.types[schema])
    for sample in [
      SchemaSamples().sample(of: schema), SchemaSamples(full: false).sample(of: schema),
    ] {
      func check<T: WireModel>(_ type: T.Type) throws {
        let value = try JSONValueDecoder.decode(T.self, from: sample)
        try Self.expectSame(value)
        #expect(
          try WireCoding.encode(value) == JSONTextWriter().data(JSONValueEncoder.encode(value)))
      }
      try check(type)
    }
  }

  @Test func aKeyWrittenAgainKeepsTheLastValueAndNestedContainersWin() throws {
    struct Repeats: Encodable {
      enum Key: String, CodingKey { case a, b, c }
      enum Other: String, CodingKey { case a, d }
      func encode(to encoder: any Encoder) throws {
        var first = encoder.container(keyedBy: Key.self)
        try first.encode(1, forKey: .a)
        var nested = first.nestedContainer(keyedBy: Key.self, forKey: .b)
        try first.encode("plain", forKey: .b)
        try nested.encode(true, forKey: .c)
        try first.encode(2, forKey: .a)
        var second = encoder.container(keyedBy: Other.self)
        try second.encode(3, forKey: .a)
        try second.encodeNil(forKey: .d)
        try first.encode(Decimal(string: "1.5")!, forKey: .c)
        try first.encode(Decimal(string: "2.5")!, forKey: .c)
      }
    }
    try Self.expectSame(Repeats(), #"{"a":3,"b":{"c":true},"c":2.5,"d":null}"#)
  }

  /// Canonically equivalent keys are one key (as in a dictionary): the first spelling, the
  /// last value.
  @Test func canonicallyEquivalentKeysAreOneKey() throws {
    struct Spellings: Encodable {
      struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
      }
      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(1, forKey: Key(stringValue: "\u{e9}"))
        try container.encode(2, forKey: Key(stringValue: "e\u{301}"))
      }
    }
    try Self.expectSame(Spellings(), "{\"\u{e9}\":2}")
  }

  @Test func nestedContainersFilledAfterLaterSiblingsStaySorted() throws {
    struct Late: Encodable {
      enum Key: String, CodingKey { case z, m, a, list, inner }
      func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: Key.self)
        var inner = outer.nestedContainer(keyedBy: Key.self, forKey: .m)
        var list = outer.nestedUnkeyedContainer(forKey: .list)
        try outer.encode("last", forKey: .z)
        try list.encode(1)
        var element = list.nestedContainer(keyedBy: Key.self)
        var deeper = element.nestedUnkeyedContainer(forKey: .inner)
        try list.encode("three")
        try outer.encode([3, 1], forKey: .a)
        try inner.encode("in", forKey: .z)
        try inner.encode("first", forKey: .a)
        try element.encode(2, forKey: .z)
        try deeper.encodeNil()
        _ = list.nestedUnkeyedContainer()
        _ = inner.nestedContainer(keyedBy: Key.self, forKey: .inner)
      }
    }
    try Self.expectSame(
      Late(),
      #"{"a":[3,1],"list":[1,{"inner":[null],"z":2},"three",[]],"#
        + #""m":{"a":"first","inner":{},"z":"in"},"z":"last"}"#)
  }

  @Test func superEncodersAreNestedContainers() throws {
    struct Base: Encodable {
      var id = 7
    }
    struct Derived: Encodable {
      enum Key: String, CodingKey { case name, base }
      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try Base().encode(to: container.superEncoder())
        try container.encode("d", forKey: .name)
        var single = container.superEncoder(forKey: .base).singleValueContainer()
        try single.encode(Base(id: 8))
        var again = encoder.container(keyedBy: Key.self)
        var list = again.nestedUnkeyedContainer(forKey: .name)
        try Base(id: 9).encode(to: list.superEncoder())
        _ = list.superEncoder()
      }
    }
    try Self.expectSame(
      Derived(), #"{"base":{"id":8},"name":[{"id":9},{}],"super":{"id":7}}"#)
  }

  @Test func nilOptionalsAreAbsentAndExplicitNilsAreNull() throws {
    struct Optionals: Encodable {
      enum Key: String, CodingKey { case absent, absentNumber, explicit, wrapped, list, single }
      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(String?.none, forKey: .absent)
        try container.encodeIfPresent(Decimal?.none, forKey: .absentNumber)
        try container.encodeNil(forKey: .explicit)
        try container.encode(Int?.none, forKey: .wrapped)
        var list = container.nestedUnkeyedContainer(forKey: .list)
        try list.encodeNil()
        try list.encode(String?.none)
        try list.encode(Int?.some(4))
        var single = container.superEncoder(forKey: .single).singleValueContainer()
        try single.encodeNil()
      }
    }
    try Self.expectSame(
      Optionals(), #"{"explicit":null,"list":[null,null,4],"single":null,"wrapped":null}"#)
  }

  @Test func valuesThatWriteNothingAreEmptyObjects() throws {
    struct Empty: Encodable {}
    struct Silent: Encodable {
      func encode(to encoder: any Encoder) throws {}
    }
    struct EmptyContainers: Encodable {
      enum Key: String, CodingKey { case object, array, silent, empty }
      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        _ = container.nestedContainer(keyedBy: Key.self, forKey: .object)
        _ = container.nestedUnkeyedContainer(forKey: .array)
        try container.encode(Silent(), forKey: .silent)
        try container.encode(Empty(), forKey: .empty)
      }
    }
    try Self.expectSame(Empty(), "{}")
    try Self.expectSame(Silent(), "{}")
    try Self.expectSame([Silent()], "[{}]")
    try Self.expectSame([String](), "[]")
    try Self.expectSame([String: Int](), "{}")
    try Self.expectSame(EmptyContainers(), #"{"array":[],"empty":{},"object":{},"silent":{}}"#)
  }

  @Test func containersAskedForAfterOtherKindsFollowTheTreePath() throws {
    struct Changes: Encodable {
      enum Key: String, CodingKey { case a, b }
      func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: Key.self)
        try object.encode(1, forKey: .a)
        var nested = object.nestedContainer(keyedBy: Key.self, forKey: .b)
        var single = encoder.singleValueContainer()
        try single.encode("replaced")
        try single.encode("again")
        var again = encoder.container(keyedBy: Key.self)
        try nested.encode(2, forKey: .a)
        try again.encode(3, forKey: .a)
      }
    }
    try Self.expectSame(Changes(), #"{"a":3,"b":{"a":2}}"#)
  }

  /// A non-finite Double fails with the path of the field, as the tree path did.
  @Test func nonFiniteDoublesFailWithTheirCodingPath() throws {
    struct Inner: Encodable { var value: Double }
    struct Outer: Encodable { var items: [Inner] }
    struct Single: Encodable {
      func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(-Double.infinity)
      }
    }
    let values: [(any Encodable, [String])] = [
      (Outer(items: [Inner(value: 1), Inner(value: .nan)]), ["items", "1", "value"]),
      (Double.infinity, []), (["a": [Double.nan]], ["a", "0"]), (["k": Single()], ["k"]),
    ]
    for (value, expected) in values {
      func paths(_ encode: () throws -> Void) -> [String]? {
        do {
          try encode()
        } catch EncodingError.invalidValue(_, let context) {
          return context.codingPath.map(\.stringValue)
        } catch {}
        return nil
      }
      let streamed = paths { _ = try StreamingJSONEncoder.bytes(of: value) }
      #expect(streamed == expected)
      #expect(streamed == paths { _ = try JSONValueEncoder.encode(value) })
    }
  }

  @Test func stringsAndKeysAreEscaped() throws {
    let text = "quote \" backslash \\ slash / tab \t nl \n cr \r bell \u{07} nul \u{0} é 🙂"
    try Self.expectSame(text)
    try Self.expectSame([text: [text]])
    try Self.expectSame(["\u{e9}": 1, "\u{e9}x": 2, "z": 3, "Z": 4, "": 5, "🙂": 6])
    // Keys sharing their first 8 bytes, NUL bytes, escapes: sorted by more than a prefix.
    try Self.expectSame([
      "customerSession": 1, "customerSessionId": 2, "customerProfile": 3, "customer": 4,
      "customer\u{0}": 5, "customer\u{0}\u{0}": 6, "customerS\"": 7, "customerS": 8,
      "customerSession\n": 9, "customerSessioné": 10, "customerSessionZ": 11,
    ])
  }

  @Test func numbersAreWrittenAsTheTreePathWritesThem() throws {
    let decimals: [Decimal] = [
      0, 1, -1, 100, Decimal(string: "-0")!, Decimal(string: "0.000")!, Decimal(string: "1e-20")!,
      Decimal(string: "19.99")!, Decimal(string: "-19.990")!, Decimal(string: "1e30")!,
      Decimal(string: "123456789012345678901234567890")!, Decimal(string: "-4.05")!,
      Decimal(Int.min), Decimal(Int64.max), Decimal(UInt64.max), .nan,
      Decimal(string: "18446744073709551621")!, Decimal(string: "0.18446744073709551621")!,
      Decimal(string: "9223372036854775808")!, Decimal(string: "-0.9223372036854775807")!,
    ]
    try Self.expectSame(decimals)
    try Self.expectSame([0, -1, 42, Int.min, Int.max], "[0,-1,42,\(Int.min),\(Int.max)]")
    try Self.expectSame([Int64.min, Int64.max, 0])
    try Self.expectSame([0.1, 19.99, -0.0, 1e300, 1e-300, -2.5, 1 / 3, Double(Int64.max)])
    try Self.expectSame(["n": Decimal(string: "19.99")!], #"{"n":19.99}"#)
  }

  /// The integer widths and `Float` that `JSONValueEncoder` cannot encode (they asked for
  /// themselves forever) are written as their values.
  @Test func otherNumberTypesAreWritten() throws {
    struct Widths: Encodable {
      var a: Int8 = -8
      var b: Int16 = -16
      var c: Int32 = .min
      var d: UInt = .max
      var e: UInt8 = 8
      var f: UInt16 = 16
      var g: UInt32 = .max
      var h: UInt64 = .max
      var i: Float = 0.1
      var j: [Float] = [1, 1e-5]
    }
    #expect(
      try Self.streamedBytes(Widths())
        == #"{"a":-8,"b":-16,"c":-2147483648,"d":18446744073709551615,"e":8,"f":16,"#
        + #""g":4294967295,"h":18446744073709551615,"i":0.1,"j":[1.0,1e-05]}"#)
    #expect(throws: EncodingError.self) { try StreamingJSONEncoder.bytes(of: [Float.nan]) }
  }

  @Test func datesAndURLsAreStrings() throws {
    struct Stamped: Encodable {
      var at: Date
      var list: [Date]
      var link = URL(string: "https://example.com/a?b=c")!
    }
    let dates = [
      Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_591_012_800.123_456),
      Date(timeIntervalSince1970: -86_400.5), Date(timeIntervalSince1970: 4_102_444_800),
    ]
    for date in dates { try Self.expectSame(Stamped(at: date, list: dates)) }
    try Self.expectSame(
      Date(timeIntervalSince1970: 1_591_012_800), #""2020-06-01T12:00:00Z""#)
  }

  /// Dates are written from their fields straight into bytes; the text is the one calendar
  /// arithmetic gives.
  @Test func datesAreWrittenAsTheirCalendarFields() {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    var random = SeededRandom(seed: 3)
    for _ in 0..<2_000 {
      let drawn = Int64(random.next() % 8_000_000_000_000_000) - 2_000_000_000_000_000
      let date = Date(timeIntervalSince1970: Double(drawn) / 1_000_000)
      // The instant in whole microseconds, as the writer rounds it (drawn ± 1 far from 1970).
      let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
      let whole = micros >= 0 ? micros / 1_000_000 : -((-micros + 999_999) / 1_000_000)
      let fields = calendar.dateComponents(
        [.year, .month, .day, .hour, .minute, .second],
        from: Date(timeIntervalSince1970: Double(whole)))
      var expected = String(
        format: "%04d-%02d-%02dT%02d:%02d:%02d", fields.year!, fields.month!, fields.day!,
        fields.hour!, fields.minute!, fields.second!)
      let fraction = micros - whole * 1_000_000
      if fraction != 0 {
        var digits = String(format: "%06lld", fraction)
        while digits.hasSuffix("0") { digits.removeLast() }
        expected += "." + digits
      }
      #expect(RFC3339.string(from: date) == expected + "Z", "\(micros)")
    }
  }

  /// The fast path reads `Decimal`'s fields on this platform (else it silently uses the slow
  /// one), and writes what `description` does for significands up to 2^63.
  @Test func decimalFieldsAreReadFromTheValue() throws {
    #expect(DecimalFields.layoutHolds)
    let fields = try #require(DecimalFields(Decimal(string: "-123.45")!))
    #expect(fields.exponent == -2 && fields.isNegative && fields.significand == 12_345)
    var random = SeededRandom(seed: 5)
    var numbers: [Decimal] = [Decimal(string: "18446744073709551621")!]
    for _ in 0..<2_000 {
      let significand = Decimal(random.next() >> (random.next() % 64))
      let scale = Int(random.next() % 25)
      numbers.append(significand / pow(Decimal(10), scale))
      numbers.append(-significand * pow(Decimal(10), scale % 3))
    }
    for number in numbers {
      var bytes: [UInt8] = []
      JSONTextWriter.appendNumber(number, into: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == number.description, "\(number)")
    }
  }
}
