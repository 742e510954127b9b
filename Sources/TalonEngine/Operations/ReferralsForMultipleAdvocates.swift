import Foundation
import TalonAPI

/// CreateReferralsForMultipleAdvocates: one referral code per advocate.
///
/// Decided here (docs/behaviour.md, "Profiles and events (today's generation)"): the codes
/// follow `referralPattern` and `validCharacters` when given (the campaign's referral settings
/// otherwise, then ten characters of A-Z0-9), carry the request's `usageLimit`, dates and
/// `attributes`, and come in the order of `advocateProfileIntegrationIds`; unknown advocates
/// are created; the campaign's referral limits do not apply, as the reference says.
extension OperationContext {
  /// The most advocates one call takes (the reference's limit).
  static let maxAdvocates = 1000
  /// The largest `usageLimit` (the reference's limit).
  static let maxReferralUsageLimit = 999_999

  func createReferrals(_ body: NewReferralsForMultipleAdvocates) throws -> [Referral] {
    guard let campaign = pack.campaign(body.campaignId),
      campaign.campaign.features.contains(.referrals)
    else {
      throw IntegrationError.badRequest(
        "campaign \(body.campaignId) is not a referral campaign of this application",
        title: "invalid value", pointer: "/campaignId")
    }
    let advocates = body.advocateProfileIntegrationIds
    guard (1...Self.maxAdvocates).contains(advocates.count) else {
      throw IntegrationError.badRequest(
        "advocateProfileIntegrationIds takes 1 to \(Self.maxAdvocates) ids, not \(advocates.count)",
        title: advocates.isEmpty ? "minItems" : "maxItems",
        pointer: "/advocateProfileIntegrationIds")
    }
    for (index, advocate) in advocates.enumerated() {
      let pointer = "/advocateProfileIntegrationIds/\(index)"
      guard !advocate.isEmpty else {
        throw IntegrationError.badRequest(
          "an advocate's integration id must not be empty", title: "minLength", pointer: pointer)
      }
      try IdentifierRule.checkField(advocate, pointer: pointer)
    }
    guard (0...Self.maxReferralUsageLimit).contains(body.usageLimit) else {
      throw IntegrationError.badRequest(
        "usageLimit must be between 0 and \(Self.maxReferralUsageLimit)", title: "maximum",
        pointer: "/usageLimit")
    }
    if let attributes = body.attributes, attributes.objectValue == nil {
      throw IntegrationError.badRequest(
        "attributes must be an object", title: "type", pointer: "/attributes")
    }
    let settings = try codeSettings(body, campaign: campaign)
    var referrals: [Referral] = []
    referrals.reserveCapacity(advocates.count)
    for advocate in advocates {
      guard let code = try unusedCode(settings) else {
        throw IntegrationError.conflict("no unused referral code is left for this pattern")
      }
      var profile = try profileOrNew(advocate)
      profile.lastActivity = now
      try store.save(profile)
      var referral = Referral(
        id: 0, created: now, campaignId: campaign.id, advocateProfileIntegrationId: advocate,
        startDate: body.startDate, expiryDate: body.expiryDate, code: code, usageCounter: 0,
        usageLimit: body.usageLimit)
      referral.attributes = body.attributes
      referrals.append(try store.insert(referral))
    }
    return referrals
  }

  /// The request's pattern and characters over the campaign's referral settings.
  private func codeSettings(_ body: NewReferralsForMultipleAdvocates, campaign: CampaignDefinition)
    throws -> CodeGeneratorSettings
  {
    var settings = campaign.campaign.referralSettings ?? CampaignRun.defaultCodeSettings
    if let pattern = body.referralPattern {
      guard (3...100).contains(pattern.count), pattern.contains("#") else {
        throw IntegrationError.badRequest(
          "referralPattern must have 3 to 100 characters, at least one of them #",
          title: "pattern", pointer: "/referralPattern")
      }
      try IdentifierRule.checkField(pattern, pointer: "/referralPattern")
      settings.couponPattern = pattern
    }
    if let characters = body.validCharacters {
      guard !characters.isEmpty, characters.allSatisfy({ !$0.isEmpty }) else {
        throw IntegrationError.badRequest(
          "validCharacters must list at least one character", title: "minItems",
          pointer: "/validCharacters")
      }
      for (index, text) in characters.enumerated() {
        try IdentifierRule.checkField(text, pointer: "/validCharacters/\(index)")
      }
      settings.validCharacters = characters
    }
    return settings
  }

  /// A code of `settings` no coupon or referral has yet (nil after 50 tries).
  private func unusedCode(_ settings: CodeGeneratorSettings) throws -> String? {
    for _ in 0..<50 {
      let candidate = runtime.code(settings)
      if try !store.codeExists(candidate) { return candidate }
    }
    return nil
  }
}
