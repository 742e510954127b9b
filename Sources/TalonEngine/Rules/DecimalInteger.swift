import Foundation

/// Whole numbers of a `Decimal` without `Int(exactly: NSNumber)`, whose bridging checks cost
/// more than the conversion itself on the hot paths (effect arguments, points, positions).
extension Decimal {
  /// The value as an `Int` when it is a whole number of magnitude below 2^48; nil otherwise, in
  /// which case the caller takes its general path (the result is the one `Int(exactly:)` gives).
  var smallWholeNumber: Int? {
    guard let whole = wholeInt64, whole.magnitude < 1 << 48 else { return nil }
    return Int(whole)
  }
}
