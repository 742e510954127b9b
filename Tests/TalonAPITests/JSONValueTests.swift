import Foundation
import Testing

@testable import TalonAPI

@Suite("JSONValue")
struct JSONValueTests {
  @Test func parsesEveryKindAndWritesSortedKeys() throws {
    let value = try JSONValue(
      parsing: #"{"b": [1, 2.5, "x", true, null], "a": {"z": 0, "y": -1e2}}"#)
    #expect(value["b"]?[1] == .number(Decimal(string: "2.5")!))
    #expect(value["b"]?[4] == .null)
    #expect(value["a"]?["y"] == -100)
    #expect(value.jsonText == #"{"a":{"y":-100,"z":0},"b":[1,2.5,"x",true,null]}"#)
  }

  @Test(arguments: ["19.99", "0.1", "1234567890.123456789", "-0.01", "100"])
  func numbersRoundTripExactly(text: String) throws {
    let value = try JSONValue(parsing: text)
    #expect(value == .number(Decimal(string: text)!))
    #expect(value.jsonText == text)
  }

  @Test func decimalArithmeticIsExact() {
    #expect(Decimal(60) * Decimal(string: "0.1")! == 6)
    #expect(Decimal(string: "0.1")! + Decimal(string: "0.2")! == Decimal(string: "0.3")!)
  }

  @Test func wholeNumbersConvertToInt() {
    #expect(JSONValue.number(42).intValue == 42)
    #expect(JSONValue.number(Decimal(string: "4.5")!).intValue == nil)
    #expect(JSONValue.string("4").intValue == nil)
  }

  @Test func invalidJSONIsReported() {
    #expect(throws: WireCodingError.self) { try JSONValue(parsing: "{\"a\": }") }
    #expect(throws: WireCodingError.self) { try JSONValue(parsing: "") }
  }

  @Test func deepNestingFailsCleanly() {
    let deep = String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000)
    #expect(throws: WireCodingError.self) { try JSONValue(parsing: deep) }
  }

  @Test func subscriptsAnswerNilOutsideTheirKind() {
    let value: JSONValue = ["list": [1, 2]]
    #expect(value["list"]?[5] == nil)
    #expect(value["list"]?["x"] == nil)
    #expect(value[0] == nil)
  }
}

@Suite("RFC 3339 dates")
struct RFC3339Tests {
  let noon = Date(timeIntervalSince1970: 1_591_012_800)

  @Test(arguments: [
    "2020-06-01T12:00:00Z", "2020-06-01T12:00:00.000Z", "2020-06-01T14:00:00+02:00",
    "2020-06-01T09:30:00-02:30", "2020-06-01t12:00:00z",
  ])
  func readsEveryForm(text: String) {
    #expect(RFC3339.date(from: text) == noon)
  }

  @Test func writesUTCWithFractionOnlyWhenPresent() {
    #expect(RFC3339.string(from: noon) == "2020-06-01T12:00:00Z")
    #expect(RFC3339.string(from: noon.addingTimeInterval(0.25)) == "2020-06-01T12:00:00.25Z")
    #expect(RFC3339.string(from: Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    #expect(
      RFC3339.string(from: Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
  }

  @Test(arguments: [
    "2020-06-01", "2020-06-01T12:00:00", "2020-02-30T00:00:00Z", "2020-06-01T24:00:00Z",
    "2020-06-01T12:00:00.Z", "2020-06-01T12:00:00+0200", "x", "2020-06-01T12:00:00Zjunk",
  ])
  func rejectsMalformedText(text: String) {
    #expect(RFC3339.date(from: text) == nil)
  }

  @Test func roundTripsManyInstants() {
    var random = SeededRandom(seed: 7)
    for _ in 0..<500 {
      let seconds = Double(Int64.random(in: -2_000_000_000...4_000_000_000, using: &random))
      let micros = Double(Int.random(in: 0..<1_000_000, using: &random)) / 1_000_000
      let date = Date(timeIntervalSince1970: seconds + micros)
      let back = RFC3339.date(from: RFC3339.string(from: date))
      #expect(abs(back!.timeIntervalSince(date)) < 0.000_001)
    }
  }

  @Test func wireDatesDecodeWithOffsetsAndFractions() throws {
    let json: JSONValue = [
      "id": 1, "created": "2020-06-01T14:00:00.5+02:00", "campaignId": 2, "value": "ABCD",
      "usageLimit": 0, "usageCounter": 0,
    ]
    let coupon = try json.decode(Coupon.self)
    #expect(coupon.created == noon.addingTimeInterval(0.5))
    #expect(try JSONValue(encoding: coupon)["created"] == "2020-06-01T12:00:00.5Z")
  }
}
