import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// Today's profile and event operations and the bulk referral operation, on the demo shop
/// (docs/behaviour.md, "Profiles and events (today's generation)" and "Silent answers").
@Suite("Today's profile and event operations")
struct ProfilesAndEventsV2Tests {
  private static let everything: [ResponseContent] = [
    .customerProfile, .triggeredCampaigns, .loyalty, .event, "awardedGiveaways",
  ]

  private func update(
    _ test: TestEngine, _ id: String, _ attributes: JSONValue? = nil,
    content: [ResponseContent]? = everything, rules: Bool? = true, dry: Bool? = nil
  ) async throws -> IntegrationResponseV2 {
    try await test.engine.updateCustomerProfileV2(
      integrationId: id,
      body: CustomerProfileIntegrationRequestV2(attributes: attributes, responseContent: content),
      runRuleEngine: rules, dry: dry)
  }

  private func track(
    _ test: TestEngine, _ type: String, profile: String? = "nina", attributes: JSONValue? = nil,
    silent: Bool? = false, dry: Bool? = nil, only: [Int]? = nil
  ) async throws -> IntegrationResponseV2? {
    try await test.engine.trackEventV2(
      body: IntegrationEventV2Request(
        type: type, profileId: profile, evaluableCampaignIds: only, attributes: attributes,
        responseContent: Self.everything),
      silent: silent, dry: dry)
  }

  @Test func profileUpdateRunsTheRulesWithTodaysBuiltInEvents() async throws {
    let test = try TestEngine()
    let created = try await update(test, "alice", ["tier": "gold"])
    #expect(created.event?.type == "customer_profile_created")
    #expect(created.event?.sessionId == nil)
    #expect(created.event?.id ?? 0 > 0)
    let profile = try #require(created.customerProfile)
    #expect(profile.integrationId == "alice" && profile.id ?? 0 > 0)
    #expect(profile.attributes == ["tier": "gold"])
    #expect(created.loyalty?.programs["1"] != nil)
    #expect(created.triggeredCampaigns != nil)
    #expect(created.awardedGiveaways == [])
    let updated = try await update(test, "alice", ["city": "Berlin"])
    #expect(updated.event?.type == "customer_profile_updated")
    #expect(updated.customerProfile?.id == profile.id)
    #expect(updated.customerProfile?.attributes == ["tier": "gold", "city": "Berlin"])
    // The v1 route keeps the 2020 names.
    let v1 = try await test.profile("alice")
    #expect(v1.event.type == "talon_profile_updated")
    let v1New = try await test.profile("bob")
    #expect(v1New.event.type == "talon_profile_created")
  }

  @Test func withoutTheRuleEngineOnlyTheAttributesAreStored() async throws {
    let test = try TestEngine()
    let answer = try await update(test, "alice", ["tier": "gold"], content: nil, rules: nil)
    #expect(answer == IntegrationResponseV2())
    #expect(try await test.storedProfile("alice")?.attributes == ["tier": "gold"])
    let refused = await expectError(400) {
      _ = try await update(test, "alice", content: [.customerProfile], rules: false)
    }
    #expect(refused?.response.errors?.first?.source.pointer == "/responseContent")
    let unknown = await expectError(400) {
      _ = try await update(test, "alice", content: [.customerSession])
    }
    #expect(unknown?.response.errors?.first?.source.pointer == "/responseContent/0")
    let notObject = await expectError(400) { _ = try await update(test, "alice", "text") }
    #expect(notObject?.response.errors?.first?.source.pointer == "/attributes")
  }

  @Test func aDryProfileUpdateKeepsNothing() async throws {
    let test = try TestEngine()
    let dry = try await update(test, "ghost", ["tier": "gold"], dry: true)
    #expect(dry.event?.type == "customer_profile_created")
    #expect(dry.customerProfile?.attributes == ["tier": "gold"])
    #expect(try await test.engine.isFresh())
    await expectError(404) { _ = try await test.inventory("ghost") }
  }

  @Test func anEventOfAProfileRunsItsRulesWithoutASession() async throws {
    let test = try TestEngine()
    let answer = try #require(
      try await track(test, "newsletter_signup", attributes: ["name": "Nina"]))
    #expect(answer.event?.type == "newsletter_signup")
    #expect(answer.event?.profileId == "nina" && answer.event?.sessionId == nil)
    let types = answer.effects.map(\.effectType)
    #expect(types.contains("showNotification") && types.contains("couponCreated"))
    // The event's effects are effect objects, like the answer's.
    #expect(answer.event?.effects.first?["effectType"] != nil)
    #expect(answer.createdCoupons.count == 1)
    #expect(answer.customerProfile?.attributes["newsletter"] == true)
    #expect(answer.triggeredCampaigns?.map(\.id) == [7])
    #expect(try await test.storedProfile("nina")?.attributes["newsletter"] == true)
    let nothing = try #require(try await track(test, "page_view"))
    #expect(nothing.effects.isEmpty && nothing.createdCoupons.isEmpty)
  }

  @Test func eventsAreSilentByDefaultAndValidated() async throws {
    let test = try TestEngine()
    #expect(try await track(test, "newsletter_signup", silent: nil) == nil)
    #expect(try await track(test, "newsletter_signup", silent: true) == nil)
    // The silent call did its work.
    #expect(try await test.storedProfile("nina")?.attributes["newsletter"] == true)
    let noProfile = await expectError(400) { _ = try await track(test, "x", profile: nil) }
    #expect(noProfile?.response.errors?.first?.source.pointer == "/profileId")
    for builtIn in ["talon_session_created", "customer_profile_created", ""] {
      let refused = await expectError(400) { _ = try await track(test, builtIn) }
      #expect(refused?.response.errors?.first?.source.pointer == "/type")
    }
    let badSilence = await expectError(400) {
      _ = try await test.engine.send(
        IntegrationCatalogue.trackEventV2,
        OperationArguments(query: ["silent": .string("maybe")]),
        body: IntegrationEventV2Request(type: "x", profileId: "nina"))
    }
    #expect(badSilence?.response.errors?.first?.source.parameter == "silent")
  }

  @Test func aDryEventEvaluatesOnlyTheListedCampaignsAndKeepsNothing() async throws {
    let test = try TestEngine()
    let dry = try #require(try await track(test, "newsletter_signup", dry: true))
    #expect(dry.effects.map(\.effectType).contains("showNotification"))
    #expect(try await test.engine.isFresh())
    let filtered = try #require(try await track(test, "newsletter_signup", dry: true, only: [1]))
    #expect(filtered.effects.isEmpty)
    // Without dry the list does not count.
    let real = try #require(try await track(test, "newsletter_signup", only: [1]))
    #expect(real.effects.map(\.effectType).contains("showNotification"))
  }

  @Test func theBulkUpdateStoresEveryProfileInOrderAndRunsNoRules() async throws {
    let test = try TestEngine()
    let body = MultipleCustomerProfileIntegrationRequest(customerProfiles: [
      CustomerProfileUpdateItem(integrationId: "a", attributes: ["tier": "gold"]),
      CustomerProfileUpdateItem(integrationId: "b"),
      CustomerProfileUpdateItem(integrationId: "a", attributes: ["city": "Oslo", "tier": nil]),
    ])
    #expect(try await test.engine.updateCustomerProfilesV2(body: body) == nil)
    let answer = try #require(
      try await test.engine.updateCustomerProfilesV2(body: body, silent: false))
    #expect(answer.integrationStates.map(\.customerProfile.integrationId) == ["a", "b", "a"])
    #expect(
      answer.integrationStates[0].customerProfile.attributes == ["tier": "gold", "city": "Oslo"])
    #expect(answer.integrationStates[2].customerProfile.attributes == ["city": "Oslo"])
    #expect(answer.integrationStates.allSatisfy { ($0.customerProfile.id ?? 0) > 0 })
    #expect(try await test.storedProfile("a")?.attributes == ["city": "Oslo"])
    let empty = await expectError(400) {
      _ = try await test.engine.updateCustomerProfilesV2(
        body: MultipleCustomerProfileIntegrationRequest(customerProfiles: [
          CustomerProfileUpdateItem(integrationId: "c"),
          CustomerProfileUpdateItem(integrationId: ""),
        ]))
    }
    #expect(empty?.response.errors?.first?.source.pointer == "/customerProfiles/1/integrationId")
    // A refused request keeps nothing, also of the profiles before the bad one.
    await expectError(404) { _ = try await test.inventory("c") }
    let tooMany = await expectError(400) {
      _ = try await test.engine.updateCustomerProfilesV2(
        body: MultipleCustomerProfileIntegrationRequest(
          customerProfiles: (0...1000).map { CustomerProfileUpdateItem(integrationId: "p\($0)") }))
    }
    #expect(tooMany?.response.errors?.first?.source.pointer == "/customerProfiles")
  }

  @Test func referralsForSeveralAdvocatesFollowTheRequest() async throws {
    let test = try TestEngine()
    let body = NewReferralsForMultipleAdvocates(
      campaignId: 3, advocateProfileIntegrationIds: ["ann", "ben"], usageLimit: 2,
      expiryDate: Date(timeIntervalSince1970: 2_000_000_000), attributes: ["channel": "web"],
      validCharacters: ["X", "Y"], referralPattern: "FR-###")
    let answer = try #require(
      try await test.engine.createReferralsForMultipleAdvocates(body: body, silent: false))
    #expect(answer.totalResultSize == 2)
    #expect(answer.data.map(\.advocateProfileIntegrationId) == ["ann", "ben"])
    #expect(answer.data.allSatisfy { $0.usageLimit == 2 && $0.attributes == ["channel": "web"] })
    #expect(answer.data.allSatisfy { $0.code.wholeMatch(of: /FR-[XY]{3}/) != nil })
    #expect(answer.data[0].code != answer.data[1].code)
    #expect(answer.data[0].expiryDate == Date(timeIntervalSince1970: 2_000_000_000))
    #expect(try await test.inventory("ben").referrals?.map(\.code) == [answer.data[1].code])
    let silent = try await test.engine.createReferralsForMultipleAdvocates(
      body: NewReferralsForMultipleAdvocates(
        campaignId: 3, advocateProfileIntegrationIds: ["cid"], usageLimit: 0))
    #expect(silent == nil)
    let stored = try #require(try await test.inventory("cid").referrals?.first)
    #expect(stored.code.hasPrefix("REF-") && stored.usageLimit == 0)
    let notReferral = await expectError(400) {
      _ = try await test.engine.createReferralsForMultipleAdvocates(
        body: NewReferralsForMultipleAdvocates(
          campaignId: 1, advocateProfileIntegrationIds: ["x"], usageLimit: 1))
    }
    #expect(notReferral?.response.errors?.first?.source.pointer == "/campaignId")
    let none = await expectError(400) {
      _ = try await test.engine.createReferralsForMultipleAdvocates(
        body: NewReferralsForMultipleAdvocates(
          campaignId: 3, advocateProfileIntegrationIds: [], usageLimit: 1))
    }
    #expect(none?.response.errors?.first?.source.pointer == "/advocateProfileIntegrationIds")
    let badPattern = await expectError(400) {
      _ = try await test.engine.createReferralsForMultipleAdvocates(
        body: NewReferralsForMultipleAdvocates(
          campaignId: 3, advocateProfileIntegrationIds: ["x"], usageLimit: 1,
          referralPattern: "ABCD"))
    }
    #expect(badPattern?.response.errors?.first?.source.pointer == "/referralPattern")
    let limit = await expectError(400) {
      _ = try await test.engine.createReferralsForMultipleAdvocates(
        body: NewReferralsForMultipleAdvocates(
          campaignId: 3, advocateProfileIntegrationIds: ["x"], usageLimit: 1_000_000))
    }
    #expect(limit?.response.errors?.first?.source.pointer == "/usageLimit")
  }
}
