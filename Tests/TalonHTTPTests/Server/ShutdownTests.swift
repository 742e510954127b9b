import AsyncHTTPClient
import Foundation
import Logging
import TalonAPI
import TalonTestSupport
import Testing
import UnixSignals

@testable import TalonHTTP

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Graceful shutdown: a signal stops the server from accepting connections, the request in
/// flight still completes, then `run` returns. Each test uses its own signal (SIGWINCH, SIGCONT)
/// so that tests running in parallel do not stop each other's servers; both are harmless by
/// default, so a signal arriving after a test removed its handler cannot end the test process.
@Suite("Graceful shutdown of talon serve")
struct ShutdownTests {
  /// Whether a new connection to `url` is refused (a fresh client, so no pooled connection).
  private func refusesConnections(_ url: String) async -> Bool {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.retryConnectionEstablishment = false
    let probe = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    let refused: Bool
    do {
      _ = try await probe.execute(
        HTTPClientRequest(url: url + "/v1/status/health"), timeout: .seconds(5))
      refused = false
    } catch {
      refused = "\(error)".localizedCaseInsensitiveContains("refused")
    }
    try? await probe.shutdown()
    return refused
  }

  @Test func aRequestInFlightWhenTheSignalArrivesCompletes() async throws {
    let api = ScriptedAPI()
    let entered = Signal()
    let release = Signal()
    await api.hold(.trackEvent, entered: entered, release: release)
    let server = try await TestServer.start(api: api, signals: [.sigwinch])
    try await server.withClient { client in
      try await checkInFlightRequestCompletes(server, client, entered: entered, release: release)
    }
  }

  private func checkInFlightRequestCompletes(
    _ server: TestServer, _ client: HTTPIntegrationClient, entered: Signal, release: Signal
  ) async throws {
    let inFlight = Task {
      try await client.trackEvent(body: NewEvent(type: "slow", attributes: [:], sessionId: "s1"))
    }
    try await entered.wait(seconds: 10, "the request to reach the API")
    kill(getpid(), SIGWINCH)
    // Wait (bounded) until the server no longer accepts connections.
    try await withTimeout(10, "the server to stop accepting") {
      while await !self.refusesConnections(server.url) {
        try await Task.sleep(for: .milliseconds(20))
      }
    }
    #expect(!inFlight.isCancelled)
    release.fire()
    let state = try await withTimeout(10, "the request in flight") { try await inFlight.value }
    #expect(state.event.type == "slow")
    try await server.waitUntilStopped(timeout: 10)
  }

  @Test func runServerPrintsOneListeningLineAndStopsOnItsSignal() async throws {
    let lines = Recorder<String>()
    let listening = Signal()
    let task = Task {
      try await runServer(
        api: ScriptedAPI(), configuration: TestServer.configuration(),
        logger: Logger(label: "test"), gracefulShutdownSignals: [.sigcont]
      ) { line in
        lines.append(line)
        listening.fire()
      }
    }
    try await listening.wait(seconds: 10, "the listening line")
    let line = lines.all.first ?? ""
    #expect(lines.all.count == 1)
    #expect(line.hasPrefix("listening on http://127.0.0.1:"))
    let port = Int(line.split(separator: ":").last ?? "") ?? 0
    #expect(port > 0)
    let health = try await RawHTTP.send("GET", "http://127.0.0.1:\(port)/v1/status/health")
    #expect(health.status == 200)
    kill(getpid(), SIGCONT)
    try await withTimeout(10, "runServer to return") { try await task.value }
    #expect(await refusesConnections("http://127.0.0.1:\(port)"))
  }

  @Test func runServerRefusesAPublicAddressWithoutAKey() async throws {
    await #expect(throws: TalonHTTPError.publicBindWithoutAPIKey(host: "0.0.0.0")) {
      try await runServer(
        api: ScriptedAPI(), configuration: ServerConfiguration(host: "0.0.0.0", port: 0),
        logger: Logger(label: "test"), gracefulShutdownSignals: []
      ) { _ in }
    }
  }
}
