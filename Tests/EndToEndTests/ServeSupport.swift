import Foundation
import GRDB
import TalonAPI
import TalonHTTP

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The demo pack's API key (`talon serve` without `--api-key` on loopback accepts it).
let demoAPIKey = "demo-shop-api-key"

/// A folder under the temporary directory, removed when the value is dropped.
final class TemporaryFolder: @unchecked Sendable {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appending(path: "talon-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// The path of `name` inside the folder.
  func path(_ name: String) -> String { url.appending(path: name).path }
}

/// An HTTP client of a `talon serve` at `url` that never retries (a test must see every
/// failure), always shut down after `body`.
func withClient<T: Sendable>(
  _ url: String, apiKey: String? = demoAPIKey,
  verboseOutput: (@Sendable (String) -> Void)? = nil,
  _ body: (HTTPIntegrationClient) async throws -> T
) async throws -> T {
  let client = try HTTPIntegrationClient(
    configuration: RemoteConfiguration(
      url: url, apiKey: apiKey, timeout: .seconds(30), verbose: verboseOutput != nil,
      retry: RetryPolicy(attempts: 1)),
    verboseOutput: verboseOutput ?? { _ in })
  do {
    let result = try await body(client)
    try await client.shutdown()
    return result
  } catch {
    try? await client.shutdown()
    throw error
  }
}

/// One plain GET (no talon client): the status and body text.
func fetch(_ url: String, apiKey: String? = nil) async throws -> (status: Int, body: String) {
  guard let target = URL(string: url) else { throw ServeFailure("bad URL \(url)") }
  var request = URLRequest(url: target)
  if let apiKey { request.setValue("ApiKey-v1 \(apiKey)", forHTTPHeaderField: "Authorization") }
  let (data, response) = try await URLSession.shared.data(for: request)
  let status = (response as? HTTPURLResponse)?.statusCode ?? 0
  return (status, String(decoding: data, as: UTF8.self))
}

/// `PRAGMA integrity_check` of the SQLite file at `path` ("ok" when sound). Opening the file
/// also replays a write-ahead log left behind by a killed server.
func integrityCheck(_ path: String) throws -> String {
  let queue = try DatabaseQueue(path: path)
  defer { try? queue.close() }
  return try queue.read { db in
    try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
  }
}

/// A cart of `count` items (prices with cents, every third item a pair of shoes).
func testCart(_ count: Int, seed: Int = 0) -> [CartItem] {
  (0..<count).map { index in
    CartItem(
      name: "Item \(index)", sku: "SKU-\(index)", quantity: 1 + (seed + index) % 3,
      price: Decimal(10 + index % 20) + Decimal(99) / 100,
      category: index % 3 == 0 ? "shoes" : "accessories")
  }
}
