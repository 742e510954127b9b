import Foundation

/// Money rounding: half away from zero to the currency's minor units (ISO 4217; 2 when the
/// currency is not in our short table).
enum Currency {
  private static let minorUnits: [String: Int] = [
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
    "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
  ]

  static func minorUnits(of code: String) -> Int {
    minorUnits[code.uppercased()] ?? 2
  }

  static func round(_ amount: Decimal, currency: String) -> Decimal {
    round(amount, minorUnits: minorUnits(of: currency))
  }

  /// The same with the minor units looked up once (a campaign run rounds every discount).
  /// An amount with no more decimals than the currency has is returned as it is, which is what
  /// `NSDecimalRound` returns for it too, without the call.
  static func round(_ amount: Decimal, minorUnits: Int) -> Decimal {
    if amount.exponent >= -minorUnits, !amount.isNaN { return amount }
    return Functions.round(amount, .plain, scale: minorUnits)
  }
}
