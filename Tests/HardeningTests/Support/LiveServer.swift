import Foundation
import TalonAPI
import TalonEngine
import TalonHTTP
import TalonTestSupport

/// The secrets of the live servers. The API key is long and distinctive, so that finding it in
/// a log line or a message cannot be a coincidence.
enum LiveKeys {
  static let apiKey = "hardening-key-7f3a9c1e5b2d4086"
  static let applicationId = 1
  static let applicationKey = "fefecafedeadbeef"
}

/// A real `talon serve` stack for the tests: an `EmbeddedEngine` on a SQLite file in a fresh
/// temporary folder behind the shared `LoopbackServer` on an ephemeral port, with every log
/// record (down to trace level) captured.
struct LiveServer: Sendable {
  let engine: EmbeddedEngine
  let loopback: LoopbackServer
  let storePath: String

  var url: String { loopback.url }
  var log: Recorder<LogRecord> { loopback.log }

  /// Starts engine and server and waits (at most 20 s) until the server listens.
  static func start(pack: CampaignPack? = nil) async throws -> LiveServer {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "talon-hardening-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let storePath = folder.appending(path: "store.sqlite").path
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(
        store: .file(path: storePath), campaigns: try pack ?? CampaignPack.demo))
    let configuration = ServerConfiguration(
      host: "127.0.0.1", port: 0, apiKey: LiveKeys.apiKey,
      applicationId: LiveKeys.applicationId, applicationKey: LiveKeys.applicationKey)
    let loopback = try await LoopbackServer.start(
      api: engine, configuration: configuration, logLevel: .trace)
    return LiveServer(engine: engine, loopback: loopback, storePath: storePath)
  }

  /// Shuts the server down gracefully, waits (at most 20 s) for it, then closes the store and
  /// removes its folder.
  func stop() async throws {
    try await loopback.stop()
    engine.close()
    try? FileManager.default.removeItem(
      at: URL(fileURLWithPath: storePath).deletingLastPathComponent())
  }

  /// A talon HTTP client of this server (no retries); shut it down after use.
  func client(apiKey: String? = LiveKeys.apiKey, verbose: (@Sendable (String) -> Void)? = nil)
    throws -> HTTPIntegrationClient
  {
    let configuration = RemoteConfiguration(
      url: url, apiKey: apiKey, timeout: .seconds(30), verbose: verbose != nil,
      retry: RetryPolicy(attempts: 1))
    return try HTTPIntegrationClient(
      configuration: configuration, verboseOutput: verbose ?? { _ in })
  }
}
