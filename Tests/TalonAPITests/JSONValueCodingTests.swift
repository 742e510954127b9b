import Foundation
import TalonTestSupport
import Testing

@testable import TalonAPI

/// `JSONValueEncoder`, `JSONValueDecoder` and `JSONTextWriter` against Foundation's own
/// `JSONEncoder`/`JSONDecoder` configured for the wire (`WireCoding.encoder()/decoder()`): the
/// same JSON for every wire model, the same decoded values, the same located errors.
@Suite("JSONValue coders agree with Foundation's")
struct JSONValueCodingTests {
  static let schemaNames = ReferenceDocument.bundled.schemaNames

  /// The sample decoded with Foundation, then encoded both ways.
  @Test(arguments: schemaNames)
  func encodingAndDecodingMatchFoundation(schema: String) throws {
    let type = try #require(WireSchemas.types[schema])
    for sample in [
      SchemaSamples().sample(of: schema), SchemaSamples(full: false).sample(of: schema),
    ] {
      func check<T: WireModel>(_ type: T.Type) throws {
        let text = Data(sample.jsonText.utf8)
        let foundationValue = try WireCoding.decoder().decode(T.self, from: text)
        let ourValue = try JSONValueDecoder.decode(T.self, from: sample)
        #expect(ourValue == foundationValue)
        let foundationJSON = try JSONValue(parsing: try WireCoding.encoder().encode(ourValue))
        #expect(try JSONValueEncoder.encode(ourValue) == foundationJSON)
        let foundationText = String(
          decoding: try WireCoding.encoder(pretty: true).encode(ourValue), as: UTF8.self)
        #expect(
          JSONTextWriter(pretty: true).text(foundationJSON) == Self.compactEmpty(foundationText))
      }
      try check(type)
    }
  }

  /// Foundation writes an empty object as `{`, a blank line and `}` when pretty printing; the
  /// writer writes `{}` (and `[]`), as the shell does.
  static func compactEmpty(_ text: String) -> String {
    text.replacingOccurrences(of: #"\{\n\s*\n\s*\}"#, with: "{}", options: .regularExpression)
      .replacingOccurrences(of: #"\[\n\s*\n\s*\]"#, with: "[]", options: .regularExpression)
  }

  /// Broken bodies give the same pointer and message as Foundation's decoder did.
  @Test(arguments: [
    #"{"customerSession": {"profileId": 5}}"#,
    #"{"customerSession": {"cartItems": [{"name": "a", "quantity": 1, "price": 1}]}}"#,
    #"{"customerSession": {"cartItems": [{"name": "a", "sku": null, "quantity": 1, "price": 1}]}}"#,
    #"{"customerSession": {"cartItems": {"name": "a"}}}"#,
    #"{"customerSession": {"couponCodes": ["A", 2]}}"#,
    #"{"customerSession": {"attributes": 3, "state": true}}"#,
    #"{"customerSession": []}"#,
    #"[]"#,
  ])
  func errorsMatchFoundation(body: String) throws {
    let data = Data(body.utf8)
    var foundation: (pointer: String, message: String)?
    do {
      _ = try WireCoding.decoder().decode(IntegrationRequest.self, from: data)
    } catch let error as DecodingError {
      foundation = WireCoding.locate(error)
    }
    let expected = try #require(foundation)
    #expect(
      throws: WireCodingError.mismatch(pointer: expected.pointer, message: expected.message)
    ) {
      _ = try WireCoding.decode(IntegrationRequest.self, from: try JSONValue(parsing: body))
    }
  }

  /// Foundation calls a fraction where an integer belongs invalid JSON without a location;
  /// this decoder names the field.
  @Test func aFractionForAnIntegerNamesTheField() throws {
    let body =
      #"{"customerSession": {"cartItems": [{"name": "a", "sku": "s", "quantity": 1.5, "price": 1}]}}"#
    #expect(
      throws: WireCodingError.mismatch(
        pointer: "/customerSession/cartItems/0/quantity",
        message: "expected a whole number, not 1.5")
    ) {
      _ = try WireCoding.decode(IntegrationRequest.self, from: try JSONValue(parsing: body))
    }
  }

  /// Store records keep dates as seconds since 1970; fractions survive exactly as Foundation
  /// reads them.
  @Test func secondsSince1970DatesMatchFoundation() throws {
    let session = CustomerSessionV2(
      integrationId: "s1", created: Date(timeIntervalSince1970: 1_591_012_800.123_456),
      applicationId: 1, profileId: "p", firstSession: true)
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .secondsSince1970
    let text = try encoder.encode(session)
    let ours = try JSONValueDecoder.decode(
      CustomerSessionV2.self, from: try JSONValue(parsing: text), dates: .secondsSince1970)
    #expect(ours == (try decoder.decode(CustomerSessionV2.self, from: text)))
    #expect(ours.created == session.created)
  }

  @Test func stringsAreEscapedAsJSONStringLiteralDoes() throws {
    let text = "quote \" backslash \\ slash / tab \t nl \n bell \u{07} é 🙂"
    #expect(JSONTextWriter().text(.string(text)) == JSONStringLiteral.quoted(text))
    #expect(try JSONValue(parsing: JSONTextWriter().text(.string(text))) == .string(text))
  }

  /// Numbers are written exactly as `Decimal.description` spells them: literals, and results
  /// of arithmetic (which are not always compact).
  @Test func numbersAreWrittenAsDescriptionSpellsThem() throws {
    var random = SeededRandom(seed: 11)
    var numbers: [Decimal] = [
      0, 1, -1, 10, 100, Decimal(string: "-0")!, Decimal(string: "0.0")!,
      Decimal(string: "1e3")!, Decimal(string: "19.990")!, Decimal(string: "1e-20")!,
      Decimal(string: "123456789012345678901234567890")!, Decimal(1 << 53), Decimal(1 << 53) - 1,
      Decimal(string: "0.000000000000000001")!, Decimal(string: "-4.05")!,
    ]
    for _ in 0..<5_000 {
      let whole = Decimal(Int(random.next() % 100_000)) - 50_000
      let cents = Decimal(Int(random.next() % 100)) / 100
      let a = whole + cents
      let b = Decimal(Int(random.next() % 1_000) + 1) / Decimal(Int(random.next() % 7) + 1)
      numbers += [a, a * 3, a / 7, b, a - b, a * b, -cents]
    }
    for number in numbers {
      var bytes: [UInt8] = []
      JSONTextWriter.appendNumber(number, into: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == number.description, "\(number)")
    }
  }

  @Test func objectsAreWrittenWithSortedKeysAndExactNumbers() {
    let value: JSONValue = [
      "b": [1, .number(Decimal(string: "19.990")!), nil], "a": ["y": true, "x": [:]], "c": [],
    ]
    #expect(JSONTextWriter().text(value) == #"{"a":{"x":{},"y":true},"b":[1,19.99,null],"c":[]}"#)
  }

  @Test func nestedContainersAreFilledAfterTheyAreAttached() throws {
    struct Manual: Encodable {
      func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: Key.self)
        var list = outer.nestedUnkeyedContainer(forKey: .list)
        var inner = outer.nestedContainer(keyedBy: Key.self, forKey: .inner)
        try outer.encode("top", forKey: .name)
        try list.encode(1)
        var element = list.nestedContainer(keyedBy: Key.self)
        try list.encode(3)
        try element.encode("second", forKey: .name)
        try inner.encode("in", forKey: .name)
      }
      enum Key: String, CodingKey { case name, list, inner }
    }
    let expected = try JSONValue(parsing: try WireCoding.encoder().encode(Manual()))
    #expect(try JSONValueEncoder.encode(Manual()) == expected)
    #expect(
      expected == ["name": "top", "list": [1, ["name": "second"], 3], "inner": ["name": "in"]])
  }
}
