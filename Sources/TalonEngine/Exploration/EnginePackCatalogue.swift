import Foundation
import TalonAPI

extension EmbeddedEngine: PackCatalogueSource {
  /// The pack with the store's counters, coupon holders and the engine's current time.
  public func packCatalogue() async throws -> PackCatalogue {
    try await performOperation { context in try context.packCatalogue() }
  }

  public func storedIdentifiers(limit: Int) async throws -> StoredIdentifiers {
    try await performOperation { context in
      StoredIdentifiers(
        profiles: try context.store.recentIdentifiers(of: "profile", limit: limit),
        sessions: try context.store.recentIdentifiers(of: "session", limit: limit))
    }
  }
}

extension OperationContext {
  /// The campaign pack as the catalogue commands show it (read only: nothing is written).
  func packCatalogue() throws -> PackCatalogue {
    var campaigns: [PackCatalogue.CampaignEntry] = []
    var coupons: [PackCatalogue.CouponEntry] = []
    for definition in pack.campaigns {
      campaigns.append(
        PackCatalogue.CampaignEntry(
          campaign: try wire(definition), running: definition.isRunning(at: now),
          rules: definition.rules.map(Self.catalogueRule),
          referralUsageLimit: definition.referralUsageLimit))
      let stored = try store.coupons(values: definition.coupons.map(\.value))
      let byValue = Dictionary(
        stored.map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
      for declared in definition.coupons {
        let coupon = byValue[declared.value] ?? declared
        coupons.append(
          PackCatalogue.CouponEntry(
            coupon: coupon, campaignName: definition.name,
            holders: try store.reservingProfiles(coupon: coupon.value).sorted()))
      }
    }
    return PackCatalogue(
      application: PackCatalogue.Application(
        id: pack.application.id, name: pack.application.name, currency: pack.application.currency),
      source: pack.isBuiltInDemo ? "built-in demo shop" : pack.source, now: now,
      campaigns: campaigns, coupons: coupons,
      loyaltyPrograms: pack.loyaltyPrograms.map {
        PackCatalogue.Program(id: $0.id, name: $0.name, title: $0.title)
      })
  }

  private static func catalogueRule(_ rule: Rule) -> PackCatalogue.Rule {
    PackCatalogue.Rule(
      title: rule.title,
      bindings: rule.bindings.map { "\($0.name) = \(InfixText.text(of: $0.expression))" },
      condition: InfixText.text(of: rule.condition),
      effects: rule.effects.map(InfixText.text(of:)))
  }
}
