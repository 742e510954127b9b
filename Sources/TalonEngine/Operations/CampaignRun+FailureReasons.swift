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
  case conditionFalse(Int)
  case failed(RuleStage, String)
  case noEffectApplied
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
    case .conditionFalse(let index):
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
        reason.details = "condition \(index) is false: \(InfixText.text(of: conjunct))"
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
    case .noEffectApplied:
      reason.details =
        "the conditions held but no effect applied (a limit was reached or nothing was left)"
    }
    return reason
  }
}
