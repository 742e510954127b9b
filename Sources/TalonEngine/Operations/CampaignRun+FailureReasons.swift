import Foundation
import TalonAPI

/// Where a rule's evaluation was when it stopped.
enum RuleStage: Sendable {
  case binding(Int)
  case condition(Int)
  case effect(Int)
}

/// Why a rule did not apply: a false condition, a failure at run time, or effects that all
/// came to nothing (a limit reached, nothing left to discount).
enum RuleStop: Sendable {
  /// The conjunct at this index was false; `seen` is it in infix form with the values the
  /// engine saw (`Session.Total 140.00 >= 150`).
  case conditionFalse(Int, seen: String?)
  case failed(RuleStage, String)
  /// The effects came to nothing; why, in words, when known.
  case noEffectApplied(String?)
}

/// Today's `ruleFailureReasons` (`docs/behaviour.md`, "Rule failure reasons").
extension CampaignRun {
  func failureReason(
    _ stop: RuleStop, campaign: CampaignDefinition, ruleIndex: Int, rule: Rule, coupon: Coupon?,
    couponReason: CouponRejectionReasonCode?, referral: Referral?,
    referralReason: ReferralRejectionReasonCode?
  ) -> RuleFailureReason {
    var reason = RuleFailureReason(
      campaignID: campaign.id, campaignName: campaign.name, rulesetID: campaign.rulesetId,
      couponID: coupon?.id, couponValue: coupon?.value, referralID: referral?.id,
      referralValue: referral?.code, ruleIndex: ruleIndex, ruleName: rule.title)
    switch stop {
    case .conditionFalse(let index, let seen):
      reason.conditionIndex = index
      let conjunct = rule.conditions[index]
      if conjunct.uses(.couponValid), let coupon {
        reason.details =
          "condition \(index) is false: coupon \(coupon.value) is not valid"
          + (couponReason.map { " (\($0.rawValue))" } ?? "")
      } else if conjunct.uses(.referralValid), let referral {
        reason.details =
          "condition \(index) is false: referral \(referral.code) is not valid"
          + (referralReason.map { " (\($0.rawValue))" } ?? "")
      } else if conjunct.uses(.couponValid) {
        reason.details = "condition \(index) is false: the session has no coupon of this campaign"
      } else if conjunct.uses(.referralValid) {
        reason.details = "condition \(index) is false: the session has no referral of this campaign"
      } else {
        reason.details = "condition \(index) is false: \(seen ?? InfixText.text(of: conjunct))"
      }
    case .failed(let stage, let message):
      let place: String
      switch stage {
      case .binding(let index):
        place = "binding '\(rule.bindings[index].name)': "
      case .condition(let index):
        reason.conditionIndex = index
        place = ""
      case .effect(let index):
        reason.effectIndex = index
        place = "effect \(index): "
      }
      reason.details = RuleFailureReason.runtimeFailurePrefix + place + message
    case .noEffectApplied(let shortfall?):
      reason.details = "the conditions held but no effect applied: \(shortfall)"
    case .noEffectApplied(nil):
      reason.details =
        "the conditions held but no effect applied (a limit was reached or nothing was left)"
    }
    return reason
  }

  /// `conjunct` in infix form with the values `evaluator` (as it stood after evaluating it)
  /// reads for its operands and fields (`docs/behaviour.md`, "Rule failure reasons").
  func seenText(_ conjunct: Expression, _ evaluator: Evaluator) -> String {
    let minorUnits = currencyMinorUnits
    return InfixText.text(of: conjunct) { operand in
      var reader = evaluator
      guard let value = try? reader.evaluate(operand) else { return nil }
      return Self.valueText(value, money: Self.isMoney(operand), minorUnits: minorUnits)
    }
  }

  /// The fields of the catalogue that hold amounts of money, shown with the currency's
  /// minor units (`140.00`).
  private static let moneyFields: Set<String> = [
    "Total", "CartItemTotal", "AdditionalCostTotal", "Price", "TotalSales",
  ]

  private static func isMoney(_ operand: Expression) -> Bool {
    guard case .path(_, let keys) = operand, let last = keys.last else { return false }
    return moneyFields.contains(last)
  }

  /// A value as `explain` shows it beside its operand: short, one line.
  static func valueText(_ value: TalangValue, money: Bool, minorUnits: Int) -> String {
    switch value {
    case .number(let number) where money:
      let rounded = Currency.round(number, minorUnits: minorUnits)
      return String(format: "%.\(minorUnits)f", NSDecimalNumber(decimal: rounded).doubleValue)
    case .list(let elements) where elements.count > 3:
      return "[\(elements.count) items]"
    case .object:
      return "{...}"
    default:
      let text = value.json.jsonText
      return text.count > 40 ? String(text.prefix(37)) + "..." : text
    }
  }
}
