import Foundation

/// `+ - * / mod floor ceil`: exact decimals, folded from the left over any number of arguments.
extension Functions {
  static func arithmetic(_ op: Operator, _ values: [TalangValue]) throws -> TalangValue {
    switch op {
    case .plus:
      return try plus(values)
    case .minus:
      if values.count == 1 { return .number(-(try number(values[0], for: op))) }
      var difference = try number(values[0], for: op)
      for value in values.dropFirst() { difference -= try number(value, for: op) }
      return .number(difference)
    case .times:
      // From the first factor rather than from 1, one multiplication less: a product of two or
      // more factors is the same Decimal either way. A lone factor is still multiplied by 1,
      // which normalizes a zero such as 0.0 (the one case where `1 * x` is not `x`).
      var product = try number(values[0], for: op)
      for value in values.dropFirst() { product *= try number(value, for: op) }
      return .number(values.count == 1 ? 1 * product : product)
    case .divide, .mod:
      var result = try number(values[0], for: op)
      for value in values.dropFirst() {
        let divisor = try number(value, for: op)
        guard divisor != 0 else { throw RuleFailure(message: "division by zero") }
        result =
          op == .divide ? result / divisor : result - divisor * round(result / divisor, .down)
      }
      return .number(result)
    case .floor:
      return .number(round(try number(values[0], for: op), .down))
    default:
      return .number(round(try number(values[0], for: op), .up))
    }
  }

  /// Numbers add; when any argument is a string, all are joined as text (`concat`).
  private static func plus(_ values: [TalangValue]) throws -> TalangValue {
    if values.contains(where: { if case .string = $0 { true } else { false } }) {
      return .string(values.map(\.text).joined())
    }
    // From the first term rather than from 0, one addition less (the same Decimal for two or
    // more terms; a lone term is still added to 0, as before).
    var sum = try number(values[0], for: .plus)
    for value in values.dropFirst() { sum += try number(value, for: .plus) }
    return .number(values.count == 1 ? 0 + sum : sum)
  }
}
