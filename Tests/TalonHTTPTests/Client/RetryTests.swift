import Foundation
import TalonAPI
import TalonTestSupport
import Testing

@testable import TalonHTTP

/// Retries: idempotent requests (PUT, GET, DELETE) are retried after a refused connection or a
/// 502/503/504, up to the configured attempts; a POST never is.
@Suite("Retries of the HTTP client")
struct RetryTests {
  /// A loopback port nothing listens on, held for the test so nothing else can take it.
  private func closedPort() throws -> ReservedPort {
    try ReservedPort()
  }

  private func client(
    port: Int, attempts: Int, events: Recorder<RetryEvent>,
    onRetry: @escaping @Sendable (RetryEvent) async -> Void = { _ in }
  ) throws -> HTTPIntegrationClient {
    try HTTPIntegrationClient(
      configuration: RemoteConfiguration(
        url: "http://127.0.0.1:\(port)", apiKey: TestKeys.apiKey, timeout: .seconds(10),
        retry: RetryPolicy(attempts: attempts, initialDelay: .milliseconds(5))),
      verboseOutput: { _ in },
      retryObserver: { event in
        events.append(event)
        await onRetry(event)
      })
  }

  @Test func aPutIsRetriedWhenTheFirstConnectionIsRefused() async throws {
    let reserved = try closedPort()
    let port = reserved.port
    let api = ScriptedAPI()
    let started = Recorder<TestServer>()
    let events = Recorder<RetryEvent>()
    // The server starts listening only once the first attempt has been refused.
    let client = try client(port: port, attempts: 3, events: events) { _ in
      guard started.all.isEmpty else { return }
      reserved.release()
      if let server = try? await TestServer.start(
        api: api, configuration: TestServer.configuration(port: port))
      {
        started.append(server)
      }
    }
    let result = await Result(catching: {
      try await client.updateCustomerProfile(integrationId: "p1", body: NewCustomerProfile())
    })
    try await client.shutdown()
    for server in started.all { try await server.stop() }

    #expect(started.all.count == 1)
    #expect((try? result.get())?.profile.integrationId == "p1")
    #expect(events.all.map(\.failedAttempt) == [1])
    #expect(events.all.first?.reason.contains("connection refused") == true)
    #expect(await api.count(.updateCustomerProfile) == 1)
  }

  @Test func theClientGivesUpAfterTheConfiguredAttempts() async throws {
    let reserved = try closedPort()
    let port = reserved.port
    let events = Recorder<RetryEvent>()
    let client = try client(port: port, attempts: 3, events: events)
    let error = await #expect(throws: TalonHTTPError.self) {
      _ = try await client.updateCustomerSession(
        customerSessionId: "s1", body: NewCustomerSession())
    }
    try await client.shutdown()
    reserved.release()
    #expect(error == .connectionRefused(origin: "http://127.0.0.1:\(port)", attempts: 3))
    #expect(
      error?.description
        == "connection refused to http://127.0.0.1:\(port): is the URL right? (gave up after 3 attempts)"
    )
    #expect(events.all.map(\.failedAttempt) == [1, 2])
  }

  @Test func aPostIsNeverRetried() async throws {
    let reserved = try closedPort()
    let port = reserved.port
    let events = Recorder<RetryEvent>()
    let client = try client(port: port, attempts: 5, events: events)
    let event = await #expect(throws: TalonHTTPError.self) {
      _ = try await client.trackEvent(body: NewEvent(type: "t", attributes: [:], sessionId: "s"))
    }
    let referral = await #expect(throws: TalonHTTPError.self) {
      _ = try await client.createReferral(
        body: NewReferral(campaignId: 1, advocateProfileIntegrationId: "p1"))
    }
    try await client.shutdown()
    reserved.release()
    #expect(event == .connectionRefused(origin: "http://127.0.0.1:\(port)", attempts: 1))
    #expect(
      event?.description == "connection refused to http://127.0.0.1:\(port): is the URL right?")
    #expect(referral?.attempts == 1)
    #expect(events.all.isEmpty)
  }

  @Test func gatewayStatusesAreRetriedForIdempotentRequestsOnly() async throws {
    let api = ScriptedAPI()
    let busy = IntegrationError(status: 503, message: "busy")
    await api.failNext(.updateCustomerSession, with: busy)
    await api.failNext(.trackEvent, with: busy)
    let server = try await TestServer.start(api: api)
    let events = Recorder<RetryEvent>()
    let client = try client(port: server.port, attempts: 3, events: events)
    let put = await Result(catching: {
      try await client.updateCustomerSession(customerSessionId: "s1", body: NewCustomerSession())
    })
    let post = await Result(catching: {
      try await client.trackEvent(body: NewEvent(type: "t", attributes: [:], sessionId: "s1"))
    })
    try await client.shutdown()
    try await server.stop()

    #expect((try? put.get()) != nil)
    #expect(await api.count(.updateCustomerSession) == 2)
    #expect(events.all.map(\.reason) == ["HTTP 503 Service Unavailable"])
    #expect(throws: busy) { try post.get() }
    #expect(await api.count(.trackEvent) == 1)
  }
}

/// The request timeout bounds one attempt; a timed-out request is not retried.
@Suite("Request timeout of the HTTP client")
struct TimeoutTests {
  @Test func aSlowAnswerTimesOut() async throws {
    let api = ScriptedAPI()
    let entered = Signal()
    let release = Signal()
    await api.hold(.getReservedCoupons, entered: entered, release: release)
    let server = try await TestServer.start(api: api)
    let client = try HTTPIntegrationClient(
      configuration: RemoteConfiguration(
        url: server.url, apiKey: TestKeys.apiKey, timeout: .milliseconds(300),
        retry: RetryPolicy(attempts: 3, initialDelay: .milliseconds(5))))
    let result = await Result(catching: { try await client.getReservedCoupons(integrationId: "p1") }
    )
    try await entered.wait(seconds: 10, "the request to reach the API")
    release.fire()
    try await client.shutdown()
    try await server.stop()
    #expect(throws: TalonHTTPError.timedOut(origin: server.url, seconds: 0.3, attempts: 1)) {
      try result.get()
    }
    #expect(await api.count(.getReservedCoupons) == 1)
  }
}

extension Result where Failure == any Error {
  /// Captures the outcome of an async throwing call.
  init(catching body: () async throws -> Success) async {
    do {
      self = .success(try await body())
    } catch {
      self = .failure(error)
    }
  }
}
