import Foundation
import TalonAPI

/// Applying a rule's evaluated effects: money rounding and caps, limits, loyalty, created codes.
extension CampaignRun {
  static let defaultCodeSettings = CodeGeneratorSettings(
    validCharacters: ["A-Z", "0-9"], couponPattern: "##########")

  mutating func apply(
    _ calls: [EffectCall], campaign: CampaignDefinition, ruleIndex: Int, rule: Rule,
    limits: LimitContext
  ) throws {
    // A rule whose deductions the profile cannot cover is skipped as a whole.
    var needed: [Int: Int] = [:]
    for case .deductLoyaltyPoints(let program, let points) in calls {
      needed[program, default: 0] += Self.wholePoints(points)
    }
    for (program, amount) in needed where amount > 0 {
      guard profile != nil, pack.program(program) != nil, available(program) >= amount else {
        shortfall =
          profile == nil
          ? "the session has no profile to take \(amount) points from"
          : "the profile has \(max(available(program), 0)) points in program \(program), "
            + "\(amount) needed"
        return
      }
    }
    let minorUnits = currencyMinorUnits
    for call in calls {
      switch call {
      case .setDiscount(let name, let amount):
        let value = min(Currency.round(amount, minorUnits: minorUnits), sessionRemaining)
        guard value > 0, try allowsDiscount(value, campaign: campaign, limits: limits) else {
          continue
        }
        sessionRemaining -= value
        discounts.append(NamedAmount(name: name, value: value))
        emit(campaign, ruleIndex, rule.title, .setDiscount(name: name, value: value))
      case .setDiscountPerItem(let name, let amounts):
        for (position, amount) in amounts where itemRemaining.indices.contains(position) {
          let value = min(
            Currency.round(amount, minorUnits: minorUnits), itemRemaining[position],
            sessionRemaining)
          guard value > 0, try allowsDiscount(value, campaign: campaign, limits: limits) else {
            continue
          }
          sessionRemaining -= value
          itemRemaining[position] -= value
          discounts.append(NamedAmount(name: name, value: value))
          emit(
            campaign, ruleIndex, rule.title,
            .setDiscountPerItem(name: name, value: value, position: position))
        }
      case .addLoyaltyPoints(let program, let given, let recipient):
        let amount = Self.wholePoints(given)
        let target = recipient ?? profileId
        guard amount > 0, !target.isEmpty, pack.program(program) != nil else { continue }
        self.points.append(
          PendingPoints(profileId: target, programId: program, amount: amount, reason: rule.title))
        emit(
          campaign, ruleIndex, rule.title,
          .addLoyaltyPoints(
            name: rule.title, programId: program, subLedgerId: "", value: Decimal(amount),
            recipientIntegrationId: target, expiryCondition: "unlimited"))
      case .deductLoyaltyPoints(let program, let taken):
        let amount = Self.wholePoints(taken)
        guard amount > 0 else { continue }
        self.points.append(
          PendingPoints(
            profileId: profileId, programId: program, amount: -amount, reason: rule.title))
        emit(
          campaign, ruleIndex, rule.title,
          .deductLoyaltyPoints(
            ruleTitle: rule.title, programId: program, subLedgerId: "", value: Decimal(amount)))
      case .addFreeItem(let sku, let name):
        emit(campaign, ruleIndex, rule.title, .addFreeItem(sku: sku, name: name))
      case .showNotification(let type, let title, let body):
        emit(
          campaign, ruleIndex, rule.title,
          .showNotification(notificationType: type, title: title, body: body))
      case .updateAttribute(let path, let value):
        guard updateAttribute(path, value) else { continue }
        emit(campaign, ruleIndex, rule.title, .updateAttribute(path: path, value: value))
      case .createCoupon:
        if let coupon = try createCoupon(campaign: campaign, ruleIndex: ruleIndex, limits: limits) {
          emit(
            campaign, ruleIndex, rule.title,
            .couponCreated(value: coupon.value, profileId: profileId))
        }
      case .createReferral:
        if let referral = try createReferral(campaign: campaign, ruleIndex: ruleIndex) {
          emit(campaign, ruleIndex, rule.title, .referralCreated(value: referral.code))
        }
      case .triggerWebhook(let id, let name):
        emit(campaign, ruleIndex, rule.title, .triggerWebhook(webhookId: id, webhookName: name))
      case .error(let message):
        emit(campaign, ruleIndex, rule.title, .error(message: message))
      }
    }
  }

  /// The words for a campaign limit that stopped an effect:
  /// `the campaign's limit is reached: setDiscount at most 1 per Profile`.
  static func limitReached(_ limit: LimitConfig) -> String {
    let per =
      limit.entities.isEmpty
      ? "" : " per " + limit.entities.map(\.rawValue).joined(separator: " and ")
    return "the campaign's limit is reached: \(limit.action.rawValue) at most \(limit.limit)\(per)"
  }

  /// Loyalty points are whole numbers: floored (decided here).
  static func wholePoints(_ points: Decimal) -> Int {
    let floored = Functions.round(points, .down)
    guard floored > 0, floored < 1_000_000_000_000 else { return 0 }
    if let small = floored.smallWholeNumber { return small }
    return NSDecimalNumber(decimal: floored).intValue
  }

  /// The committed balance minus what this run already deducts.
  func available(_ program: Int) -> Int {
    let pending = points.filter {
      $0.profileId == profileId && $0.programId == program && $0.amount < 0
    }
    .reduce(0) { $0 + $1.amount }
    return (balances[program] ?? 0) + pending
  }

  private mutating func allowsDiscount(
    _ value: Decimal, campaign: CampaignDefinition, limits: LimitContext
  ) throws -> Bool {
    for limit in campaign.campaign.limits {
      if limit.action == .setDiscount,
        try exceeded(limit, campaign: campaign, context: limits, adding: value)
      {
        shortfall = Self.limitReached(limit)
        return false
      }
      if limit.action == .setDiscountEffect,
        try exceeded(limit, campaign: campaign, context: limits, adding: 1)
      {
        shortfall = Self.limitReached(limit)
        return false
      }
    }
    count(limits.deltas(.setDiscount, amount: value, campaign: campaign))
    count(limits.deltas(.setDiscountEffect, amount: 1, campaign: campaign))
    return true
  }

  private mutating func updateAttribute(_ path: String, _ value: JSONValue) -> Bool {
    let parts = path.split(separator: ".", maxSplits: 2).map(String.init)
    guard parts.count == 3 else { return false }
    if parts[0] == "Profile" {
      guard profile != nil else { return false }
      profile?.attributes[parts[2]] = value
    } else {
      session.attributes[parts[2]] = value
    }
    return true
  }

  private mutating func uniqueCode(_ settings: CodeGeneratorSettings) throws -> String? {
    for _ in 0..<50 {
      let code = runtime.code(settings)
      if try !store.codeExists(code) { return code }
    }
    return nil
  }

  private mutating func createCoupon(
    campaign: CampaignDefinition, ruleIndex: Int, limits: LimitContext
  ) throws -> Coupon? {
    guard allowsCreation, !profileId.isEmpty else { return nil }
    let key = "\(campaign.id)/\(ruleIndex)"
    if let value = session.createdCoupons[key] {
      guard let coupon = try store.coupon(value) else { return nil }
      createdCoupons.append(coupon)
      return coupon
    }
    let context = LimitContext(
      coupon: nil, referral: nil, profile: profileId, identifiers: limits.identifiers)
    for limit in campaign.campaign.limits where limit.action == .createCoupon {
      if try exceeded(limit, campaign: campaign, context: context, adding: 1) {
        shortfall = Self.limitReached(limit)
        return nil
      }
    }
    let settings = campaign.campaign.couponSettings ?? Self.defaultCodeSettings
    guard let code = try uniqueCode(settings) else { return nil }
    let coupon = try store.insert(
      Coupon(
        id: 0, created: now, campaignId: campaign.id, value: code, usageLimit: 1,
        usageCounter: 0, recipientIntegrationId: profileId, reservation: true))
    for delta in context.deltas(.createCoupon, amount: 1, campaign: campaign) {
      try store.add(delta)
    }
    session.createdCoupons[key] = code
    createdCoupons.append(coupon)
    return coupon
  }

  private mutating func createReferral(campaign: CampaignDefinition, ruleIndex: Int) throws
    -> Referral?
  {
    guard allowsCreation, !profileId.isEmpty else { return nil }
    let key = "\(campaign.id)/\(ruleIndex)"
    if let code = session.createdReferrals[key] {
      guard let referral = try store.referral(code: code) else { return nil }
      createdReferrals.append(referral)
      return referral
    }
    let settings = campaign.campaign.referralSettings ?? Self.defaultCodeSettings
    guard let code = try uniqueCode(settings) else { return nil }
    let referral = try store.insert(
      Referral(
        id: 0, created: now, campaignId: campaign.id, advocateProfileIntegrationId: profileId,
        code: code, usageCounter: 0, usageLimit: campaign.referralUsageLimit))
    session.createdReferrals[key] = code
    createdReferrals.append(referral)
    return referral
  }
}
