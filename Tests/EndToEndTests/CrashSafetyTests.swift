import Foundation
import TalonAPI
import TalonHTTP
import Testing

/// Crash safety (issue 8): writers drive `talon serve --data FILE` with sessions that earn
/// loyalty points and redeem a coupon, the server is killed with SIGKILL mid-stream, and a new
/// server on the same file must hold every write the first one acknowledged: the file passes
/// `PRAGMA integrity_check`, each acknowledged close is still closed with the same profile
/// totals and loyalty balance, and the coupon's usage counts at least every acknowledged
/// redemption (and no more than were attempted). Checked through idempotent calls only:
/// repeating a close answers the stored state and commits nothing (`docs/behaviour.md`,
/// "Sessions").
@Suite("talon serve, crash safety")
struct CrashSafetyTests {
  /// What an acknowledged close said.
  struct Close: Sendable {
    var sessionId: String
    var request: IntegrationRequest
    var couponAccepted: Bool
    var totalSales: Decimal
    var balance: Decimal
  }

  static let writers = 4
  static let rounds = 12
  static let acknowledgedBeforeKill = 24

  static func request(worker: Int, round: Int, state: SessionState) -> IntegrationRequest {
    IntegrationRequest(
      customerSession: NewCustomerSessionV2(
        profileId: "crash-\(worker)-\(round)", couponCodes: ["SUMMER10"], state: state,
        cartItems: testCart(10, seed: round), attributes: ["round": .number(Decimal(round))]),
      responseContent: [.customerSession, .customerProfile, .loyalty, .coupons])
  }

  static func balance(_ loyalty: Loyalty?) -> Decimal {
    loyalty?.programs["1"]?.ledger.currentBalance ?? -1
  }

  @Test func everyAcknowledgedWriteSurvivesSIGKILL() async throws {
    let folder = try TemporaryFolder()
    let file = folder.path("crash.sqlite")
    let server = try await ServeProcess.start(["--port", "0", "--data", file])
    let stream = WriteStream<Close>()
    try await withClient(server.url) { client in
      let writers = Task { await Self.write(client, stream) }
      try await waitUntil(60, "\(Self.acknowledgedBeforeKill) acknowledged closes") {
        stream.count >= Self.acknowledgedBeforeKill || !stream.unexpected.isEmpty
      }
      try await server.crash()
      await writers.value
    }
    #expect(stream.unexpected == [])
    let acknowledged = stream.acknowledgements.map(\.record)
    #expect(acknowledged.count >= Self.acknowledgedBeforeKill)
    #expect(try integrityCheck(file) == "ok")

    let restarted = try await ServeProcess.start(["--port", "0", "--data", file])
    try await withClient(restarted.url) { client in
      var usage: Int?
      for close in acknowledged {
        let state = try await client.updateCustomerSessionV2(
          customerSessionId: close.sessionId, body: close.request)
        #expect(state.customerSession?.state == .closed, "\(close.sessionId)")
        #expect(state.customerProfile?.closedSessions == 1, "\(close.sessionId)")
        #expect(state.customerProfile?.totalSales == close.totalSales, "\(close.sessionId)")
        #expect(Self.balance(state.loyalty) == close.balance, "\(close.sessionId)")
        usage = state.coupons?.first { $0.value == "SUMMER10" }?.usageCounter
      }
      let redeemed = acknowledged.filter(\.couponAccepted).count
      let attempted = (0..<Self.writers).map { stream.attempted(by: $0) }.reduce(0, +)
      #expect(redeemed == acknowledged.count)
      #expect((usage ?? -1) >= redeemed && (usage ?? -1) <= attempted)
    }
    #expect(try await restarted.stop() == 0)
  }

  /// Each round opens a session of a new profile with a cart and the coupon, then closes it.
  private static func write(_ client: HTTPIntegrationClient, _ stream: WriteStream<Close>) async {
    await stream.run(workers: writers, rounds: rounds) { worker, round in
      let id = "crash-\(worker)-\(round)"
      _ = try await client.updateCustomerSessionV2(
        customerSessionId: id, body: request(worker: worker, round: round, state: .open))
      let close = request(worker: worker, round: round, state: .closed)
      let state = try await client.updateCustomerSessionV2(customerSessionId: id, body: close)
      guard state.customerSession?.state == .closed, let profile = state.customerProfile else {
        throw ServeFailure("an incomplete answer for \(id)")
      }
      let accepted = state.effects.contains {
        $0.effectType == "acceptCoupon" && $0.props["value"] == "SUMMER10"
      }
      return Close(
        sessionId: id, request: close, couponAccepted: accepted, totalSales: profile.totalSales,
        balance: balance(state.loyalty))
    }
  }
}
