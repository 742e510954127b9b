import Foundation

/// The stored fields of a `Decimal` (exponent, sign, how many 16-bit words the mantissa uses,
/// and the mantissa's low 64 bits), read from the value's bytes.
///
/// Why: writing a number needs its significand as an integer. The public API gives it only as
/// another `Decimal`, and turning that into an integer through `NSDecimalNumber` costs an object
/// and ~70 ns a number (reading the bytes: ~3 ns). swift-foundation keeps `_mantissa`,
/// `_length`, `_exponent` and `_isNegative` internal on Linux, so they are read from the
/// value's memory: byte 0 is the exponent, byte 1 holds the length (high four bits) and the
/// sign (bit 3), and the mantissa follows from byte 4 as eight little-endian 16-bit words.
///
/// That layout is not a promise of Foundation, so `layoutHolds` checks it once against the
/// public API (`exponent`, `sign`, `significand`) on probe values covering every field; when
/// it does not hold, `init?(_:)` always returns nil and callers take their slow path.
struct DecimalFields {
  /// The power of ten the significand is scaled by.
  var exponent: Int
  var isNegative: Bool
  /// How many 16-bit words of the mantissa are used (0 for zero and NaN, at most 8).
  var length: Int
  /// The mantissa's low 64 bits: the whole significand when `length <= 4`.
  var lowBits: UInt64

  /// The significand when it fits in 64 bits.
  var significand: UInt64? { length <= 4 ? lowBits : nil }

  /// The fields of `number`, or nil when this Foundation lays `Decimal` out differently.
  init?(_ number: Decimal) {
    guard Self.layoutHolds else { return nil }
    self.init(unchecked: number)
  }

  private init(unchecked number: Decimal) {
    (exponent, isNegative, length, lowBits) = withUnsafeBytes(of: number) { raw in
      let flags = raw[1]
      let length = Int(flags >> 4)
      var low: UInt64 = 0
      for word in (0..<min(length, 4)).reversed() {
        let value = UInt64(raw[4 + 2 * word]) | UInt64(raw[5 + 2 * word]) << 8
        low = low << 16 | value
      }
      return (Int(Int8(bitPattern: raw[0])), flags & 0x08 != 0, length, low)
    }
  }

  /// True when the byte layout above is the one this Foundation uses.
  static let layoutHolds: Bool = {
    guard MemoryLayout<Decimal>.size == 20 else { return false }
    let probes: [(text: String, length: Int)] = [
      ("1", 1), ("-1", 1), ("19.99", 1), ("-123.45", 1), ("65536", 2), ("-0.000004294967296", 3),
      ("9223372036854775807", 4), ("18446744073709551615", 4), ("-18446744073709551621", 5),
      ("1e-20", 1), ("-12345678901234567890123456789012345678", 8), ("7e100", 1),
    ]
    for probe in probes {
      guard let number = Decimal(string: probe.text) else { return false }
      let fields = DecimalFields(unchecked: number)
      guard fields.length == probe.length, fields.exponent == number.exponent,
        fields.isNegative == (number.sign == .minus)
      else { return false }
      if let significand = fields.significand, Decimal(significand) != number.significand {
        return false
      }
    }
    let zero = DecimalFields(unchecked: Decimal.zero)
    return zero.length == 0 && !zero.isNegative && Decimal.nan.isNaN
      && DecimalFields(unchecked: Decimal.nan).length == 0
  }()
}

extension Decimal {
  /// The value as an `Int64` when it is a whole number within `-Int64.max...Int64.max`, else
  /// nil: the answer of `isWholeNumber`, a magnitude check and `NSDecimalNumber`'s `int64Value`,
  /// read from the stored fields when they can tell (about 5 ns instead of 150 ns).
  package var wholeInt64: Int64? {
    if let fields = DecimalFields(self), fields.length <= 4 {
      if fields.length == 0 { return fields.isNegative ? nil : 0 }  // NaN or zero
      if fields.lowBits <= UInt64(Int64.max) {
        var value = Int64(fields.lowBits)
        if fields.exponent >= 0 {
          for _ in 0..<fields.exponent {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = product
          }
        } else {
          for _ in 0..<(-fields.exponent) {
            guard value % 10 == 0 else { return nil }
            value /= 10
          }
        }
        return fields.isNegative ? -value : value
      }
    }
    guard !isNaN, isWholeNumber, magnitude <= Self.int64Maximum else { return nil }
    return NSDecimalNumber(decimal: self).int64Value
  }

  private static let int64Maximum = Decimal(Int64.max)
}
