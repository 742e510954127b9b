import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Hand-written record text")
struct RecordTextTests {
  static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .secondsSince1970
    return decoder
  }

  static func canonical(_ value: some Encodable) throws -> JSONValue {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    return try JSONValue(parsing: encoder.encode(value))
  }

  @Test func sessionTextDecodesToTheSameSession() throws {
    var session = StoredSession(
      integrationId: "s \"quoted\" \\ \n", profileId: "ünï",
      now: Date(timeIntervalSince1970: 1_591_012_800.123))
    session.cartItems = [
      CartItem(
        name: "Shoe", sku: "S-1", quantity: 2, price: Decimal(exactly: "19.99"), category: "shoes",
        weight: Decimal(exactly: "0.5"), position: 3,
        attributes: ["color": "red", "tags": [1, nil, true]]),
      item("HAT", "5"),
    ]
    session.couponCodes = ["A", "B"]
    session.referralCode = "REF-1"
    session.identifiers = ["device\u{1}"]
    session.attributes = ["note": "tab\there", "n": .number(Decimal(exactly: "-12.5"))]
    session.additionalCosts = ["shipping": AdditionalCost(price: Decimal(exactly: "4.95"))]
    session.explicitTotal = 100
    session.firstSession = false
    session.createdCoupons = ["1/0": "GIFT-1"]
    session.discounts = [NamedAmount(name: "10%", value: Decimal(exactly: "4.5"))]
    session.closeEventId = 12
    session.updateCount = 4
    session.updated = Date(timeIntervalSince1970: 1_591_016_400.5)
    session.state = .closed
    let text = try #require(RecordText.session(session))
    let decoded = try Self.decoder().decode(StoredSession.self, from: Data(text.utf8))
    #expect(try Self.canonical(decoded) == Self.canonical(session))
  }

  @Test func eventTextDecodesToTheSameEvent() throws {
    let event = Event(
      id: 0, created: Date(timeIntervalSince1970: 1_591_012_800.5), applicationId: 1,
      profileId: "p", type: "talon_session_updated", attributes: ["a": ["b": 1]], sessionId: "s",
      effects: [[1, 1, 0, ["setDiscount", "x", .number(Decimal(exactly: "4.5"))]]])
    let text = try #require(RecordText.event(event))
    let decoded = try Self.decoder().decode(Event.self, from: Data(text.utf8))
    #expect(decoded == event)
    var anonymous = event
    anonymous.profileId = nil
    anonymous.sessionId = nil
    let other = try Self.decoder().decode(
      Event.self, from: Data(try #require(RecordText.event(anonymous)).utf8))
    #expect(other == anonymous)
  }
}

@Suite("Decimal text")
struct DecimalTextTests {
  @Test(arguments: [
    "0", "1", "-1", "12.5", "12.50", "-21.99", "0.001", "-0.05", "100", "1000000",
    "123456789.987654321",
    "0.1", "99999999999999999999999", "1e25", "-3.14159265358979323846", "7e-30",
    "18446744073709551621", "-9223372036854775808.5",
  ])
  func matchesDescription(_ text: String) throws {
    let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
    var writer = RecordText()
    writer.decimal(value)
    #expect(writer.text == value.description)
  }

  @Test(arguments: [0, 7, 10, 123_456_789, -1, -250, Int.max, Int.min])
  func integersAreWrittenAsStringGivesThem(_ value: Int) {
    var writer = RecordText()
    writer.int(value)
    #expect(writer.text == String(value))
  }
}

@Suite("Profile record text")
struct ProfileRecordTextTests {
  @Test func profileTextDecodesToTheSameProfile() throws {
    var profile = StoredProfile(
      integrationId: "a\"b", now: Date(timeIntervalSince1970: 1_591_012_800.25))
    profile.attributes = ["tier": "gold", "n": [1, 2]]
    profile.closedSessions = 3
    profile.totalSales = Decimal(exactly: "123.45")
    profile.loyaltyJoined = ["1": Date(timeIntervalSince1970: 1_600_000_000)]
    let decoded = try RecordTextTests.decoder().decode(
      StoredProfile.self, from: Data(RecordText.profile(profile).utf8))
    #expect(try RecordTextTests.canonical(decoded) == RecordTextTests.canonical(profile))
  }
}
