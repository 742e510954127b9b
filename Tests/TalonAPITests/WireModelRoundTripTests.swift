import Foundation
import TalonTestSupport
import Testing

@testable import TalonAPI

@Suite("Every wire model round-trips the reference's JSON")
struct WireModelRoundTripTests {
  static let schemaNames = ReferenceDocument.bundled.schemaNames
  let validator = SchemaValidator()

  /// Decodes `json` as the schema's Swift type and encodes it back.
  func roundTrip(_ json: JSONValue, as type: any WireModel.Type) throws -> JSONValue {
    func cycle<T: WireModel>(_ type: T.Type) throws -> JSONValue {
      let value = try json.decode(T.self)
      let again = try JSONValue(encoding: value)
      #expect(try again.decode(T.self) == value)
      return again
    }
    return try cycle(type)
  }

  @Test(arguments: schemaNames)
  func fullyPopulatedValueRoundTripsAndValidates(schema: String) throws {
    let type = try #require(WireSchemas.types[schema])
    let sample = SchemaSamples().sample(of: schema)
    #expect(validator.validate(sample, against: schema).isEmpty)
    let encoded = try roundTrip(sample, as: type)
    #expect(encoded == sample)
    #expect(validator.validate(encoded, against: schema).isEmpty)
  }

  @Test(arguments: schemaNames)
  func nilOptionalsAreOmitted(schema: String) throws {
    let type = try #require(WireSchemas.types[schema])
    let minimal = SchemaSamples(full: false).sample(of: schema)
    let encoded = try roundTrip(minimal, as: type)
    #expect(encoded == minimal)
    #expect(validator.validate(encoded, against: schema).isEmpty)
  }

  @Test(arguments: schemaNames)
  func unknownMembersAreIgnored(schema: String) throws {
    let type = try #require(WireSchemas.types[schema])
    let withUnknown = SchemaSamples(unknownMembers: true).sample(of: schema)
    let encoded = try roundTrip(withUnknown, as: type)
    #expect(encoded == SchemaSamples().sample(of: schema))
  }

  @Test func requiredFieldsAreAlwaysWritten() throws {
    let session = CustomerSessionV2(
      integrationId: "s1", created: Date(timeIntervalSince1970: 0), applicationId: 1,
      profileId: "", firstSession: true)
    let json = try JSONValue(encoding: session)
    #expect(json["cartItems"] == [])
    #expect(json["attributes"] == [:])
    #expect(json["profileId"] == "")
    #expect(json["couponCodes"] == nil)
    #expect(validator.validate(json, against: "CustomerSessionV2").isEmpty)
  }

  @Test func moneyKeepsItsDigits() throws {
    let item = try JSONValue(parsing: #"{"name":"Tee","sku":"T-1","quantity":3,"price":19.99}"#)
      .decode(CartItem.self)
    #expect(item.price == Decimal(string: "19.99"))
    #expect(try JSONValue(encoding: item).jsonText.contains("\"price\":19.99"))
  }

  @Test func aTypeMismatchNamesItsPointer() throws {
    let json: JSONValue = [
      "customerSession": ["cartItems": [["name": "a", "sku": "b", "quantity": "x", "price": 1]]]
    ]
    #expect(
      throws: WireCodingError.mismatch(
        pointer: "/customerSession/cartItems/0/quantity", message: "expected integer")
    ) {
      try json.decode(IntegrationRequest.self)
    }
  }
}
