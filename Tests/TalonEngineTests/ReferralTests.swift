import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Referrals")
struct ReferralTests {
  static let pack = #"""
    {"application": {"id": 1},
     "loyaltyPrograms": [{"id": 1, "name": "points", "title": "Points"}],
     "campaigns": [
      {"id": 1, "name": "Refer", "features": ["referrals"],
       "referralSettings": {"validCharacters": ["A-F", "2"], "couponPattern": "RF-####"},
       "ruleset": {"rules": [
         {"title": "first order over 20",
          "condition": ["and", ["referralValid"], [".", "Session", "FirstSession"],
                        [">=", [".", "Session", "Total"], 20]],
          "effects": [["setDiscount", "friend", 5],
                      ["addLoyaltyPoints", 1, 200, [".", "Referral", "AdvocateProfileIntegrationId"]]]}]}},
      {"id": 2, "name": "Limited", "features": ["referrals"], "referralUsageLimit": 1,
       "limits": [{"action": "redeemReferral", "limit": 2, "entities": ["Profile"]}],
       "ruleset": {"rules": [{"title": "r", "condition": ["referralValid"], "effects": []}]}},
      {"id": 3, "name": "Paused", "features": ["referrals"], "state": "disabled",
       "ruleset": {"rules": [{"title": "r", "condition": ["referralValid"], "effects": []}]}},
      {"id": 4, "name": "No check", "features": ["referrals"],
       "ruleset": {"rules": [{"title": "r", "condition": true, "effects": []}]}},
      {"id": 5, "name": "Campaign cap", "features": ["referrals"],
       "limits": [{"action": "redeemReferral", "limit": 1, "entities": []}],
       "ruleset": {"rules": [{"title": "r", "condition": ["referralValid"], "effects": []}]}},
      {"id": 6, "name": "Per code", "features": ["referrals"],
       "limits": [{"action": "redeemReferral", "limit": 1, "entities": ["Referral"]}],
       "ruleset": {"rules": [{"title": "r", "condition": ["referralValid"], "effects": []}]}},
      {"id": 7, "name": "Not referrals",
       "ruleset": {"rules": [{"title": "r", "condition": true, "effects": []}]}}
     ]}
    """#

  func reason(
    _ test: TestEngine, _ code: String, friend: String, total: String = "50",
    state: SessionState = .open
  ) async throws -> String? {
    let result = try await test.v2(
      "s-\(UUID().uuidString)",
      NewCustomerSessionV2(
        profileId: friend, referralCode: code, state: state, cartItems: [item("A", total)]))
    return result.effects.of("rejectReferral").first?.props["rejectionReason"]?.stringValue
  }

  @Test func codesFollowThePatternAndAreUnique() async throws {
    let test = try TestEngine(json: Self.pack)
    var codes: Set<String> = []
    for index in 0..<40 {
      let referral = try await test.referral(
        NewReferral(campaignId: 1, advocateProfileIntegrationId: "adv\(index)"))
      #expect(referral.code.hasPrefix("RF-") && referral.code.count == 7)
      #expect(referral.code.dropFirst(3).allSatisfy { "ABCDEF2".contains($0) })
      #expect(referral.usageCounter == 0 && referral.usageLimit == 0 && referral.campaignId == 1)
      codes.insert(referral.code)
    }
    #expect(codes.count == 40)
  }

  @Test func friendsFirstClosedSessionRewardsTheAdvocate() async throws {
    let test = try TestEngine(json: Self.pack)
    let referral = try await test.referral(
      NewReferral(campaignId: 1, advocateProfileIntegrationId: "ada"))
    let open = try await test.v2(
      "f1",
      NewCustomerSessionV2(
        profileId: "finn", referralCode: referral.code, cartItems: [item("A", "50")]))
    #expect(
      open.effects.map(\.effectType) == ["acceptReferral", "setDiscount", "addLoyaltyPoints"])
    #expect(open.effects[2].props["recipientIntegrationId"] == "ada")
    #expect(open.referral?.code == referral.code)
    #expect(try await test.points("ada") == 0)
    let closed = try await test.v2("f1", NewCustomerSessionV2(state: .closed))
    #expect(
      closed.effects.of("redeemReferral").first?.props == [
        "id": .number(Decimal(referral.id)), "value": .string(referral.code),
      ])
    #expect(try await test.points("ada") == 200)
    #expect(closed.referral?.usageCounter == 1)
    let inventory = try await test.inventory("ada")
    #expect(inventory.referrals?.first?.usageCounter == 1)
    #expect(inventory.profile?.loyaltyMemberships?.first?.loyaltyProgramId == 1)
    // A second session of the friend is no longer the first one: no reward.
    let second = try await test.v2(
      "f2",
      NewCustomerSessionV2(
        profileId: "finn", referralCode: referral.code, cartItems: [item("A", "50")]))
    #expect(second.effects.of("addLoyaltyPoints").isEmpty)
    // Cancelling the friend's closed session takes the advocate's points back.
    try await test.v2("f1", NewCustomerSessionV2(state: .cancelled))
    #expect(try await test.points("ada") == 0)
    #expect(try await test.inventory("ada").referrals?.first?.usageCounter == 0)
  }

  @Test func rejectionReasons() async throws {
    let test = try TestEngine(json: Self.pack)
    let code = try await test.referral(
      NewReferral(campaignId: 1, advocateProfileIntegrationId: "ada")
    ).code
    #expect(try await reason(test, "RF-NONE", friend: "finn") == "ReferralNotFound")
    #expect(try await reason(test, code, friend: "ada") == "ReferralRecipientIdSameAsAdvocate")
    #expect(
      try await reason(test, code, friend: "finn", total: "5") == "ReferralRejectedByCondition")
    #expect(try await reason(test, code, friend: "finn") == nil)
    let bound = try await test.referral(
      NewReferral(
        campaignId: 1, advocateProfileIntegrationId: "ada", friendProfileIntegrationId: "gus"))
    #expect(try await reason(test, bound.code, friend: "finn") == "ReferralRecipientDoesNotMatch")
    #expect(try await reason(test, bound.code, friend: "gus") == nil)
    let now = await test.engine.now()
    let expired = try await test.referral(
      NewReferral(
        campaignId: 1, advocateProfileIntegrationId: "ada", expiryDate: now.addingTimeInterval(-1)))
    #expect(try await reason(test, expired.code, friend: "finn") == "ReferralExpired")
    let later = try await test.referral(
      NewReferral(
        campaignId: 1, advocateProfileIntegrationId: "ada",
        startDate: now.addingTimeInterval(86_400)))
    #expect(try await reason(test, later.code, friend: "finn") == "ReferralStartDateInFuture")
    let paused = try await test.referral(
      NewReferral(campaignId: 3, advocateProfileIntegrationId: "ada"))
    #expect(
      try await reason(test, paused.code, friend: "finn") == "ReferralPartOfNotRunningCampaign")
    let unchecked = try await test.referral(
      NewReferral(campaignId: 4, advocateProfileIntegrationId: "ada"))
    #expect(
      try await reason(test, unchecked.code, friend: "finn") == "ReferralValidConditionMissing")
    let once = try await test.referral(
      NewReferral(campaignId: 2, advocateProfileIntegrationId: "ada"))
    #expect(try await reason(test, once.code, friend: "finn", state: .closed) == nil)
    #expect(try await reason(test, once.code, friend: "hal") == "ReferralLimitReached")
  }

  @Test func referralLimitsPerEntity() async throws {
    let test = try TestEngine(json: Self.pack)
    // Campaign-wide: one redemption in campaign 5.
    let a = try await test.referral(NewReferral(campaignId: 5, advocateProfileIntegrationId: "ada"))
    let b = try await test.referral(NewReferral(campaignId: 5, advocateProfileIntegrationId: "bea"))
    #expect(try await reason(test, a.code, friend: "f1", state: .closed) == nil)
    #expect(try await reason(test, b.code, friend: "f2") == "CampaignLimitReached")
    // Per referral code: each code once, other codes still fine.
    let c = try await test.referral(NewReferral(campaignId: 6, advocateProfileIntegrationId: "ada"))
    let d = try await test.referral(NewReferral(campaignId: 6, advocateProfileIntegrationId: "bea"))
    #expect(try await reason(test, c.code, friend: "f1", state: .closed) == nil)
    #expect(try await reason(test, c.code, friend: "f2") == "ReferralLimitReached")
    #expect(try await reason(test, d.code, friend: "f2") == nil)
    // Per profile: a friend redeems at most 2 referrals of campaign 2.
    for advocate in ["x1", "x2"] {
      let code = try await test.referral(
        NewReferral(campaignId: 2, advocateProfileIntegrationId: advocate)
      ).code
      #expect(try await reason(test, code, friend: "pat", state: .closed) == nil)
    }
    let third = try await test.referral(
      NewReferral(campaignId: 2, advocateProfileIntegrationId: "x3")
    ).code
    #expect(try await reason(test, third, friend: "pat") == "ProfileLimitReached")
  }

  @Test func createReferralErrors() async throws {
    let test = try TestEngine(json: Self.pack)
    for campaignId in [99, 7] {
      let error = await expectError(400) {
        _ = try await test.referral(
          NewReferral(campaignId: campaignId, advocateProfileIntegrationId: "a"))
      }
      #expect(error?.response.errors?.first?.source.pointer == "/campaignId")
    }
    let empty = await expectError(400) {
      _ = try await test.referral(NewReferral(campaignId: 1, advocateProfileIntegrationId: ""))
    }
    #expect(empty?.response.errors?.first?.source.pointer == "/advocateProfileIntegrationId")
  }
}
