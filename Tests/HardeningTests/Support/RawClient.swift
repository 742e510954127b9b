import AsyncHTTPClient
import Foundation
import TalonTestSupport

/// Raw HTTP to a live server, bypassing talon's client: any bytes as body, any path, any
/// headers. Its own connection pool is wide (`connections`), so that concurrent requests really
/// are concurrent on the server. Call `shutdown()` after use.
final class RawClient: Sendable {
  let base: String
  private let http: HTTPClient

  init(base: String, connections: Int = 8) {
    self.base = base
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
    configuration.connectionPool.retryConnectionEstablishment = false
    http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  /// Sends `method path` (path already percent-encoded as it should go on the wire).
  func send(
    _ method: String, _ path: String, body: Data? = nil, apiKey: String? = LiveKeys.apiKey,
    headers: [(String, String)] = []
  ) async throws -> RawResponse {
    try await RawExchange.send(
      method, base + path, body: body, headers: headers, apiKey: apiKey, using: http)
  }

  func send(
    _ method: String, _ path: String, json: String, apiKey: String? = LiveKeys.apiKey
  ) async throws -> RawResponse {
    try await send(method, path, body: Data(json.utf8), apiKey: apiKey)
  }

  func shutdown() async throws {
    try await http.shutdown()
  }
}
