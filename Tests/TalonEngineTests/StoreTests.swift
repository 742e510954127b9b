import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Store")
struct StoreTests {
  @Test func dataSurvivesClosingAndReopeningTheFile() async throws {
    let path = TestEngine.temporaryPath()
    var referralCode = ""
    do {
      let first = try TestEngine(path: path)
      try await first.profile("alice", ["tier": "gold"])
      try await first.v2(
        "s",
        NewCustomerSessionV2(
          profileId: "alice", couponCodes: ["SUMMER10"], state: .closed,
          cartItems: [item("A", "120")]))
      try await first.reserve("VIP-ONLY", ["alice"])
      referralCode = try await first.referral(
        NewReferral(campaignId: 3, advocateProfileIntegrationId: "alice")
      ).code
      first.engine.close()
    }
    let second = try TestEngine(path: path)
    #expect(try await !second.engine.isFresh())
    let profile = try #require(try await second.storedProfile("alice"))
    #expect(profile.attributes == ["tier": "gold"])
    #expect(profile.closedSessions == 1 && profile.totalSales == 120)
    #expect(try await second.points("alice") == 120)
    #expect(try await second.coupon("SUMMER10")?.usageCounter == 1)
    #expect(try await second.reservedCustomers("VIP-ONLY").data.map(\.integrationId) == ["alice"])
    #expect(try await second.inventory("alice").referrals?.map(\.code) == [referralCode])
    let session = try #require(try await second.engine.storedSession("s"))
    #expect(session.state == .closed && session.cartItems.count == 1)
    // The stored close still rolls back exactly after the reopen.
    try await second.v2("s", NewCustomerSessionV2(state: .cancelled))
    #expect(try await second.points("alice") == 0)
    #expect(try await second.coupon("SUMMER10")?.usageCounter == 0)
  }

  /// A session's profile column follows the session whether the update set the profile or
  /// kept it (the second kind leaves the column alone): deleting the customer's data finds it.
  @Test func aSessionGivenAProfileLaterIsFoundByThatProfile() async throws {
    let test = try TestEngine()
    try await test.v2("s", NewCustomerSessionV2(attributes: ["note": "anonymous"]))
    try await test.v2("s", NewCustomerSessionV2(profileId: "alice"))
    try await test.v2("s", NewCustomerSessionV2(profileId: "alice", cartItems: [item("A", "5")]))
    try await test.v2("s", NewCustomerSessionV2(cartItems: [item("B", "7")]))
    #expect(try await test.engine.storedSession("s")?.attributes == ["note": "anonymous"])
    try await test.engine.deleteCustomerData(integrationId: "alice")
    let session = try #require(try await test.engine.storedSession("s"))
    #expect(session.attributes.isEmpty && session.profileId == "alice")
    #expect(session.cartItems.map(\.sku) == ["B"])
  }

  @Test(.disabled(if: TestStore.isPostgres, TestStore.sqliteOnly))
  func newFileIsPrivateAndInWALMode() throws {
    let test = try TestEngine()
    let attributes = try FileManager.default.attributesOfItem(atPath: test.path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let header = try Data(contentsOf: URL(fileURLWithPath: test.path)).prefix(20)
    #expect(header.count == 20 && header[18] == 2 && header[19] == 2)  // WAL read/write versions
  }

  @Test func editedCampaignFileKeepsHistory() async throws {
    let path = TestEngine.temporaryPath()
    let original = #"""
      {"application": {"id": 1}, "campaigns": [{"id": 1, "name": "c",
        "ruleset": {"rules": [{"title": "r", "condition": ["couponValid"], "effects": []}]},
        "coupons": [{"value": "KEEP"}, {"value": "GONE"}]}]}
      """#
    do {
      let first = try TestEngine(
        pack: try CampaignPack.parse(Data(original.utf8), source: "a"), path: path)
      for code in ["KEEP", "GONE"] {
        try await first.v2(
          code, NewCustomerSessionV2(profileId: "p", couponCodes: [code], state: .closed))
      }
      first.engine.close()
    }
    let edited = original.replacingOccurrences(
      of: #"{"value": "GONE"}"#, with: #"{"value": "FRESH", "usageLimit": 5}"#)
    let second = try TestEngine(
      pack: try CampaignPack.parse(Data(edited.utf8), source: "b"), path: path)
    #expect(try await second.coupon("KEEP")?.usageCounter == 1)
    #expect(try await second.coupon("GONE")?.usageCounter == 1)
    #expect(try await second.coupon("FRESH")?.usageCounter == 0)
    #expect(try await second.coupon("FRESH")?.usageLimit == 5)
  }

  @Test func memoryStoreWorks() async throws {
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(store: .memory, campaigns: try .demo, seed: 1))
    let state = try await engine.updateCustomerSessionV2(
      customerSessionId: "m",
      body: IntegrationRequest(customerSession: NewCustomerSessionV2(cartItems: [item("A", "100")]))
    )
    #expect(state.effects.of("setDiscount").count == 1)
    engine.close()
  }

  @Test func seededRunsAreIdentical() async throws {
    func run() async throws -> [String] {
      let test = try TestEngine(seed: 42)
      var outputs: [String] = []
      let referral = try await test.referral(
        NewReferral(campaignId: 3, advocateProfileIntegrationId: "ada"))
      outputs.append(try JSONValue(encoding: referral).jsonText)
      let event = try await test.event(
        NewEvent(profileId: "nina", type: "newsletter_signup", attributes: [:], sessionId: "w"))
      outputs.append(try JSONValue(encoding: event).jsonText)
      try await test.engine.advanceClock(by: 86_400)
      let session = try await test.v2(
        "s",
        NewCustomerSessionV2(
          profileId: "finn", referralCode: referral.code, state: .closed,
          cartItems: [item("A", "80")]))
      outputs.append(try JSONValue(encoding: session).jsonText)
      return outputs
    }
    let first = try await run()
    let second = try await run()
    #expect(first == second)
    #expect(first[0].contains("2020-06-01T12:00:00Z"))
  }
}

@Suite("Store shared by two engines")
struct SharedStoreTests {
  @Test func secondConnectionSeesTheFirstOnesWrites() async throws {
    let first = try TestEngine()
    let second = try TestEngine(path: first.path)
    try await first.v2("s", NewCustomerSessionV2(profileId: "alice", cartItems: [item("A", "10")]))
    #expect(try await first.engine.storedSession("s")?.cartItems.count == 1)  // now cached
    try await second.v2("s", NewCustomerSessionV2(cartItems: [item("A", "10"), item("B", "5")]))
    #expect(try await first.engine.storedSession("s")?.cartItems.count == 2)
    let closed = try await first.v2("s", NewCustomerSessionV2(state: .closed))
    #expect(closed.customerSession?.cartItemTotal == 15)
    await expectError(409) {
      try await second.v2("s", NewCustomerSessionV2(cartItems: []))
    }
  }

  @Test func failedOperationLeavesNoTraceInTheCache() async throws {
    let test = try TestEngine()
    try await test.v2("s", NewCustomerSessionV2(profileId: "alice"))
    await expectError(409) { try await test.v2("s", NewCustomerSessionV2(profileId: "bob")) }
    #expect(try await test.engine.storedSession("s")?.profileId == "alice")
  }
}

@Suite("Transactions")
struct TransactionTests {
  @Test func failedOperationRollsBackItsWrites() async throws {
    let test = try TestEngine()
    await expectError(409) { try await test.engine.saveProfileThenFail("ghost") }
    await expectError(404) { _ = try await test.inventory("ghost") }
    #expect(try await test.engine.isFresh())
    // The engine goes on working after the rollback.
    try await test.profile("ghost")
    #expect(try await test.storedProfile("ghost") != nil)
  }
}
