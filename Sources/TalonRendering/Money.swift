import Foundation

/// Amounts of money as results show them: at least two decimals (`4.5` → `4.50`), more when
/// the value has them.
enum Money {
  static func text(_ value: Decimal) -> String {
    let plain = value.description
    guard let dot = plain.firstIndex(of: ".") else { return plain + ".00" }
    let decimals = plain.distance(from: dot, to: plain.endIndex) - 1
    return decimals >= 2 ? plain : plain + String(repeating: "0", count: 2 - decimals)
  }
}
