import Foundation
import TalonAPI

/// Builds an ``Explanation`` from a dry evaluation's answer: effects by campaign and rule,
/// `ruleFailureReasons` in words, rejected codes with their reason in words and a remedy.
struct ExplanationBuilder {
  var session: String
  var profile: String
  var answer: IntegrationStateV2
  /// The pack's coupons when the backend can tell (embedded), to name a coupon's recipient.
  var coupons: [Coupon]

  func explanation(of campaigns: [ExplainCampaign], backend: String, only: Int?) -> Explanation {
    let listed = Set(campaigns.map(\.id))
    let reasons = answer.ruleFailureReasons ?? []
    var outcomes: [Explanation.CampaignOutcome] = []
    for campaign in campaigns {
      var rules: [Explanation.RuleOutcome] = []
      for (index, rule) in campaign.rules.enumerated() {
        let effects = answer.effects.filter {
          $0.campaignId == campaign.id && $0.ruleIndex == index && !Self.isRejection($0)
        }
        let failure = reasons.first { $0.campaignID == campaign.id && $0.ruleIndex == index }
        var outcome = Explanation.RuleOutcome(
          index: index, title: rule.title, applied: failure == nil && !effects.isEmpty,
          effects: effects, reason: nil, conditionIndex: failure?.conditionIndex)
        if let failure {
          outcome.reason = Self.words(failure)
        } else if effects.isEmpty && campaign.state == "running" {
          if !rule.hasEffects {
            outcome.applied = true
            outcome.reason = "its conditions held (the rule has no effects)"
          } else {
            outcome.reason =
              backend == "embedded"
              ? "no effect and no reason given"
              : "no effect, and the deployment gave no ruleFailureReason for it"
          }
        }
        if campaign.state != "running" {
          outcome.reason = "not evaluated: the campaign is \(campaign.state)"
        }
        rules.append(outcome)
      }
      let rejections = answer.effects.filter { $0.campaignId == campaign.id }.compactMap(
        rejection)
      outcomes.append(
        Explanation.CampaignOutcome(
          id: campaign.id, name: campaign.name, state: campaign.state, window: campaign.window,
          rules: rules, rejections: rejections))
    }
    let loose =
      only != nil
      ? [] : answer.effects.filter { !listed.contains($0.campaignId) }.compactMap(rejection)
    return Explanation(
      session: session, profile: profile, backend: backend, campaign: only,
      campaigns: outcomes, rejections: loose, total: answer.customerSession?.total)
  }

  private static func isRejection(_ effect: Effect) -> Bool {
    effect.effectType == "rejectCoupon" || effect.effectType == "rejectReferral"
  }

  /// A rule failure reason in words: the false condition with its values and ` -> false`, or
  /// the failure as the backend said it.
  static func words(_ reason: RuleFailureReason) -> String {
    guard let details = reason.details, !details.isEmpty else { return "did not apply" }
    if let range = details.range(of: " is false: "), details.hasPrefix("condition ") {
      let condition = String(details[range.upperBound...])
      let plain = ["coupon ", "referral ", "the session has no "].contains {
        condition.hasPrefix($0)
      }
      return plain ? condition : condition + " -> false"
    }
    return details
  }

  /// A rejected code of `effect`, with its reason in words and a remedy.
  private func rejection(_ effect: Effect) -> Explanation.CodeRejection? {
    guard Self.isRejection(effect), let code = effect.props["value"]?.stringValue,
      let reason = effect.props["rejectionReason"]?.stringValue
    else { return nil }
    let kind = effect.effectType == "rejectCoupon" ? "coupon" : "referral"
    let (words, remedy) =
      kind == "coupon" ? couponWords(code, reason) : referralWords(code, reason)
    return Explanation.CodeRejection(
      kind: kind, code: code, reason: reason, words: words, remedy: remedy)
  }

  private var who: String { profile.isEmpty ? "PROFILE" : profile }

  private func couponWords(_ code: String, _ reason: String) -> (String, String?) {
    let coupon = coupons.first { $0.value == code }
    switch reason {
    case "CouponNotFound":
      return ("\(code) does not exist", "coupons")
    case "CouponPartOfNotRunningCampaign":
      return (
        "\(code) belongs to a campaign that is not running (disabled or outside its time window)",
        nil
      )
    case "CouponValidConditionMissing":
      return ("no rule of its campaign checks the coupon (couponValid)", nil)
    case "CouponLimitReached":
      return ("\(code) has been used as often as its limit allows", nil)
    case "CampaignLimitReached":
      return ("the campaign's redemption limit is reached", nil)
    case "ProfileLimitReached":
      return ("\(who) has redeemed \(code) as often as the campaign allows", nil)
    case "CouponReservationRequired":
      return (
        "\(code) must be reserved first", "coupon reserve \(code) \(who)"
      )
    case "CouponRecipientDoesNotMatch":
      if let recipient = coupon?.recipientIntegrationId, !recipient.isEmpty {
        return ("\(code) belongs to profile \(recipient)", "session update profile=\(recipient)")
      }
      if coupon?.requiresReservation == true {
        return ("\(code) must be reserved first", "coupon reserve \(code) \(who)")
      }
      return (
        "\(code) is meant for another profile, or must be reserved first",
        "coupon reserve \(code) \(who)"
      )
    case "CouponExpired":
      let day = coupon?.expiryDate.map { " on \(RFC3339.string(from: $0))" } ?? ""
      return ("\(code) expired\(day)", nil)
    case "CouponStartDateInFuture":
      let day = coupon?.startDate.map { " until \(RFC3339.string(from: $0))" } ?? ""
      return ("\(code) is not valid yet\(day)", nil)
    case "CouponRejectedByCondition":
      return ("the campaign's conditions did not hold (see its rules)", nil)
    case "EffectCouldNotBeApplied":
      return ("another code of the same campaign came first: one code per campaign", nil)
    case "CouponPartOfNotTriggeredCampaign":
      return ("its campaign did not trigger", nil)
    case "ProfileRequired":
      return ("the session has no profile", "session update profile=ID")
    default:
      return ("rejected: \(reason)", nil)
    }
  }

  private func referralWords(_ code: String, _ reason: String) -> (String, String?) {
    switch reason {
    case "ReferralNotFound":
      return ("\(code) does not exist", nil)
    case "ReferralPartOfNotRunningCampaign":
      return ("\(code) belongs to a campaign that is not running", nil)
    case "ReferralValidConditionMissing":
      return ("no rule of its campaign checks the referral (referralValid)", nil)
    case "ReferralLimitReached":
      return ("\(code) has been used as often as its limit allows", nil)
    case "CampaignLimitReached":
      return ("the campaign's redemption limit is reached", nil)
    case "ProfileLimitReached":
      return ("\(who) has redeemed referrals of this campaign as often as it allows", nil)
    case "ReferralRecipientIdSameAsAdvocate":
      return ("\(who) is the advocate of \(code): a friend must use it", nil)
    case "ReferralRecipientDoesNotMatch":
      return ("\(code) was made for another friend", nil)
    case "ReferralExpired":
      return ("\(code) has expired", nil)
    case "ReferralStartDateInFuture":
      return ("\(code) is not valid yet", nil)
    case "ReferralRejectedByCondition":
      return ("the campaign's conditions did not hold (see its rules)", nil)
    case "EffectCouldNotBeApplied":
      return ("another referral code came first", nil)
    case "ReferralPartOfNotTriggeredCampaign":
      return ("its campaign did not trigger", nil)
    default:
      return ("rejected: \(reason)", nil)
    }
  }
}
