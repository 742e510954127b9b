import Foundation
import GRDB
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// Several applications in one store file: each sees only its own rows, and a file written
/// before applications had their own data migrates to the pack's application.
@Suite("Applications in one store")
struct ApplicationPartitionTests {
  /// The demo shop as application `id`.
  static func demo(application id: Int) throws -> CampaignPack {
    var pack = try CampaignPack.demo
    pack.application.id = id
    return pack
  }

  @Test func theSameIdsInTwoApplicationsAreTwoRecords() async throws {
    let first = try TestEngine(pack: try Self.demo(application: 1))
    let second = try TestEngine(pack: try Self.demo(application: 2), path: first.path)
    try await first.profile("alice", ["tier": "gold"])
    try await first.v2(
      "s",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"], state: .closed,
        cartItems: [item("A", "120")]))
    try await first.reserve("VIP-ONLY", ["alice"])
    let code = try await first.referral(
      NewReferral(campaignId: 3, advocateProfileIntegrationId: "alice")
    ).code

    #expect(try await second.engine.isFresh())
    await expectError(404) { _ = try await second.inventory("alice") }
    #expect(try await second.engine.storedSession("s") == nil)
    #expect(try await second.points("alice") == 0)
    #expect(try await second.coupon("SUMMER10")?.usageCounter == 0)
    #expect(try await second.reservedCustomers("VIP-ONLY").data.isEmpty)
    let foreign = try await second.v2(
      "r", NewCustomerSessionV2(profileId: "finn", referralCode: code), content: [])
    #expect(foreign.effects.of("rejectReferral").count == 1)

    // The same ids in the second application make records of its own.
    try await second.profile("alice", ["tier": "bronze"])
    try await second.v2(
      "s", NewCustomerSessionV2(profileId: "alice", cartItems: [item("B", "30")]))
    #expect(try await first.storedProfile("alice")?.attributes == ["tier": "gold"])
    #expect(try await second.storedProfile("alice")?.attributes == ["tier": "bronze"])
    #expect(try await first.engine.storedSession("s")?.state == .closed)
    #expect(try await second.engine.storedSession("s")?.state == .open)
    #expect(try await first.points("alice") == 120)
    #expect(try await first.coupon("SUMMER10")?.usageCounter == 1)
  }

  @Test func resettingOneApplicationKeepsTheOther() async throws {
    let first = try TestEngine(pack: try Self.demo(application: 1))
    let second = try TestEngine(pack: try Self.demo(application: 2), path: first.path)
    try await first.v2(
      "s", NewCustomerSessionV2(profileId: "alice", couponCodes: ["FLASH3"], state: .closed))
    try await second.v2(
      "s", NewCustomerSessionV2(profileId: "bob", couponCodes: ["FLASH3"], state: .closed))
    try await second.engine.reset()
    #expect(try await second.engine.isFresh())
    #expect(try await second.coupon("FLASH3")?.usageCounter == 0)
    #expect(try await !first.engine.isFresh())
    #expect(try await first.coupon("FLASH3")?.usageCounter == 1)
    #expect(try await first.engine.storedSession("s")?.profileId == "alice")
  }

  /// A file of schema v2 (no applications) opened by a pack of application 5: its rows, ids and
  /// counters are application 5's, and another application sees none of them.
  @Test(.disabled(if: TestStore.isPostgres, TestStore.sqliteOnly))
  func aFileFromBeforeApplicationsBelongsToThePacksApplication() async throws {
    let current = try TestEngine(pack: try Self.demo(application: 1))
    try await current.profile("alice", ["tier": "gold"])
    try await current.v2(
      "s",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"], state: .closed,
        cartItems: [item("A", "120")]))
    try await current.reserve("VIP-ONLY", ["alice"])
    let code = try await current.referral(
      NewReferral(campaignId: 3, advocateProfileIntegrationId: "alice")
    ).code
    let before = try #require(try await current.inventory("alice").profile)
    current.engine.close()

    let legacy = TestEngine.temporaryPath()
    try Self.writeVersion2Copy(of: current.path, to: legacy)
    let migrated = try TestEngine(pack: try Self.demo(application: 5), path: legacy)
    let after = try #require(try await migrated.inventory("alice").profile)
    #expect(after.id == before.id && after.attributes == ["tier": "gold"])
    #expect(after.closedSessions == 1 && after.totalSales == 120)
    #expect(try await migrated.points("alice") == 120)
    #expect(try await migrated.coupon("SUMMER10")?.usageCounter == 1)
    #expect(try await migrated.reservedCustomers("VIP-ONLY").data.map(\.integrationId) == ["alice"])
    #expect(try await migrated.inventory("alice").referrals?.map(\.code) == [code])
    // Ids go on from where the old file stopped.
    let another = try await migrated.referral(
      NewReferral(campaignId: 3, advocateProfileIntegrationId: "bob"))
    let first = try #require(try await migrated.inventory("alice").referrals?.first)
    #expect(another.id == first.id + 1)
    let other = try TestEngine(pack: try Self.demo(application: 1), path: legacy)
    #expect(try await other.engine.isFresh())
  }

  /// Writes the rows of a current store into a new file of schema v2, as talon 0.3 left them.
  static func writeVersion2Copy(of source: String, to path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try StoreSchema.migrator(legacyApplication: 0).migrate(queue, upTo: "v2")
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: "ATTACH DATABASE ? AS current", arguments: [source])
      try db.inTransaction {
        let copies = [
          "profile": "rowid, integrationId, data",
          "session": "rowid, integrationId, profileId, data",
          "event": "id, sessionId, profileId, data",
          "coupon": "id, value, campaignId, usageCounter, data",
          "reservation": "rowid, couponValue, profileId",
          "referral": "id, code, campaignId, advocate, usageCounter, data",
          "ledger": "id, profileId, programId, sessionId, eventId, amount, reason, created",
          "counter": "rowid, campaignId, action, entity, value",
        ]
        for (table, columns) in copies {
          try db.execute(
            sql: "INSERT INTO main.\(table) (\(columns)) SELECT \(columns) FROM current.\(table)")
        }
        try db.execute(sql: "DELETE FROM main.sqlite_sequence")
        try db.execute(
          sql: "INSERT INTO main.sqlite_sequence SELECT name, seq FROM current.sqlite_sequence")
        return .commit
      }
      try db.execute(sql: "DETACH DATABASE current")
    }
    try queue.close()
  }
}
