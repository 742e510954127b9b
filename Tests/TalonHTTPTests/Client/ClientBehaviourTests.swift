import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import TalonAPI
import TalonTestSupport
import Testing

@testable import TalonHTTP

/// The client's URL handling, signing, configuration, verbose trace and error mapping.
@Suite("HTTP client behaviour")
struct ClientBehaviourTests {
  @Test func baseURLsWithAndWithoutTrailingSlashGiveTheSameTargets() throws {
    let plain = try BaseURL("http://127.0.0.1:9000")
    let slashed = try BaseURL("http://127.0.0.1:9000/")
    #expect(plain == slashed)
    #expect(plain.origin == "http://127.0.0.1:9000")
    #expect(
      plain.target(
        .getCustomerInventory,
        OperationArguments(
          path: ["a b/ü?"], query: ["referrals": .bool(false), "profile": .bool(true)]))
        == "/v1/customer_profiles/a%20b%2F%C3%BC%3F/inventory?profile=true&referrals=false")
    let prefixed = try BaseURL("https://example.talon.one/api/")
    #expect(prefixed.origin == "https://example.talon.one:443")
    #expect(prefixed.hostHeader == "example.talon.one")
    #expect(prefixed.target(.trackEvent, OperationArguments()) == "/api/v1/events")
  }

  @Test func badURLsAndKeysAreRefusedUpFront() {
    #expect(
      throws: TalonHTTPError.invalidURL("ftp://x", reason: "the scheme must be http or https")
    ) {
      _ = try HTTPIntegrationClient(configuration: RemoteConfiguration(url: "ftp://x"))
    }
    #expect(throws: TalonHTTPError.self) {
      _ = try HTTPIntegrationClient(configuration: RemoteConfiguration(url: "localhost:9000"))
    }
    #expect(throws: TalonHTTPError.invalidApplicationKey) {
      _ = try HTTPIntegrationClient(
        configuration: RemoteConfiguration(url: "http://h", appId: 1, appKey: "nothex"))
    }
    #expect(throws: TalonHTTPError.incompleteSigningCredentials) {
      _ = try HTTPIntegrationClient(
        configuration: RemoteConfiguration(url: "http://h", appKey: "fefecafedeadbeef"))
    }
  }

  @Test func signaturesAreLowercaseHexHMACMD5OverTheBodyOrBraces() throws {
    let key = try #require(ApplicationKey(hex: "FEFECAFEDEADBEEF"))
    #expect(
      ContentSignature.sign(body: [UInt8](), applicationId: 1, key: key).headerValue
        == "signer=1; signature=0ab22833fdd54e7d6f6a95dffd158d9e")
    #expect(
      ContentSignature.sign(
        body: Array(#"{"integrationIDs":["p1"]}"#.utf8), applicationId: 7, key: key)
        == ContentSignature(signer: "7", signature: "581ce5e1754242782866d5acc79fe553"))
    #expect(
      ContentSignature(headerValue: "signature=ab12 ; signer=3")
        == ContentSignature(signer: "3", signature: "ab12"))
    #expect(ContentSignature(headerValue: "signer=3") == nil)
    #expect(constantTimeEquals(Array("abc".utf8), Array("abc".utf8)))
    #expect(!constantTimeEquals(Array("abc".utf8), Array("abd".utf8)))
    #expect(!constantTimeEquals(Array("abc".utf8), Array("abcd".utf8)))
  }

  @Test func flagsWinOverTheEnvironmentAndNoURLMeansTheEmbeddedEngine() {
    let environment = ["TALON_URL": "http://env:1", "TALON_API_KEY": "env-key"]
    let fromEnvironment = RemoteConfiguration.resolve(
      url: nil, apiKey: nil, environment: environment)
    #expect(fromEnvironment?.url == "http://env:1")
    #expect(fromEnvironment?.apiKey == "env-key")
    let fromFlags = RemoteConfiguration.resolve(
      url: "http://flag:2", apiKey: "flag-key", environment: environment)
    #expect(fromFlags?.url == "http://flag:2")
    #expect(fromFlags?.apiKey == "flag-key")
    #expect(RemoteConfiguration.resolve(url: nil, apiKey: "k", environment: [:]) == nil)
    #expect(
      RemoteConfiguration.resolve(url: "", apiKey: nil, environment: ["TALON_URL": ""]) == nil)
  }

  @Test func theEnvironmentsApplicationKeyCountsOnlyWithAnApplicationId() {
    let environment = ["TALON_URL": "http://env:1", "TALON_APP_KEY": "abcdef"]
    let signing = RemoteConfiguration.resolve(
      url: nil, apiKey: nil, appId: 4, environment: environment)
    #expect(signing?.appId == 4)
    #expect(signing?.appKey == "abcdef")
    let flag = RemoteConfiguration.resolve(
      url: nil, apiKey: nil, appId: 4, appKey: "0123", environment: environment)
    #expect(flag?.appKey == "0123")
    // Without an application id the variable is ignored: no half signing setup.
    let unsigned = RemoteConfiguration.resolve(url: nil, apiKey: nil, environment: environment)
    #expect(unsigned?.appKey == nil)
    #expect(
      RemoteConfiguration.resolve(
        url: nil, apiKey: nil, appId: 4, environment: ["TALON_URL": "u", "TALON_APP_KEY": ""])?
        .appKey == nil)
  }

  @Test func durationsConvertToMillisecondsAndTimeAmounts() {
    #expect(Duration.milliseconds(1500).milliseconds == 1500)
    #expect(Duration.microseconds(250).milliseconds == 0.25)
    #expect(Duration.milliseconds(1500).timeAmount == .milliseconds(1500))
  }

  @Test func retryDelaysDoubleUpToTheMaximum() {
    let policy = RetryPolicy(
      attempts: 0, initialDelay: .milliseconds(100), maximumDelay: .milliseconds(350))
    #expect(policy.attempts == 1)
    #expect(policy.delay(after: 1) == .milliseconds(100))
    #expect(policy.delay(after: 2) == .milliseconds(200))
    #expect(policy.delay(after: 3) == .milliseconds(350))
    #expect(policy.delay(after: 9) == .milliseconds(350))
  }

  @Test func verboseModePrintsLikeCurlAndMasksTheKey() async throws {
    let server = try await TestServer.start(api: ScriptedAPI())
    let lines = Recorder<String>()
    let client = try HTTPIntegrationClient(
      configuration: RemoteConfiguration(
        url: server.url + "/", apiKey: TestKeys.apiKey, verbose: true),
      verboseOutput: { lines.append($0) })
    let result = await Result(catching: {
      try await client.updateCustomerProfile(
        integrationId: "p1", body: NewCustomerProfile(attributes: ["vip": true]))
    })
    try await client.shutdown()
    try await server.stop()
    #expect((try? result.get()) != nil)
    let trace = lines.all.joined(separator: "\n")
    #expect(trace.contains("> PUT /v1/customer_profiles/p1 HTTP/1.1"))
    #expect(trace.contains("> Host: 127.0.0.1:\(server.port)"))
    #expect(trace.contains("> Authorization: ApiKey-v1 ****"))
    #expect(trace.contains(#"{"attributes":{"vip":true}}"#))
    #expect(trace.contains("< HTTP/1.1 200 OK"))
    #expect(trace.contains("< x-request-id: ") || trace.contains("< X-Request-Id: "))
    #expect(!trace.contains(TestKeys.apiKey))
  }

  /// Runs `body` with the port of a plain Hummingbird server on loopback that answers every
  /// request with `respond`, and stops the server afterwards.
  private func withStubServer<T: Sendable>(
    _ respond: @escaping @Sendable (Request) -> Response,
    _ body: (_ port: Int) async throws -> T
  ) async throws -> T {
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let stub = Application(
      responder: CallbackResponder<BasicRequestContext> { request, _ in respond(request) },
      configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
      logger: Logger(label: "stub"))
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(services: [stub], logger: Logger(label: "g")))
    let running = Task { try await group.run() }
    let port = try await withTimeout(10, "the stub server") {
      var iterator = ports.makeAsyncIterator()
      return await iterator.next() ?? 0
    }
    let result = await Result { try await body(port) }
    await group.triggerGracefulShutdown()
    try await withTimeout(10, "the stub server to stop") { try await running.value }
    return try result.get()
  }

  @Test func aNonJSONErrorBodyBecomesAnIntegrationErrorWithTheStatus() async throws {
    let hits = Recorder<String>()
    let gateway: @Sendable (Request) -> Response = { request in
      hits.append(request.method.rawValue)
      return Response(
        status: .badGateway, headers: [.contentType: "text/html"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: "<html>upstream down</html>")))
    }
    let (port, get, post) = try await withStubServer(gateway) { port in
      let client = try HTTPIntegrationClient(
        configuration: RemoteConfiguration(
          url: "http://127.0.0.1:\(port)", apiKey: "k",
          retry: RetryPolicy(attempts: 2, initialDelay: .milliseconds(5))))
      let get = await Result(catching: {
        try await client.getReservedCoupons(integrationId: "p1")
      })
      let post = await Result(catching: {
        try await client.trackEvent(body: NewEvent(type: "t", attributes: [:], sessionId: "s"))
      })
      try await client.shutdown()
      return (port, get, post)
    }

    #expect(throws: IntegrationError.self) { try get.get() }
    if case .failure(let error as IntegrationError) = get {
      #expect(error.status == 502)
      #expect(
        error.response.message
          == "HTTP 502 Bad Gateway from http://127.0.0.1:\(port): <html>upstream down</html>")
    }
    #expect(throws: IntegrationError.self) { try post.get() }
    // The GET was tried twice (502 is retried), the POST once.
    #expect(hits.all == ["GET", "GET", "POST"])
  }

  /// The answer of a call carries its JSON as it arrived, fields the models do not know
  /// included, next to the typed value.
  @Test func theAnswerCarriesItsJSONAsItArrived() async throws {
    let state = try JSONValue(
      encoding: Fixtures.state(sessionId: "", profileId: "p1", eventType: "talon_profile_updated"))
    // The answer names the path it answers, in a field no model has.
    @Sendable func answer(path: String) -> JSONValue {
      .object((state.objectValue ?? [:]).merging(["futureField": ["path": .string(path)]]) { $1 })
    }
    let echo: @Sendable (Request) -> Response = { request in
      Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: answer(path: request.uri.path).jsonText)))
    }
    let (first, second) = try await withStubServer(echo) { port in
      let client = try HTTPIntegrationClient(
        configuration: RemoteConfiguration(url: "http://127.0.0.1:\(port)", apiKey: "k"))
      let first = await Result(catching: {
        try await client.send(
          IntegrationCatalogue.updateCustomerProfile, OperationArguments(path: ["p1"]),
          body: NewCustomerProfile())
      })
      let second = await Result(catching: {
        try await client.send(
          IntegrationCatalogue.updateCustomerProfile, OperationArguments(path: ["p2"]),
          body: NewCustomerProfile())
      })
      try await client.shutdown()
      return (first, second)
    }

    #expect(try first.get().value.profile.integrationId == "p1")
    #expect(try first.get().json == answer(path: "/v1/customer_profiles/p1"))
    #expect(try second.get().value.profile.integrationId == "p1")  // the stub's fixed profile
    #expect(try second.get().json == answer(path: "/v1/customer_profiles/p2"))
  }

  /// A task preferring the client's executor runs on the client's event loop, calls through
  /// it from there, and comes back off the loop afterwards.
  @Test func tasksPreferringTheClientsExecutorRunOnItsEventLoop() async throws {
    let server = try await TestServer.start(api: ScriptedAPI())
    let client = try HTTPIntegrationClient(
      configuration: RemoteConfiguration(url: server.url, apiKey: TestKeys.apiKey))
    let executor = client.taskExecutor
    let (before, after, answered) = try await withTaskExecutorPreference(executor) {
      let before = executor.isCurrent
      let state = try await client.updateCustomerProfile(
        integrationId: "p1", body: NewCustomerProfile(attributes: ["vip": true]))
      return (before, executor.isCurrent, state.profile.integrationId)
    }
    #expect(before && after)
    #expect(answered == "p1")
    #expect(!executor.isCurrent)
    try await client.shutdown()
    try await server.stop()
  }
}
