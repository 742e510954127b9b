import Foundation
import TalonAPI

/// The catalogue commands' text: tables of campaigns, coupons and programs, and one campaign
/// with its rules in infix form. The JSON behind them is the command's value (`$last`).
enum CatalogueText {
  /// `campaigns`: one line per campaign.
  static func campaigns(_ catalogue: PackCatalogue) -> String {
    let header =
      "\(catalogue.application.name) (\(catalogue.application.currency)), \(catalogue.source): "
      + count(catalogue.campaigns.count, "campaign")
    let rows = catalogue.campaigns.map { entry -> [String] in
      let campaign = entry.campaign
      return [
        String(campaign.id), campaign.name, state(entry), features(campaign),
        window(campaign), String(entry.rules.count),
        usage(campaign, catalogue.application.currency),
      ]
    }
    return header + "\n"
      + table(["ID", "NAME", "STATE", "FEATURES", "WINDOW", "RULES", "USAGE"], rows)
      + "\nshow one with: campaign ID"
  }

  /// `campaigns` against a remote deployment: its running campaigns and their rule titles.
  static func running(_ campaigns: [IntegrationCampaign]) -> String {
    let header = "running campaigns of the remote deployment: " + count(campaigns.count, "campaign")
    let rows = campaigns.map { campaign -> [String] in
      [
        String(campaign.id), campaign.name,
        campaign.features.isEmpty ? "-" : campaign.features.map(\.rawValue).joined(separator: ", "),
        window(start: campaign.startTime, end: campaign.endTime),
        campaign.rules.isEmpty ? "-" : campaign.rules.map(\.title).joined(separator: "; "),
      ]
    }
    return header + "\n" + table(["ID", "NAME", "FEATURES", "WINDOW", "RULES"], rows)
  }

  /// `campaign ID`: description, limits, rules, coupons.
  static func campaign(
    _ entry: PackCatalogue.CampaignEntry, coupons: [PackCatalogue.CouponEntry], currency: String
  ) -> String {
    let campaign = entry.campaign
    var lines = ["campaign \(campaign.id): \(campaign.name) (\(state(entry)))"]
    if !campaign.description.isEmpty { lines.append("  \(campaign.description)") }
    lines.append("  features: \(features(campaign))   window: \(window(campaign))")
    lines.append("  usage: \(usage(campaign, currency))")
    if !campaign.limits.isEmpty {
      let limits = campaign.limits.map { limit in
        let per =
          limit.entities.isEmpty
          ? "" : " per " + limit.entities.map(\.rawValue).joined(separator: ", ")
        return "\(limit.action.rawValue) at most \(limit.limit)\(per)"
      }
      lines.append("  limits: " + limits.joined(separator: "; "))
    }
    if entry.referralUsageLimit > 0 {
      lines.append("  referral codes: at most \(entry.referralUsageLimit) uses each")
    }
    lines.append("  rules:")
    for (index, rule) in entry.rules.enumerated() {
      lines.append("    \(index + 1). \(rule.title)")
      for binding in rule.bindings { lines.append("       let \(binding)") }
      lines.append("       if \(rule.condition)")
      for effect in rule.effects { lines.append("       -> \(effect)") }
    }
    if !coupons.isEmpty {
      lines.append(
        "  coupons: "
          + coupons.map { "\($0.coupon.value) (\(uses($0.coupon)))" }.joined(separator: ", "))
    }
    return lines.joined(separator: "\n")
  }

  /// `coupons`: one line per code.
  static func coupons(_ coupons: [PackCatalogue.CouponEntry]) -> String {
    guard !coupons.isEmpty else { return "the campaign pack declares no coupons" }
    let rows = coupons.map { entry -> [String] in
      [
        entry.coupon.value, "\(entry.coupon.campaignId) \(entry.campaignName)", uses(entry.coupon),
        entry.coupon.expiryDate.map(day) ?? "never", reservation(entry.coupon),
        entry.holders.isEmpty ? "-" : entry.holders.joined(separator: ", "),
      ]
    }
    return table(["CODE", "CAMPAIGN", "USES", "EXPIRES", "WHO MAY USE IT", "HOLDERS"], rows)
  }

  /// `coupons CODE`: one code in full.
  static func coupon(_ entry: PackCatalogue.CouponEntry) -> String {
    let coupon = entry.coupon
    var lines = ["coupon \(coupon.value): campaign \(coupon.campaignId) \(entry.campaignName)"]
    lines.append("  uses: \(uses(coupon))")
    if let start = coupon.startDate { lines.append("  valid from: \(day(start))") }
    lines.append("  expires: \(coupon.expiryDate.map(day) ?? "never")")
    lines.append("  who may use it: \(reservation(coupon))")
    lines.append(
      "  holders: \(entry.holders.isEmpty ? "none" : entry.holders.joined(separator: ", "))")
    if coupon.requiresReservation && entry.holders.isEmpty {
      lines.append("  reserve it first: coupon reserve \(coupon.value) PROFILE")
    }
    return lines.joined(separator: "\n")
  }

  /// `loyalty programs`.
  static func programs(_ programs: [PackCatalogue.Program]) -> String {
    guard !programs.isEmpty else { return "the campaign pack has no loyalty program" }
    return table(["ID", "NAME", "TITLE"], programs.map { [String($0.id), $0.name, $0.title] })
  }

  // MARK: Pieces

  private static func state(_ entry: PackCatalogue.CampaignEntry) -> String {
    if entry.campaign.state.rawValue != "enabled" { return entry.campaign.state.rawValue }
    return entry.running ? "running" : "not running now"
  }

  private static func features(_ campaign: Campaign) -> String {
    campaign.features.isEmpty ? "-" : campaign.features.map(\.rawValue).joined(separator: ", ")
  }

  private static func window(_ campaign: Campaign) -> String {
    window(start: campaign.startTime, end: campaign.endTime)
  }

  static func window(start: Date?, end: Date?) -> String {
    switch (start, end) {
    case (nil, nil): "always"
    case (let start?, nil): "from \(day(start))"
    case (nil, let end?): "until \(day(end))"
    case (let start?, let end?): "\(day(start)) to \(day(end))"
    }
  }

  /// Redemptions and creations counted by the store; `discountCount` is an amount.
  private static func usage(_ campaign: Campaign, _ currency: String) -> String {
    var parts: [String] = []
    if let used = campaign.couponRedemptionCount, used > 0 {
      parts.append(count(used, "coupon") + " redeemed")
    }
    if let used = campaign.referralRedemptionCount, used > 0 {
      parts.append(count(used, "referral") + " redeemed")
    }
    if let given = campaign.discountCount, given > 0 {
      parts.append("\(given) \(currency) discounted")
    }
    if let made = campaign.couponCreationCount, made > 0 {
      parts.append(count(made, "coupon") + " created")
    }
    return parts.isEmpty ? "unused" : parts.joined(separator: ", ")
  }

  private static func uses(_ coupon: Coupon) -> String {
    coupon.usageLimit == 0
      ? "\(coupon.usageCounter) (no limit)" : "\(coupon.usageCounter)/\(coupon.usageLimit)"
  }

  /// Who may redeem the code (`docs/behaviour.md`, "Coupons and reservations").
  private static func reservation(_ coupon: Coupon) -> String {
    if let recipient = coupon.recipientIntegrationId { return "only \(recipient)" }
    if coupon.requiresReservation { return "holders of a reservation" }
    return "anyone"
  }

  private static func day(_ date: Date) -> String {
    String(RFC3339.string(from: date).prefix(10))
  }

  private static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }

  /// Left-aligned columns, two spaces apart, with a header row.
  static func table(_ header: [String], _ rows: [[String]]) -> String {
    var widths = header.map(\.count)
    for row in rows {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        index == cells.count - 1
          ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n")
  }
}
