import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TalonAPI

/// One answer of a server, as received.
package struct RawResponse: Sendable {
  package var status: Int
  package var headers: HTTPHeaders
  package var body: Data

  package var json: JSONValue? { try? JSONValue(parsing: body) }
  package var error: ErrorResponse? { try? WireCoding.decode(ErrorResponse.self, from: body) }
  package var text: String { String(decoding: body, as: UTF8.self) }

  package init(status: Int, headers: HTTPHeaders, body: Data) {
    self.status = status
    self.headers = headers
    self.body = body
  }
}

/// Raw HTTP that bypasses talon's client: any bytes as body, any path, any headers.
package enum RawExchange {
  /// Sends one request to `url` (already percent-encoded as it should go on the wire) with
  /// `Authorization: ApiKey-v1 <apiKey>` when a key is given, and collects the answer.
  package static func send(
    _ method: String, _ url: String, body: Data? = nil, headers: [(String, String)] = [],
    apiKey: String?, using client: HTTPClient = .shared, timeout: Int64 = 30
  ) async throws -> RawResponse {
    var request = HTTPClientRequest(url: url)
    request.method = HTTPMethod(rawValue: method)
    if let apiKey { request.headers.add(name: "Authorization", value: "ApiKey-v1 \(apiKey)") }
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: body))
    }
    let response = try await client.execute(request, timeout: .seconds(timeout))
    let buffer = try await response.body.collect(upTo: 16 << 20)
    return RawResponse(
      status: Int(response.status.code), headers: response.headers,
      body: Data(buffer.readableBytesView))
  }
}
