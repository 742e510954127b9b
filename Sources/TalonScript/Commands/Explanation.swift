import Foundation
import TalonAPI

/// What `explain` found for one session: for every campaign (embedded: every campaign of the
/// pack; remote: the running campaigns the deployment lists) and each of its rules, whether it
/// applied and with which effects, or why not; the coupon and referral codes rejected, in
/// words, with what would change it. Its JSON (under the key `explanation`) is `explain`'s
/// value; the summary view draws it as text.
public struct Explanation: Codable, Sendable, Hashable {
  /// One rule of a campaign.
  public struct RuleOutcome: Codable, Sendable, Hashable {
    public var index: Int
    public var title: String
    public var applied: Bool
    /// The effects the rule gave (v2 `Effect` objects), when it applied.
    public var effects: [Effect]
    /// Why it did not apply, in words: the false condition with the values the engine saw
    /// (`Session.CartItemTotal 140.00 >= 150 -> false`), the failure at run time, the limit.
    public var reason: String?
    /// The index of the failing condition (a part of a top-level `and`), when known.
    public var conditionIndex: Int?
  }

  /// A coupon or referral code the session was refused.
  public struct CodeRejection: Codable, Sendable, Hashable {
    /// `coupon` or `referral`.
    public var kind: String
    public var code: String
    /// The API's reason (`CouponReservationRequired`).
    public var reason: String
    /// The reason in words (`VIP-ONLY must be reserved first`).
    public var words: String
    /// A statement that would change it (`coupon reserve VIP-ONLY alice`), when there is one.
    public var remedy: String?
  }

  /// One campaign.
  public struct CampaignOutcome: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    /// `running`, `disabled`, `not started` or `ended`.
    public var state: String
    /// The time window, when the campaign has one (`2026-12-01 to 2026-12-31`).
    public var window: String?
    public var rules: [RuleOutcome]
    public var rejections: [CodeRejection]
  }

  public var session: String
  public var profile: String
  /// `embedded` (every campaign of the pack, values included) or `remote` (the running
  /// campaigns, and what the deployment's `ruleFailureReasons` say).
  public var backend: String
  /// The campaign `campaign=` narrowed to, if any.
  public var campaign: Int?
  public var campaigns: [CampaignOutcome]
  /// Rejected codes that belong to no campaign of the list (a code that does not exist).
  public var rejections: [CodeRejection]
  /// The session's totals as evaluated.
  public var total: Decimal?

  /// The value `explain` answers: `{"explanation": {...}}`.
  public var json: JSONValue {
    .object(["explanation": (try? JSONValueEncoder.encode(self)) ?? .null])
  }

  /// The explanation in `value`, when it is one.
  public init?(_ value: JSONValue) {
    guard let inner = value["explanation"], let decoded = try? inner.decode(Explanation.self)
    else { return nil }
    self = decoded
  }

  init(
    session: String, profile: String, backend: String, campaign: Int?,
    campaigns: [CampaignOutcome], rejections: [CodeRejection], total: Decimal?
  ) {
    self.session = session
    self.profile = profile
    self.backend = backend
    self.campaign = campaign
    self.campaigns = campaigns
    self.rejections = rejections
    self.total = total
  }
}
