import Foundation
import TalonAPI
import Testing

@testable import TalonEngine
@testable import TalonPostgres

/// What instances used to keep to themselves lives in the database: the campaign pack's hash,
/// test control's clock, the seeded random source, reset. Two engines on one database stand
/// for two `talon serve` instances.
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missingReason))
struct SharedStateTests {
  static func engine(
    _ url: String, pack: CampaignPack? = nil, seed: UInt64? = nil, adopt: Bool = false
  ) throws -> EmbeddedEngine {
    var configuration = EngineConfiguration(
      store: .memory, campaigns: try pack ?? CampaignPack.demo, seed: seed)
    configuration.storage = PostgresStore.opener(url: url, environment: TestCluster.environment)
    configuration.adoptCampaigns = adopt
    return try EmbeddedEngine(configuration: configuration)
  }

  /// The demo shop's campaigns in a file whose text (and so hash) differs.
  static func otherPack() throws -> CampaignPack {
    let demo = try CampaignPack.demo
    return try CampaignPack.parse(Data((demo.fileText + "\n\n").utf8), source: "other.json")
  }

  @Test func anInstanceWithAnotherPackIsRefusedUnlessItAdoptsIt() async throws {
    try await TestCluster.withDatabaseAsync { url in
      let first = try Self.engine(url)
      defer { first.close() }
      let other = try Self.otherPack()
      let refused = #expect(throws: IntegrationError.self) { try Self.engine(url, pack: other) }
      #expect(refused?.status == 503)
      #expect(String(describing: refused).contains("--adopt-campaigns") == true)
      #expect(String(describing: refused).contains(String(other.sha256.prefix(12))) == true)
      // Adopting it makes it the database's: the first instance's operations are refused now.
      let adopting = try Self.engine(url, pack: other, adopt: true)
      defer { adopting.close() }
      _ = try await adopting.updateCustomerProfile(integrationId: "ada", body: NewCustomerProfile())
      await #expect(throws: IntegrationError.self) {
        _ = try await first.updateCustomerProfile(integrationId: "bob", body: NewCustomerProfile())
      }
      #expect(try await adopting.storedSession("none") == nil)
    }
  }

  @Test func theClockIsTheDatabasesAndResetStartsItAgainForAll() async throws {
    try await TestCluster.withDatabaseAsync { url in
      let engines = try [Self.engine(url, seed: 7), Self.engine(url, seed: 7)]
      defer { for engine in engines { engine.close() } }
      let start = await engines[1].now()
      try await engines[0].advanceClock(by: 86_400)
      #expect(await engines[1].now() == start.addingTimeInterval(86_400))
      let noon = Date(timeIntervalSince1970: 1_700_000_000)
      try await engines[1].setClock(to: noon)
      #expect(await engines[0].now() == noon)
      _ = try await engines[0].updateCustomerProfile(
        integrationId: "ada", body: NewCustomerProfile())
      try await engines[1].reset()
      #expect(try await engines[0].isFresh())
      #expect(await engines[0].now() == start)
    }
  }

  /// Creates `count` referrals at once, alternating over `engines`, and returns their codes.
  static func drawReferralCodes(_ count: Int, alternatingOver engines: [EmbeddedEngine])
    async throws -> [String]
  {
    try await withThrowingTaskGroup(of: String.self) { group in
      for index in 0..<count {
        let engine = engines[index % engines.count]
        group.addTask {
          try await Self.retryingConflicts {
            try await engine.createReferral(
              body: NewReferral(campaignId: 3, advocateProfileIntegrationId: "a\(index)")
            ).code
          }
        }
      }
      return try await group.reduce(into: [String]()) { $0.append($1) }
    }
  }

  /// Sends like a client of several instances must: a 409 (every retry of the engine lost its
  /// race on the same row, here the shared random source every seeded draw moves) is sent
  /// again, a bounded number of times.
  static func retryingConflicts<T: Sendable>(_ call: @Sendable () async throws -> T) async throws
    -> T
  {
    var attempt = 0
    while true {
      do {
        return try await call()
      } catch let error as IntegrationError where error.status == 409 && attempt < 50 {
        attempt += 1
      }
    }
  }

  /// Both engines start from the same seed, so drawing in process they would give the same
  /// codes; drawn from the database's random source, every code is new, and the sequence is
  /// the same as one engine alone would draw.
  @Test func seededCodesAreNeverDrawnTwiceAcrossInstances() async throws {
    let codes = try await TestCluster.withDatabaseAsync { url in
      let engines = try [Self.engine(url, seed: 7), Self.engine(url, seed: 7)]
      defer { for engine in engines { engine.close() } }
      return try await Self.drawReferralCodes(20, alternatingOver: engines)
    }
    #expect(Set(codes).count == 20)
    let alone = try await TestCluster.withDatabaseAsync { url in
      let engine = try Self.engine(url, seed: 7)
      defer { engine.close() }
      var codes: [String] = []
      for index in 0..<20 {
        codes.append(
          try await engine.createReferral(
            body: NewReferral(campaignId: 3, advocateProfileIntegrationId: "a\(index)")
          ).code)
      }
      return codes
    }
    #expect(Set(codes) == Set(alone))
  }

  @Test func unseededCodesAreNeverDrawnTwiceAcrossInstances() async throws {
    try await TestCluster.withDatabaseAsync { url in
      let engines = try [Self.engine(url), Self.engine(url)]
      defer { for engine in engines { engine.close() } }
      let codes = try await Self.drawReferralCodes(20, alternatingOver: engines)
      #expect(Set(codes).count == 20)
    }
  }
}
