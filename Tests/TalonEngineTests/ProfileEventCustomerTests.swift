import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Profiles, events and customer data")
struct ProfileEventCustomerTests {
  @Test func profileUpsertMergesAttributes() async throws {
    let test = try TestEngine()
    let created = try await test.profile("alice", ["tier": "gold", "age": 30])
    #expect(created.event.type == "talon_profile_created")
    #expect(created.profile.attributes == ["tier": "gold", "age": 30])
    #expect(created.profile.accountId == 1)
    #expect(created.session.integrationId == "")
    #expect(created.loyalty?.programs["1"]?.ledger.currentBalance == 0)
    let updated = try await test.profile("alice", ["age": nil, "city": "Berlin"])
    #expect(updated.event.type == "talon_profile_updated")
    #expect(updated.profile.attributes == ["tier": "gold", "city": "Berlin"])
    #expect(updated.profile.created == created.profile.created)
    try await test.v2("s1", NewCustomerSessionV2(profileId: "alice", cartItems: [item("A", "5")]))
    let withSession = try await test.profile("alice")
    #expect(withSession.session.integrationId == "s1")
    await expectError(400) { try await test.profile("", [:]) }
    await expectError(400) { try await test.profile("bob", [1, 2]) }
  }

  @Test func lastActivityFollowsTheClock() async throws {
    let test = try TestEngine()
    let first = try await test.profile("alice")
    #expect(first.profile.lastActivity == BackendClockEpoch.value)
    try await test.engine.advanceClock(by: 3600)
    try await test.v2("s", NewCustomerSessionV2(profileId: "alice"))
    let profile = try #require(try await test.storedProfile("alice"))
    #expect(profile.lastActivity == BackendClockEpoch.value.addingTimeInterval(3600))
    #expect(profile.created == BackendClockEpoch.value)
    try await test.engine.setClock(to: Date(timeIntervalSince1970: 1_700_000_000))
    #expect(await test.engine.now() == Date(timeIntervalSince1970: 1_700_000_000))
    await expectError(400) { try await test.engine.advanceClock(by: -1) }
  }

  @Test func customEventTriggersNotification() async throws {
    let test = try TestEngine()
    let state = try await test.event(
      NewEvent(
        profileId: "nina", type: "newsletter_signup", attributes: ["name": "Nina"],
        sessionId: "web-1"))
    #expect(state.event.type == "newsletter_signup")
    #expect(state.event.attributes == ["name": "Nina"])
    #expect(state.event.sessionId == "web-1")
    #expect(
      state.event.effects.contains([
        7, 7, 0, ["showNotification", "info", "Welcome!", "Thanks for subscribing, Nina."],
      ]))
    #expect(state.profile.attributes["newsletter"] == true)
    #expect(state.session.integrationId == "web-1" && state.session.profileId == "nina")
    let other = try await test.event(
      NewEvent(profileId: "nina", type: "page_view", attributes: [:], sessionId: "web-1"))
    #expect(other.event.effects.isEmpty)
  }

  @Test func eventValidationAndOwnership() async throws {
    let test = try TestEngine()
    let reserved = await expectError(400) {
      try await test.event(NewEvent(type: "talon_session_closed", sessionId: "s"))
    }
    #expect(reserved?.response.errors?.first?.source.pointer == "/type")
    await expectError(400) { try await test.event(NewEvent(type: "", sessionId: "s")) }
    let noSession = await expectError(400) {
      try await test.event(NewEvent(type: "x", sessionId: ""))
    }
    #expect(noSession?.response.errors?.first?.source.pointer == "/sessionId")
    try await test.v2("s", NewCustomerSessionV2(profileId: "alice"))
    let conflict = await expectError(409) {
      try await test.event(NewEvent(profileId: "bob", type: "x", sessionId: "s"))
    }
    #expect(conflict?.response.errors?.first?.source.pointer == "/profileId")
    let anonymous = try await test.event(NewEvent(type: "x", sessionId: "s"))
    #expect(anonymous.session.profileId == "alice")
  }

  @Test func inventoryShowsProfileAndReferrals() async throws {
    let test = try TestEngine()
    try await test.profile("ada", ["tier": "silver"])
    let referral = try await test.referral(
      NewReferral(campaignId: 3, advocateProfileIntegrationId: "ada"))
    #expect(referral.code.hasPrefix("REF-"))
    let both = try await test.inventory("ada")
    #expect(both.profile?.attributes == ["tier": "silver"])
    #expect(both.referrals?.map(\.code) == [referral.code])
    let neither = try await test.inventory("ada", profile: nil, referrals: false)
    #expect(neither.profile == nil && neither.referrals == nil)
    let missing = await expectError(404) { _ = try await test.inventory("ghost") }
    #expect(missing?.response.errors?.first?.source.parameter == "integrationId")
  }

  @Test func deletingCustomerDataRemovesAttributesAndTheProfile() async throws {
    let test = try TestEngine()
    try await test.profile("alice", ["email": "a@example.com"])
    try await test.v2(
      "s",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"], state: .closed,
        cartItems: [item("A", "50")], attributes: ["address": "Main St"]))
    try await test.event(
      NewEvent(
        profileId: "alice", type: "newsletter_signup", attributes: ["name": "A"], sessionId: "s2"))
    try await test.reserve("VIP-ONLY", ["alice"])
    try await test.engine.deleteCustomerData(integrationId: "alice")
    await expectError(404) { _ = try await test.inventory("alice") }
    await expectError(404) { try await test.engine.deleteCustomerData(integrationId: "alice") }
    let session = try #require(try await test.engine.storedSession("s"))
    #expect(session.attributes.isEmpty)
    #expect(try await test.reservedCustomers("VIP-ONLY").totalResultSize == 0)
    // Historical usage counters stay.
    #expect(try await test.coupon("SUMMER10")?.usageCounter == 1)
  }

  @Test func freshnessAndReset() async throws {
    let test = try TestEngine()
    #expect(try await test.engine.isFresh())
    try await test.v2(
      "s",
      NewCustomerSessionV2(
        profileId: "a", couponCodes: ["SUMMER10"], state: .closed, cartItems: [item("A", "9")]))
    #expect(try await !test.engine.isFresh())
    try await test.engine.reset()
    #expect(try await test.engine.isFresh())
    #expect(try await test.coupon("SUMMER10")?.usageCounter == 0)
  }
}

/// `BackendClock.virtualEpoch`, reachable without a conforming type.
enum BackendClockEpoch {
  static var value: Date { EmbeddedEngine.virtualEpoch }
}
