import Foundation
import TalonAPI
import Testing

@testable import TalonEngine
@testable import TalonPostgres

/// Two engines on one database, as two `talon serve` instances behind a load balancer: what one
/// writes the other reads, and the engine's guarantees hold across them.
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missingReason))
struct TwoEnginesTests {
  /// Two engines with the demo shop on the database at `url`.
  static func engines(_ url: String) throws -> [EmbeddedEngine] {
    try (0..<2).map { _ in
      var configuration = EngineConfiguration(store: .memory, campaigns: try CampaignPack.demo)
      configuration.storage = PostgresStore.opener(url: url, environment: TestCluster.environment)
      return try EmbeddedEngine(configuration: configuration)
    }
  }

  @Test func whatOneWritesTheOtherReads() async throws {
    try await TestCluster.withDatabaseAsync { url in
      let engines = try Self.engines(url)
      _ = try await engines[0].updateCustomerProfile(
        integrationId: "ada", body: NewCustomerProfile(attributes: ["Name": "Ada"]))
      _ = try await engines[0].updateCustomerSessionV2(
        customerSessionId: "s1",
        body: IntegrationRequest(
          customerSession: NewCustomerSessionV2(
            profileId: "ada", cartItems: [CartItem(name: "Tea", sku: "TEA", quantity: 2, price: 4)])
        ))
      let session = try #require(try await engines[1].storedSession("s1"))
      #expect(session.profileId == "ada")
      #expect(session.cartItems.map(\.sku) == ["TEA"])
    }
  }

  /// FLASH3 may be redeemed three times: closing sessions with it from both engines at once,
  /// exactly three redeem it, whatever the interleaving.
  @Test func aLimitedCouponIsRedeemedNoMoreThanItsLimitAcrossEngines() async throws {
    try await TestCluster.withDatabaseAsync { url in
      let engines = try Self.engines(url)
      let closes = 24
      let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
        for index in 0..<closes {
          let engine = engines[index % 2]
          group.addTask {
            let state = try await engine.updateCustomerSessionV2(
              customerSessionId: "close-\(index)",
              body: IntegrationRequest(
                customerSession: NewCustomerSessionV2(
                  profileId: "p\(index)", couponCodes: ["FLASH3"], state: .closed,
                  cartItems: [CartItem(name: "Shirt", sku: "SHIRT", quantity: 1, price: 60)])))
            return state.effects.contains { $0.effectType == "acceptCoupon" }
          }
        }
        return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
      }
      #expect(accepted == 3)
      let coupon = try await engines[1].performOperation { try $0.store.coupon("FLASH3") }
      #expect(coupon?.usageCounter == 3)
    }
  }
}

/// While the database refuses connections, operations are 503s in Talon.One's error shape;
/// once it takes them again, the engine serves again without a restart.
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missingReason))
struct UnreachableDatabaseTests {
  @Test func operationsAre503sWhileTheDatabaseIsAwayThenServeAgain() async throws {
    try await TestCluster.withDatabaseAsync { url in
      let database = try PostgresLocation(parsing: url).database
      let engine = try TwoEnginesTests.engines(url)[0]
      func touch(_ id: String) async throws {
        _ = try await engine.updateCustomerProfile(
          integrationId: id, body: NewCustomerProfile(attributes: [:]))
      }
      try await touch("before")

      try await TestCluster.admin(
        "ALTER DATABASE \(database) ALLOW_CONNECTIONS false",
        """
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = '\(database)' AND pid <> pg_backend_pid()
        """)
      for attempt in 0..<2 {
        await #expect("attempt \(attempt)") {
          try await touch("while-away-\(attempt)")
        } throws: { error in
          guard let error = error as? IntegrationError else { return false }
          return error.status == 503
            && error.response.message.hasPrefix("the store's database cannot be reached")
        }
      }

      try await TestCluster.admin("ALTER DATABASE \(database) ALLOW_CONNECTIONS true")
      try await touch("after")
      let stored = try await engine.performOperation { context in
        try ["before", "after"].map { try context.store.profile($0) != nil }
      }
      #expect(stored == [true, true])
    }
  }
}
