import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// `EmbeddedEngine.snapshot()` and `restore(_:)`: presenter mode's back and go to.
@Suite("Engine snapshots")
struct SnapshotTests {
  @Test(.disabled(if: TestStore.isPostgres, TestStore.sqliteOnly), arguments: [false, true])
  func restorePutsBackTheStoreAndTheCachedRecords(onFile: Bool) async throws {
    let test = try onFile ? TestEngine(path: TestEngine.temporaryPath()) : TestEngine()
    try await test.profile("alice", ["tier": "gold"])
    let before = try await test.engine.snapshot()
    try await test.profile("alice", ["tier": "silver"])
    try await test.v2(
      "s",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"], state: .closed,
        cartItems: [item("A", "120")]))
    #expect(try await test.storedProfile("alice")?.closedSessions == 1)
    try await test.engine.restore(before)
    let profile = try #require(try await test.storedProfile("alice"))
    #expect(profile.attributes == ["tier": "gold"])
    #expect(profile.closedSessions == 0)
    #expect(try await test.engine.storedSession("s") == nil)
    // The coupon redeemed after the snapshot can be redeemed again.
    try await test.v2(
      "s2",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"], state: .closed,
        cartItems: [item("A", "120")]))
    #expect(try await test.storedProfile("alice")?.closedSessions == 1)
  }
}
