import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
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

/// A real `talon serve` on an ephemeral loopback port, with a captured log.
struct TestServer: Sendable {
  let server: IntegrationServer
  let url: String
  let port: Int
  let log: Recorder<LogRecord>
  let task: Task<Void, any Error>

  static func configuration(port: Int = 0) -> ServerConfiguration {
    ServerConfiguration(
      host: "127.0.0.1", port: port, apiKey: TestKeys.apiKey,
      applicationId: TestKeys.applicationId, applicationKey: TestKeys.applicationKey)
  }

  /// Starts the server and waits (at most 10 s) until it listens.
  static func start(
    api: any IntegrationAPI, configuration: ServerConfiguration = configuration(),
    signals: [UnixSignal] = []
  ) async throws -> TestServer {
    let log = Recorder<LogRecord>()
    let logger = Logger(label: "talon.serve.test") { _ in CapturingLogHandler(records: log) }
    let server = try IntegrationServer(api: api, configuration: configuration, logger: logger)
    let (urls, continuation) = AsyncStream<String>.makeStream()
    let task = Task {
      defer { continuation.finish() }
      try await server.run(gracefulShutdownSignals: signals) { url in continuation.yield(url) }
    }
    let url = try await withTimeout(10, "the server to listen") {
      var iterator = urls.makeAsyncIterator()
      guard let url = await iterator.next() else { throw TimedOut(what: "a listening server") }
      return url
    }
    let port = Int(url.split(separator: ":").last ?? "") ?? 0
    return TestServer(server: server, url: url, port: port, log: log, task: task)
  }

  /// Shuts down gracefully and waits (at most 10 s) for `run` to return.
  func stop() async throws {
    await server.shutdown()
    let task = task
    try await withTimeout(10, "the server to stop") { try await task.value }
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
}

extension TestServer {
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

/// One captured log record.
struct LogRecord: Sendable {
  var level: Logger.Level
  var message: String
  var metadata: [String: String]
}

/// A swift-log handler that keeps the records, for asserting on the access log.
struct CapturingLogHandler: LogHandler {
  let records: Recorder<LogRecord>
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .info

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var merged = metadata
    merged.merge(event.metadata ?? [:]) { _, new in new }
    records.append(
      LogRecord(
        level: event.level, message: "\(event.message)",
        metadata: merged.mapValues { "\($0)" }))
  }
}

/// A raw HTTP exchange with the server, bypassing the talon client.
struct RawResponse: Sendable {
  var status: Int
  var headers: HTTPHeaders
  var body: Data

  var json: JSONValue? { try? JSONValue(parsing: body) }
  var error: ErrorResponse? { try? WireCoding.decode(ErrorResponse.self, from: body) }
}

enum RawHTTP {
  /// Sends one request with AsyncHTTPClient's shared client.
  static func send(
    _ method: String, _ url: String, body: Data? = nil, headers: [(String, String)] = [],
    apiKey: String? = TestKeys.apiKey
  ) async throws -> RawResponse {
    var request = HTTPClientRequest(url: url)
    request.method = HTTPMethod(rawValue: method)
    if let apiKey { request.headers.add(name: "Authorization", value: "ApiKey-v1 \(apiKey)") }
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: body))
    }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
    let buffer = try await response.body.collect(upTo: 16 << 20)
    return RawResponse(
      status: Int(response.status.code), headers: response.headers,
      body: Data(buffer.readableBytesView))
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
