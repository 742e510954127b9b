import Foundation
import Testing

@testable import TalonAPI

/// `Decimal.wholeInt64` (read from the stored fields) answers as Foundation's own checks and
/// `NSDecimalNumber` do, and `JSONValue.intValue` with it.
@Suite("Whole numbers of decimals")
struct DecimalWholeNumberTests {
  /// The answer through Foundation alone, as `intValue` computed it before.
  private func reference(_ number: Decimal) -> Int64? {
    guard !number.isNaN, number.isWholeNumber, number.magnitude <= Decimal(Int64.max) else {
      return nil
    }
    return NSDecimalNumber(decimal: number).int64Value
  }

  @Test(arguments: [
    "0", "-0", "1", "-1", "5.00", "5.5", "-12.000", "0.001", "1e18", "-1e18", "1e19",
    "9223372036854775807", "-9223372036854775807", "-9223372036854775808",
    "9223372036854775808", "92233720368547758070e-1", "18446744073709551621", "1e-30", "7e100",
    "123456789012345678901234567890e-20", "100000000000000000000000e-20",
  ])
  func givenNumbersMatchFoundation(_ text: String) throws {
    let number = try #require(Decimal(string: text))
    #expect(number.wholeInt64 == reference(number), "\(text)")
    #expect(JSONValue.number(number).intValue == reference(number).map { Int($0) })
  }

  @Test func nanIsNoWholeNumber() {
    #expect(Decimal.nan.wholeInt64 == nil)
    #expect(JSONValue.number(.nan).intValue == nil)
  }

  @Test func randomNumbersMatchFoundation() {
    var random = SeededRandom(seed: 11)
    for _ in 0..<3_000 {
      let significand = Decimal(random.next() >> (random.next() % 64))
      let power = pow(Decimal(10), Int(random.next() % 22))
      for number in [significand, -significand, significand / power, significand * power] {
        #expect(number.wholeInt64 == reference(number), "\(number)")
      }
    }
  }
}
