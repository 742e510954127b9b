import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TalonAPI

/// One answer of the server, as received.
struct RawResponse: Sendable {
  var status: Int
  var headers: HTTPHeaders
  var body: Data

  var json: JSONValue? { try? JSONValue(parsing: body) }
  var error: ErrorResponse? { try? WireCoding.decode(ErrorResponse.self, from: body) }
  var text: String { String(decoding: body, as: UTF8.self) }
}

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
    var request = HTTPClientRequest(url: base + path)
    request.method = HTTPMethod(rawValue: method)
    if let apiKey { request.headers.add(name: "Authorization", value: "ApiKey-v1 \(apiKey)") }
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: body))
    }
    let response = try await http.execute(request, timeout: .seconds(30))
    let buffer = try await response.body.collect(upTo: 16 << 20)
    return RawResponse(
      status: Int(response.status.code), headers: response.headers,
      body: Data(buffer.readableBytesView))
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
