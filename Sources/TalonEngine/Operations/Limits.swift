import Foundation
import TalonAPI

/// Campaign counters and `LimitConfig` keys. Every counted action also updates the campaign-wide
/// row (entity ""), which feeds the campaign's statistics; a limit with entities counts per
/// combination of them (`Coupon=X|Profile=p`). A limit whose entity the session lacks (no
/// profile, no identifiers) does not apply (decided here).
struct LimitContext {
  var coupon: String?
  var referral: String?
  var profile: String
  var identifiers: [String]

  /// The counter rows a limit reads and writes, or nil when it does not apply.
  func keys(for limit: LimitConfig) -> [String]? {
    var keys = [""]
    for entity in limit.entities {
      let parts: [String]
      switch entity {
      case .coupon: parts = coupon.map { ["Coupon=" + $0] } ?? []
      case .referral: parts = referral.map { ["Referral=" + $0] } ?? []
      case .profile: parts = profile.isEmpty ? [] : ["Profile=" + profile]
      case .identifier: parts = identifiers.map { "Identifier=" + $0 }
      default: parts = []
      }
      if parts.isEmpty { return nil }
      keys = keys.flatMap { key in parts.map { key.isEmpty ? $0 : key + "|" + $0 } }
    }
    return keys
  }

  /// The counter changes of `amount` of `action` in `campaign`: the campaign-wide row plus every
  /// row a limit of that action uses.
  func deltas(_ action: LimitAction, amount: Decimal, campaign: CampaignDefinition)
    -> [CounterDelta]
  {
    var entities: [String] = [""]
    for limit in campaign.campaign.limits where limit.action == action {
      for key in keys(for: limit) ?? [] where !entities.contains(key) { entities.append(key) }
    }
    return entities.map {
      CounterDelta(campaignId: campaign.id, action: action.rawValue, entity: $0, amount: amount)
    }
  }
}
