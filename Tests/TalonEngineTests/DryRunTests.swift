import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// A dry run (`dry=true`) evaluates what the same call would and keeps nothing
/// (docs/behaviour.md, "Dry runs").
@Suite("Dry runs")
struct DryRunTests {
  private func request(_ session: NewCustomerSessionV2) -> IntegrationRequest {
    IntegrationRequest(customerSession: session, responseContent: ResponseContent.known)
  }

  private func effectTypes(_ state: IntegrationStateV2) -> [String] {
    state.effects.map(\.effectType)
  }

  @Test func aDryRunAnswersWhatTheRealCallWouldAndKeepsNothing() async throws {
    let test = try TestEngine()
    let body = request(
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"], state: .closed,
        cartItems: [item("A", "160")]))
    let dry = try TestEngine.checked(
      try await test.engine.updateCustomerSessionV2(customerSessionId: "s", body: body, dry: true),
      "IntegrationStateV2")
    #expect(!dry.effects.isEmpty)
    #expect(try await test.engine.isFresh())
    #expect(try await test.engine.storedSession("s") == nil)

    let real = try await test.engine.updateCustomerSessionV2(customerSessionId: "s", body: body)
    #expect(effectTypes(real) == effectTypes(dry))
    #expect(real.customerSession?.total == dry.customerSession?.total)
    #expect(
      real.loyalty?.programs["1"]?.ledger.currentBalance
        == dry.loyalty?.programs["1"]?.ledger.currentBalance)
  }

  @Test func aDryRunMergesTheStoredSessionWithThePayload() async throws {
    let test = try TestEngine()
    try await test.v2("s", NewCustomerSessionV2(profileId: "alice", cartItems: [item("A", "40")]))
    let before = try #require(try await test.engine.storedSession("s"))
    // Only the coupon comes in the dry payload: the stored cart and profile still count.
    let dry = try await test.engine.updateCustomerSessionV2(
      customerSessionId: "s", body: request(NewCustomerSessionV2(couponCodes: ["SUMMER10"])),
      dry: true)
    #expect(dry.customerSession?.profileId == "alice")
    #expect(dry.customerSession?.couponCodes == ["SUMMER10"])
    #expect(dry.customerSession?.updateCount == 2)
    let after = try #require(try await test.engine.storedSession("s"))
    #expect(after.couponCodes == before.couponCodes && after.couponCodes.isEmpty)
    #expect(after.updateCount == before.updateCount)
    // The real update afterwards is the second one, not the third.
    let real = try await test.v2("s", NewCustomerSessionV2(couponCodes: ["SUMMER10"]))
    #expect(real.customerSession?.updateCount == 2)
    #expect(effectTypes(real) == effectTypes(dry))
  }

  @Test func closingDryUsesNoCouponAndWritesNoLedger() async throws {
    let test = try TestEngine()
    try await test.v2(
      "s",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"], cartItems: [item("A", "160")]))
    for _ in 0..<3 {
      let dry = try await test.engine.updateCustomerSessionV2(
        customerSessionId: "s", body: request(NewCustomerSessionV2(state: .closed)), dry: true)
      #expect(dry.customerSession?.state == .closed)
      #expect(dry.effects.of("addLoyaltyPoints").count == 1)
    }
    let open = try await test.v2("s", NewCustomerSessionV2())
    #expect(open.customerSession?.state == .open)
    #expect(open.loyalty?.programs["1"]?.ledger.currentBalance ?? 0 == 0)
  }

  @Test func nowSetsTheEvaluationTimeOfADryRunOnly() async throws {
    let test = try TestEngine(
      json: """
        {"application": {"id": 1, "name": "Window", "currency": "EUR", "apiKey": "k"},
         "campaigns": [{"id": 1, "name": "New year", "startTime": "2030-01-01T00:00:00Z",
           "endTime": "2030-01-02T00:00:00Z",
           "ruleset": {"rules": [{"title": "Gift", "condition": ["and", true],
             "effects": [["setDiscount", "New year", 5]]}]}}]}
        """)
    let body = request(NewCustomerSessionV2(profileId: "alice", cartItems: [item("A", "40")]))
    let inside = try #require(RFC3339.date(from: "2030-01-01T12:00:00Z"))
    let dryInside = try await test.engine.updateCustomerSessionV2(
      customerSessionId: "s", body: body, dry: true, now: inside)
    #expect(effectTypes(dryInside) == ["setDiscount"])
    #expect(dryInside.customerSession?.created == inside)
    // Without `dry`, `now` is ignored: the engine's clock (2020 with a seed) is outside.
    let real = try await test.engine.updateCustomerSessionV2(
      customerSessionId: "s", body: body, now: inside)
    #expect(effectTypes(real).isEmpty)
  }

  @Test func aDryRunDrawsCodesWithoutMovingTheEnginesGenerator() {
    let settings = CodeGeneratorSettings(validCharacters: ["A-Z"], couponPattern: "####-####")
    let plain = EngineRuntime(seed: 3)
    let withDryRun = EngineRuntime(seed: 3)
    let first = plain.code(settings)
    #expect(withDryRun.code(settings) == first)
    let dry = withDryRun.dryRunCopy(at: Date(timeIntervalSince1970: 0))
    let dryCode = dry.code(settings)
    #expect(dry.now() == Date(timeIntervalSince1970: 0))
    // The copy drew the engine's next code, and the engine still draws it next.
    let second = plain.code(settings)
    #expect(dryCode == second)
    #expect(withDryRun.code(settings) == second)
  }
}
