import Foundation

/// Whole numbers of a `Decimal` without `Int(exactly: NSNumber)`, whose bridging checks cost
/// more than the conversion itself on the hot paths (effect arguments, points, positions).
extension Decimal {
  private static let smallLimit = Decimal(1 << 48)

  /// The value as an `Int` when it is a whole number of magnitude below 2^48; nil otherwise, in
  /// which case the caller takes its general path. Within that range `int64Value` is exact, so
  /// the result is the one `Int(exactly:)` gives.
  var smallWholeNumber: Int? {
    guard isWholeNumber, self < Self.smallLimit, self > -Self.smallLimit else { return nil }
    return Int(NSDecimalNumber(decimal: self).int64Value)
  }
}
