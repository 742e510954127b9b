import Foundation
import TalonAPI
import TalonHTTP
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Graceful shutdown of `talon serve --data FILE`: SIGTERM while writers keep the server busy.
/// Every request the server answered is complete and stored, it exits 0, the file is sound and
/// a second server on it sees everything.
@Suite("talon serve, graceful shutdown")
struct ServeShutdownTests {
  /// What a writer learnt from one acknowledged close.
  struct Close: Sendable {
    var sessionId: String
    var request: IntegrationRequest
  }

  static func closeRequest(profile: String, round: Int) -> IntegrationRequest {
    IntegrationRequest(
      customerSession: NewCustomerSessionV2(
        profileId: profile, couponCodes: ["SUMMER10"], state: .closed,
        cartItems: testCart(60, seed: round)),
      responseContent: [.customerSession, .customerProfile])
  }

  @Test func requestsInFlightAtSIGTERMCompleteAndTheStoreReopens() async throws {
    let folder = try TemporaryFolder()
    let file = folder.path("shutdown.sqlite")
    let server = try await ServeProcess.start(["--port", "0", "--data", file])
    let stream = WriteStream<Close>()
    let signalled = try await withClient(server.url) { client in
      try await Self.driveUntilSignalled(server, client, stream)
    }
    #expect(try await server.waitForExit() == 0)
    #expect(stream.unexpected == [])
    let acknowledged = stream.acknowledgements
    #expect(acknowledged.count >= 24)
    // Requests the server was working on when the signal arrived were still answered.
    #expect(acknowledged.contains { $0.at > signalled })
    #expect(try integrityCheck(file) == "ok")

    let reopened = try await ServeProcess.start(["--port", "0", "--data", file])
    try await withClient(reopened.url) { client in
      for entry in acknowledged {
        // Repeating a close answers the stored session and commits nothing again.
        let state = try await client.updateCustomerSessionV2(
          customerSessionId: entry.record.sessionId, body: entry.record.request)
        #expect(state.customerSession?.state == .closed, "\(entry.record.sessionId)")
        #expect(state.effects == [])
      }
      for worker in Set(acknowledged.map(\.worker)) {
        let inventory = try await client.getCustomerInventory(
          integrationId: "writer-\(worker)", profile: true, referrals: nil)
        let closed = inventory.profile?.closedSessions ?? -1
        let acknowledgedHere = acknowledged.filter { $0.worker == worker }.count
        #expect(closed >= acknowledgedHere && closed <= stream.attempted(by: worker))
      }
    }
    #expect(try await reopened.stop() == 0)
  }

  /// Runs 12 writers, sends SIGTERM once 24 closes were acknowledged, and returns when every
  /// writer stopped; the instant the signal was sent.
  private static func driveUntilSignalled(
    _ server: ServeProcess, _ client: HTTPIntegrationClient, _ stream: WriteStream<Close>
  ) async throws -> ContinuousClock.Instant {
    let writers = Task {
      await stream.run(workers: 12, rounds: 200) { worker, round in
        let id = "writer-\(worker)-\(round)"
        let request = closeRequest(profile: "writer-\(worker)", round: round)
        let state = try await client.updateCustomerSessionV2(customerSessionId: id, body: request)
        guard state.customerSession?.state == .closed, state.event == nil else {
          throw ServeFailure("an incomplete answer for \(id)")
        }
        return Close(sessionId: id, request: request)
      }
    }
    try await waitUntil(60, "24 acknowledged closes") {
      stream.count >= 24 || !stream.unexpected.isEmpty
    }
    server.send(SIGTERM)
    let signalled = ContinuousClock.now
    await writers.value
    return signalled
  }
}
