/// Decimal numbers written as plain digits straight into a byte buffer, by integer
/// arithmetic: the wire writer (`JSONTextWriter`) and the engine's store records share it for
/// the common numbers (prices, totals, counts), where `Decimal.description` costs more than
/// everything else about them.
package enum DecimalDigits {
  /// The digits of a non-negative integer.
  package static func appendInteger(_ value: Int64, into bytes: inout [UInt8]) {
    appendUnsigned(value.magnitude, into: &bytes)
  }

  /// The digits of any integer, after a minus sign when it is negative (as `String(value)`
  /// and `Decimal(value).description` spell it).
  package static func appendSigned(_ value: Int64, into bytes: inout [UInt8]) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    appendUnsigned(value.magnitude, into: &bytes)
  }

  /// The digits of an unsigned integer.
  package static func appendUnsigned(_ value: UInt64, into bytes: inout [UInt8]) {
    let start = bytes.count
    var rest = value
    repeat {
      bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    bytes[start...].reverse()
  }

  /// `significand / 10^scale` (a non-negative significand, `scale` at most 18) without
  /// trailing zeros in the fraction, and without the point when nothing is left after it.
  package static func appendPlain(
    _ significand: Int64, scale: Int, negative: Bool, into bytes: inout [UInt8]
  ) {
    var power: Int64 = 1
    for _ in 0..<scale { power *= 10 }
    if negative { bytes.append(UInt8(ascii: "-")) }
    appendInteger(significand / power, into: &bytes)
    var fraction = significand % power
    guard fraction != 0 else { return }
    var digits = scale
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    bytes.append(UInt8(ascii: "."))
    var length = 0
    var rest = fraction
    while rest > 0 {
      length += 1
      rest /= 10
    }
    for _ in length..<digits { bytes.append(UInt8(ascii: "0")) }
    appendInteger(fraction, into: &bytes)
  }
}
