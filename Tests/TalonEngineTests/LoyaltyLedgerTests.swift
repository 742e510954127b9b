import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Loyalty ledgers, the campaign listing, today's referral and inventory fields")
struct LoyaltyLedgerTests {
  /// alice earns 150 (closed), spends 100 and earns 20 (closed), and has an open session.
  static func earnedAndSpent() async throws -> TestEngine {
    let test = try TestEngine()
    try await test.v2(
      "earn",
      NewCustomerSessionV2(profileId: "alice", state: .closed, cartItems: [item("A", "150")]))
    try await test.v2(
      "burn",
      NewCustomerSessionV2(
        profileId: "alice", state: .closed, cartItems: [item("B", "20")],
        attributes: ["usePoints": true]))
    try await test.v2("open", NewCustomerSessionV2(profileId: "alice", cartItems: [item("C", "9")]))
    return test
  }

  @Test func balancesComeFromTheLedger() async throws {
    let test = try await Self.earnedAndSpent()
    let balances = try await test.engine.getLoyaltyBalances(
      loyaltyProgramId: 1, integrationId: "alice")
    #expect(
      balances.balance
        == LoyaltyBalance(activePoints: 70, pendingPoints: 0, spentPoints: 100, expiredPoints: 0))
    #expect(balances.subledgerBalances == [:])
    // The same number as the session answers' ledger.
    #expect(try await test.points("alice") == 70)
    // Before anything was booked, nothing; another subledger is empty.
    let early = try await test.engine.getLoyaltyBalances(
      loyaltyProgramId: 1, integrationId: "alice", endDate: Date(timeIntervalSince1970: 0))
    #expect(early.balance?.activePoints == 0)
    let other = try await test.engine.getLoyaltyBalances(
      loyaltyProgramId: 1, integrationId: "alice", subledgerId: "shoes")
    #expect(other.balance?.activePoints == 0 && other.balance?.spentPoints == 0)
  }

  @Test func unknownProgramOrProfileIsNotFound() async throws {
    let test = try await Self.earnedAndSpent()
    let program = await expectError(404) {
      _ = try await test.engine.getLoyaltyBalances(loyaltyProgramId: 9, integrationId: "alice")
    }
    #expect(program?.response.errors?.first?.source.parameter == "loyaltyProgramId")
    let profile = await expectError(404) {
      _ = try await test.engine.getLoyaltyProgramProfilePoints(
        loyaltyProgramId: 1, integrationId: "nobody")
    }
    #expect(profile?.response.errors?.first?.source.parameter == "integrationId")
    let notANumber = await expectError(400) {
      _ = try await test.engine.send(
        IntegrationCatalogue.getLoyaltyBalances, OperationArguments(path: ["one", "alice"]),
        body: NoContent())
    }
    #expect(notANumber?.response.errors?.first?.source.parameter == "loyaltyProgramId")
  }

  @Test func transactionsNewestFirstWithTheEffectsUUIDs() async throws {
    let test = try TestEngine()
    try await test.v2(
      "earn", NewCustomerSessionV2(profileId: "alice", cartItems: [item("A", "150")]))
    let closed = try await test.v2("earn", NewCustomerSessionV2(state: .closed))
    let effect = try #require(closed.effects.of("addLoyaltyPoints").first)
    try await test.v2(
      "burn",
      NewCustomerSessionV2(
        profileId: "alice", state: .closed, cartItems: [item("B", "20")],
        attributes: ["usePoints": true]))
    let page = try await test.engine.getLoyaltyProgramProfileTransactions(
      loyaltyProgramId: 1, integrationId: "alice")
    #expect(!page.hasMore)
    // The burn session's close booked its earned 20 before the 100 it spent.
    #expect(page.data.map(\.type) == ["subtraction", "addition", "addition"])
    #expect(page.data.map(\.amount) == [100, 20, 150])
    #expect(page.data.map(\.customerSessionId) == ["burn", "burn", "earn"])
    let first = try #require(page.data.last)
    #expect(first.transactionUUID == effect.props["transactionUUID"]?.stringValue)
    #expect(first.rulesetId == effect.rulesetId)
    #expect(first.startDate == "immediate" && first.expiryDate == "unlimited")
    #expect(first.programId == 1 && first.subledgerId == "")

    // Filters and paging.
    func fetch(_ query: [String: QueryValue]) async throws -> LoyaltyTransactionPage {
      try await test.engine.getLoyaltyProgramProfileTransactions(
        loyaltyProgramId: 1, integrationId: "alice", query: query)
    }
    #expect(try await fetch(["customerSessionIDs": .strings(["earn"])]).data.map(\.amount) == [150])
    #expect(
      try await fetch(["transactionUUIDs": .strings([first.transactionUUID])]).data.count == 1)
    #expect(try await fetch(["loyaltyTransactionType": .string("manual")]).data.isEmpty)
    let paged = try await fetch(["pageSize": .integer(1), "skip": .integer(1)])
    #expect(paged.hasMore && paged.data.map(\.amount) == [20])
    #expect(try await fetch(["endDate": .dateTime(Date(timeIntervalSince1970: 0))]).data.isEmpty)
    await expectError(400) { _ = try await fetch(["pageSize": .integer(0)]) }
    await expectError(400) { _ = try await fetch(["loyaltyTransactionType": .string("gift")]) }
    await expectError(400) { _ = try await fetch(["awaitsActivation": .bool(false)]) }
  }

  @Test func pointsAreTheUnspentRestOfEachAddition() async throws {
    let test = try await Self.earnedAndSpent()
    func points(_ query: [String: QueryValue] = [:]) async throws -> LoyaltyPointsPage {
      try await test.engine.getLoyaltyProgramProfilePoints(
        loyaltyProgramId: 1, integrationId: "alice", query: query)
    }
    // 150 earned, 100 spent from it (oldest first), then 20 earned.
    #expect(try await points().data.map(\.amount) == [50, 20])
    #expect(try await points(["sort": .string("-startDate")]).data.map(\.amount) == [20, 50])
    #expect(try await points(["status": .string("expired")]).data.isEmpty)
    #expect(try await points(["subledgerId": .strings(["x"])]).data.isEmpty)
    #expect(try await points(["customerSessionIDs": .strings(["burn"])]).data.map(\.amount) == [20])
    await expectError(400) { _ = try await points(["status": .string("spent")]) }
    await expectError(400) { _ = try await points(["sort": .string("amount")]) }
  }

  @Test func runningCampaignsFilteredAndPaged() async throws {
    let test = try TestEngine()
    let all = try await test.engine.integrationGetAllCampaigns()
    let pack = try CampaignPack.demo
    let running = pack.campaigns.filter {
      $0.isRunning(at: RFC3339.date(from: "2020-06-01T12:00:00Z")!)
    }
    #expect(all.data.map(\.id) == running.map(\.id))
    #expect(!all.hasMore)
    let first = try #require(all.data.first)
    #expect(first.applicationId == pack.application.id && first.state == .enabled)
    #expect(first.rules.map(\.title) == running[0].rules.map(\.title))
    let two = try await test.engine.integrationGetAllCampaigns(query: [
      "campaignIds": .strings([String(running[1].id), "999"])
    ])
    #expect(two.data.map(\.id) == [running[1].id])
    let paged = try await test.engine.integrationGetAllCampaigns(query: [
      "pageSize": .integer(1), "skip": .integer(1),
    ])
    #expect(paged.hasMore == (running.count > 2) && paged.data.map(\.id) == [running[1].id])
    let none = try await test.engine.integrationGetAllCampaigns(query: [
      "endBefore": .dateTime(Date(timeIntervalSince1970: 0))
    ])
    #expect(none.data.isEmpty)
    await expectError(400) {
      _ = try await test.engine.integrationGetAllCampaigns(query: ["campaignIds": .strings(["x"])])
    }
  }

  @Test func referralUsageLimitAndAttributesAreKeptAndEnforced() async throws {
    let test = try TestEngine()
    var body = NewReferral(campaignId: 3, advocateProfileIntegrationId: "ada")
    body.usageLimit = 1
    body.attributes = ["channel": "email"]
    let referral = try await test.referral(body)
    #expect(referral.usageLimit == 1)
    #expect(referral.attributes == ["channel": "email"])
    let stored = try #require(try await test.inventory("ada").referrals?.first)
    #expect(stored.usageLimit == 1 && stored.attributes == ["channel": "email"])
    #expect(stored.referredCustomers == [])
    try await test.v2(
      "r1",
      NewCustomerSessionV2(
        profileId: "bea", referralCode: referral.code, state: .closed,
        cartItems: [item("A", "10")]))
    let second = try await test.v2(
      "r2", NewCustomerSessionV2(profileId: "cid", referralCode: referral.code))
    #expect(second.effects.of("rejectReferral").first?.props["rejectionReason"] != nil)
    body.usageLimit = -1
    await expectError(400) { _ = try await test.engine.createReferral(body: body) }
  }

  @Test func inventoryAnswersTodaysFlags() async throws {
    let test = try await Self.earnedAndSpent()
    try await test.reserve("VIP-ONLY", ["alice"])
    let inventory = try await test.engine.getCustomerInventory(
      integrationId: "alice", profile: nil, referrals: nil, coupons: true, loyalty: true,
      giveaways: true, achievements: true)
    #expect(inventory.profile == nil && inventory.referrals == nil)
    #expect(inventory.loyalty?.programs["1"]?.ledger.currentBalance == 70)
    #expect(inventory.coupons?.map(\.value) == ["VIP-ONLY"])
    #expect(inventory.coupons?.first?.state == "active")
    #expect(inventory.coupons?.first?.profileRedemptionCount == 0)
    #expect(inventory.giveaways == [] && inventory.achievements == [])
    let plain = try await test.inventory("alice")
    #expect(plain.coupons == nil && plain.loyalty == nil && plain.giveaways == nil)
  }
}
