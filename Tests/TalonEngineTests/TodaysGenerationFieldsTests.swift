import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// The fields today's generation requires on the answers of the operations both generations
/// share (docs/behaviour.md, "Integration API (today's generation)").
@Suite("Today's generation fields")
struct TodaysGenerationFieldsTests {
  @Test func sessionsCountTheirUpdatesAndKeepTheirId() async throws {
    let test = try TestEngine()
    let first = try await test.v2(
      "s", NewCustomerSessionV2(profileId: "alice", cartItems: [item("A", "10")]))
    let other = try await test.v2("t", NewCustomerSessionV2(profileId: "bob"))
    let second = try await test.v2("s", NewCustomerSessionV2(attributes: ["note": "x"]))
    let firstSession = try #require(first.customerSession)
    let secondSession = try #require(second.customerSession)
    #expect(firstSession.id != nil && firstSession.id != 0)
    #expect(secondSession.id == firstSession.id)
    #expect(other.customerSession?.id != firstSession.id)
    #expect(firstSession.updateCount == 1)
    #expect(secondSession.updateCount == 2)
    #expect(try #require(secondSession.updated) >= #require(firstSession.updated))
    let profileId = try #require(first.customerProfile?.id)
    #expect(profileId != 0)
    #expect(second.customerProfile?.id == profileId)
    #expect(other.customerProfile?.id != profileId)
  }

  @Test func v2EventEffectsAreObjectsAndV1EffectsStayArrays() async throws {
    let test = try TestEngine()
    let v2 = try await test.v2(
      "s", NewCustomerSessionV2(profileId: "alice", cartItems: [item("A", "120")]))
    let effects = try #require(v2.event?.effects)
    #expect(!effects.isEmpty)
    #expect(effects == v2.effects.map(\.object))
    #expect(effects.first?["effectType"]?.stringValue != nil)
    let v1 = try await test.v1(
      "v1", NewCustomerSession(profileId: "alice", cartItems: [item("A", "120")]))
    #expect(v1.event.effects.allSatisfy { $0[3]?[0]?.stringValue != nil })
  }

  @Test func ledgersCarryTheProgramIdAndEveryBalance() async throws {
    let test = try TestEngine()
    try await test.v2(
      "earn",
      NewCustomerSessionV2(profileId: "alice", state: .closed, cartItems: [item("A", "150")]))
    try await test.v2(
      "burn",
      NewCustomerSessionV2(
        profileId: "alice", cartItems: [item("B", "20")], attributes: ["usePoints": true]))
    let closed = try await test.v2("burn", NewCustomerSessionV2(state: .closed))
    let deduct = try #require(closed.effects.of("deductLoyaltyPoints").first)
    #expect(deduct.props["name"] == deduct.props["ruleTitle"])
    let earn = try #require(closed.effects.of("addLoyaltyPoints").first)
    let uuids = [deduct, earn].compactMap { $0.props["transactionUUID"]?.stringValue }
    #expect(uuids.count == 2 && Set(uuids).count == 2)
    #expect(uuids.allSatisfy { UUID(uuidString: $0) != nil })
    let ledgers = try #require(closed.loyalty?.programs["1"])
    #expect(ledgers.id == 1)
    #expect(ledgers.ledger.currentBalance == 70)
    #expect(ledgers.ledger.spentBalance == 100)
    #expect(ledgers.ledger.pendingBalance == 0)
    #expect(ledgers.ledger.expiredBalance == 0)
    #expect(ledgers.ledger.tentativeCurrentBalance == 70)
  }

  @Test func transactionIdsDependOnlyOnTheEventAndThePosition() {
    let first = OperationContext.transactionUUID(application: 1, event: 7, effect: 2)
    #expect(first == OperationContext.transactionUUID(application: 1, event: 7, effect: 2))
    #expect(first != OperationContext.transactionUUID(application: 1, event: 7, effect: 3))
    #expect(first != OperationContext.transactionUUID(application: 1, event: 8, effect: 2))
    #expect(UUID(uuidString: first) != nil)
    #expect(Array(first)[14] == "8")
  }

  @Test func campaignsAndCouponsCarryTodaysFields() async throws {
    let test = try TestEngine()
    try await test.v2(
      "first",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"], state: .closed,
        cartItems: [item("A", "50")]))
    let state = try await test.v2(
      "second",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["FLASH3"], cartItems: [item("A", "50")]))
    #expect(state.triggeredCampaigns?.isEmpty == false)
    #expect(state.triggeredCampaigns?.allSatisfy { $0.frontendState == "running" } == true)
    #expect(state.triggeredCampaigns?.allSatisfy { $0.storesImported == false } == true)
    #expect(state.coupons?.map(\.profileRedemptionCount) == [0])
    let again = try await test.v2(
      "third",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"], cartItems: [item("A", "50")]))
    #expect(again.coupons?.map(\.profileRedemptionCount) == [1])
  }

  @Test func sharedOperationsShowProfileIdsAndReferredCustomers() async throws {
    let test = try TestEngine()
    try await test.v2("s", NewCustomerSessionV2(profileId: "alice"))
    try await test.reserve("VIP-ONLY", ["alice"])
    let reserved = try await test.reservedCustomers("VIP-ONLY")
    #expect(reserved.data.map(\.id).allSatisfy { $0 != nil && $0 != 0 })
    _ = try await test.referral(
      NewReferral(
        campaignId: 3, advocateProfileIntegrationId: "alice", friendProfileIntegrationId: "bob"))
    let inventory = try await test.inventory("alice")
    #expect(inventory.profile?.id == reserved.data.first?.id)
    #expect(inventory.referrals?.map(\.referredCustomers) == [["bob"]])
  }
}
