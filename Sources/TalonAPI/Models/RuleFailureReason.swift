import Foundation

/// Why one rule of an evaluated campaign did not apply (today's `RuleFailureReason`): answered
/// in `IntegrationStateV2.ruleFailureReasons` when `responseContent` asks for
/// `ruleFailureReasons`.
public struct RuleFailureReason: Codable, Hashable, Sendable {
  public var campaignID: Int
  public var campaignName: String
  public var rulesetID: Int
  public var couponID: Int?
  public var couponValue: String?
  public var referralID: Int?
  public var referralValue: String?
  public var ruleIndex: Int
  public var ruleName: String
  /// The index of the failing condition: the conjunct of a top-level `and`, else 0.
  public var conditionIndex: Int?
  /// The index of the effect that failed, when the condition held.
  public var effectIndex: Int?
  /// The failure in words; a failure at run time starts with `runtimeFailurePrefix`.
  public var details: String?
  public var evaluationGroupID: Int?
  public var evaluationGroupMode: String?

  public init(
    campaignID: Int, campaignName: String, rulesetID: Int, couponID: Int? = nil,
    couponValue: String? = nil, referralID: Int? = nil, referralValue: String? = nil,
    ruleIndex: Int, ruleName: String, conditionIndex: Int? = nil, effectIndex: Int? = nil,
    details: String? = nil, evaluationGroupID: Int? = nil, evaluationGroupMode: String? = nil
  ) {
    self.campaignID = campaignID
    self.campaignName = campaignName
    self.rulesetID = rulesetID
    self.couponID = couponID
    self.couponValue = couponValue
    self.referralID = referralID
    self.referralValue = referralValue
    self.ruleIndex = ruleIndex
    self.ruleName = ruleName
    self.conditionIndex = conditionIndex
    self.effectIndex = effectIndex
    self.details = details
    self.evaluationGroupID = evaluationGroupID
    self.evaluationGroupMode = evaluationGroupMode
  }

  /// How `details` starts when the rule failed at run time (a division by zero, a missing
  /// attribute, a value of the wrong type) rather than because a condition was false.
  public static let runtimeFailurePrefix = "failed at run time: "

  /// What failed at run time, when this reason is a runtime failure (`details` after the
  /// prefix); nil for a condition that was simply false.
  public var runtimeFailure: String? {
    guard let details, details.hasPrefix(Self.runtimeFailurePrefix) else { return nil }
    return String(details.dropFirst(Self.runtimeFailurePrefix.count))
  }

  /// The warning line the shell and `talon run` print for a runtime failure, e.g.
  /// `warning: campaign 3 rule 1 "Big basket": division by zero`; nil for other reasons.
  public var warningLine: String? {
    runtimeFailure.map {
      "warning: campaign \(campaignID) rule \(ruleIndex + 1) \"\(ruleName)\": \($0)"
    }
  }
}

/// An answer that may carry `ruleFailureReasons` (the shell and `talon run` print a warning per
/// runtime failure among them).
public protocol CarriesRuleFailureReasons {
  var ruleFailureReasons: [RuleFailureReason]? { get }
}

extension IntegrationStateV2: CarriesRuleFailureReasons {}
