import Foundation
import TalonAPI
import TalonTestSupport
import Testing
import UnixSignals

@testable import TalonHTTP

/// The API key and signing credentials of the test servers.
enum TestKeys {
  static let apiKey = "test-api-key-0123456789"
  static let applicationId = 1
  static let applicationKey = "fefecafedeadbeef"
}

/// A real `talon serve` on a loopback port with a captured log (the shared helper).
typealias TestServer = LoopbackServer

extension LoopbackServer {
  /// The test servers' configuration: loopback, the test keys, `port` (0: ephemeral).
  static func configuration(port: Int = 0) -> ServerConfiguration {
    ServerConfiguration(
      host: "127.0.0.1", port: port, apiKey: TestKeys.apiKey,
      applicationId: TestKeys.applicationId, applicationKey: TestKeys.applicationKey)
  }

  /// Starts a server with the test configuration and waits (at most 10 s) until it listens.
  static func start(api: any IntegrationAPI, signals: [UnixSignal] = []) async throws
    -> LoopbackServer
  {
    try await start(api: api, configuration: configuration(), signals: signals, timeout: 10)
  }

  /// A client of this server with the test API key (or the given configuration changes).
  func client(
    apiKey: String? = TestKeys.apiKey, appId: Int? = nil, appKey: String? = nil,
    retry: RetryPolicy = RetryPolicy(attempts: 1)
  ) throws -> HTTPIntegrationClient {
    try HTTPIntegrationClient(
      configuration: RemoteConfiguration(
        url: url, apiKey: apiKey, appId: appId, appKey: appKey, timeout: .seconds(20),
        retry: retry))
  }

  /// Runs `body` with a client of this server and always shuts the client down.
  @discardableResult
  func withClient<T: Sendable>(
    apiKey: String? = TestKeys.apiKey, appId: Int? = nil, appKey: String? = nil,
    _ body: (HTTPIntegrationClient) async throws -> T
  ) async throws -> T {
    let client = try client(apiKey: apiKey, appId: appId, appKey: appKey)
    do {
      let result = try await body(client)
      try await client.shutdown()
      return result
    } catch {
      try? await client.shutdown()
      throw error
    }
  }
}

/// Raw requests with the test API key, on AsyncHTTPClient's shared client.
enum RawHTTP {
  static func send(
    _ method: String, _ url: String, body: Data? = nil, headers: [(String, String)] = [],
    apiKey: String? = TestKeys.apiKey
  ) async throws -> RawResponse {
    try await RawExchange.send(
      method, url, body: body, headers: headers, apiKey: apiKey, timeout: 20)
  }

  static func send(
    _ method: String, _ url: String, json: String, headers: [(String, String)] = [],
    apiKey: String? = TestKeys.apiKey
  ) async throws -> RawResponse {
    try await send(method, url, body: Data(json.utf8), headers: headers, apiKey: apiKey)
  }
}

/// Checks a server answer against the reference: a success body against the operation's
/// response schema (204: no body), anything else against `ErrorResponse`.
func expectValidBody(
  _ response: RawResponse, operation: IntegrationOperation? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let validator = SchemaValidator()
  if (200..<300).contains(response.status) {
    guard let operation else { return }
    guard let schema = operation.responseSchema else {
      #expect(
        response.body.isEmpty, "a \(response.status) has no body", sourceLocation: sourceLocation)
      return
    }
    guard let json = response.json else {
      Issue.record("the body is not JSON", sourceLocation: sourceLocation)
      return
    }
    #expect(validator.validate(json, against: schema) == [], sourceLocation: sourceLocation)
  } else {
    guard let json = response.json else {
      Issue.record(
        "the error body is not JSON: \(String(decoding: response.body, as: UTF8.self))",
        sourceLocation: sourceLocation)
      return
    }
    #expect(
      validator.validate(json, against: "ErrorResponse") == [], sourceLocation: sourceLocation)
  }
}
