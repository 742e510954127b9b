import Foundation
import TalonAPI

/// An effect expression after its arguments were evaluated; applying it (rounding, limits,
/// remaining values) is the campaign run's job.
enum EffectCall {
  case setDiscount(name: String, amount: Decimal)
  case setDiscountPerItem(name: String, amounts: [(position: Int, amount: Decimal)])
  case addLoyaltyPoints(program: Int, points: Decimal, recipient: String?)
  case deductLoyaltyPoints(program: Int, points: Decimal)
  case addFreeItem(sku: String, name: String)
  case showNotification(type: String, title: String, body: String)
  case updateAttribute(path: String, value: JSONValue)
  case createCoupon
  case createReferral
  case triggerWebhook(id: Int, name: String)
  case error(message: String)
}

extension Evaluator {
  /// Evaluates one effect expression of a rule.
  mutating func effectCall(_ expression: Expression) throws -> EffectCall {
    guard case .call(let op, let arguments) = expression else {
      throw RuleFailure(message: "not an effect")
    }
    func string(_ index: Int) throws -> String {
      try Functions.string(evaluate(arguments[index]), for: op)
    }
    func number(_ index: Int) throws -> Decimal {
      try Functions.number(evaluate(arguments[index]), for: op)
    }
    func integer(_ index: Int) throws -> Int {
      let value = try number(index)
      if let small = value.smallWholeNumber { return small }
      guard let result = Int(exactly: NSDecimalNumber(decimal: value)), value.isWholeNumber else {
        throw RuleFailure(message: "'\(op.rawValue)' expects a whole number, got \(value)")
      }
      return result
    }
    switch op {
    case .setDiscount:
      return .setDiscount(name: try string(0), amount: try number(1))
    case .setDiscountPerItem:
      let name = try string(0)
      let items = try Functions.list(evaluate(arguments[1]), for: op)
      var amounts: [(position: Int, amount: Decimal)] = []
      for item in items {
        guard case .object(let members) = item, case .number(let position)? = members["Position"],
          let index = position.smallWholeNumber ?? Int(exactly: NSDecimalNumber(decimal: position))
        else { throw RuleFailure(message: "'setDiscountPerItem' expects cart items") }
        amounts.append((index, try Functions.number(apply(arguments[2], to: item), for: op)))
      }
      return .setDiscountPerItem(name: name, amounts: amounts)
    case .addLoyaltyPoints:
      let recipient = arguments.count > 2 ? try string(2) : nil
      return .addLoyaltyPoints(program: try integer(0), points: try number(1), recipient: recipient)
    case .deductLoyaltyPoints:
      return .deductLoyaltyPoints(program: try integer(0), points: try number(1))
    case .addFreeItem:
      return .addFreeItem(sku: try string(0), name: try string(1))
    case .showNotification:
      return .showNotification(type: try string(0), title: try string(1), body: try string(2))
    case .updateAttribute:
      let path = try string(0)
      let prefixes = ["Profile.Attributes.", "Session.Attributes."]
      guard prefixes.contains(where: { path.hasPrefix($0) && path.count > $0.count }) else {
        throw RuleFailure(
          message:
            "updateAttribute needs 'Profile.Attributes.<name>' or 'Session.Attributes.<name>'")
      }
      return .updateAttribute(path: path, value: try evaluate(arguments[1]).json)
    case .createCoupon:
      return .createCoupon
    case .createReferral:
      return .createReferral
    case .triggerWebhook:
      return .triggerWebhook(id: try integer(0), name: try string(1))
    case .error:
      return .error(message: try evaluate(arguments[0]).text)
    default:
      throw RuleFailure(message: "'\(op.rawValue)' is not an effect")
    }
  }
}
