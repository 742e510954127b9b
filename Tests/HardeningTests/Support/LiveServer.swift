import Foundation
import Logging
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
/// temporary folder behind an `IntegrationServer` on an ephemeral loopback port, with every log
/// record (down to trace level) captured.
struct LiveServer: Sendable {
  let engine: EmbeddedEngine
  let server: IntegrationServer
  let url: String
  let storePath: String
  let log: Recorder<LogLine>
  let task: Task<Void, any Error>

  /// Starts engine and server and waits (at most 20 s) until the server listens.
  static func start(pack: CampaignPack? = nil) async throws -> LiveServer {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "talon-hardening-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let storePath = folder.appending(path: "store.sqlite").path
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(
        store: .file(path: storePath), campaigns: try pack ?? CampaignPack.demo))
    let log = Recorder<LogLine>()
    var logger = Logger(label: "talon.serve.hardening") { _ in CapturingLogHandler(lines: log) }
    logger.logLevel = .trace
    let configuration = ServerConfiguration(
      host: "127.0.0.1", port: 0, apiKey: LiveKeys.apiKey,
      applicationId: LiveKeys.applicationId, applicationKey: LiveKeys.applicationKey)
    let server = try IntegrationServer(api: engine, configuration: configuration, logger: logger)
    let (urls, continuation) = AsyncStream<String>.makeStream()
    let task = Task {
      defer { continuation.finish() }
      try await server.run(gracefulShutdownSignals: []) { url in continuation.yield(url) }
    }
    let url = try await withTimeout(20, "the server to listen") {
      var iterator = urls.makeAsyncIterator()
      guard let url = await iterator.next() else { throw TimedOut(what: "a listening server") }
      return url
    }
    return LiveServer(
      engine: engine, server: server, url: url, storePath: storePath, log: log, task: task)
  }

  /// Shuts the server down gracefully, waits (at most 20 s) for it, then closes the store and
  /// removes its folder.
  func stop() async throws {
    await server.shutdown()
    let task = task
    try await withTimeout(20, "the server to stop") { try await task.value }
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

/// One captured log record, flattened to text: level, message, metadata and source.
struct LogLine: Sendable {
  var level: Logger.Level
  var text: String
}

/// A swift-log handler that keeps every record as text.
struct CapturingLogHandler: LogHandler {
  let lines: Recorder<LogLine>
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .trace

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var merged = metadata
    merged.merge(event.metadata ?? [:]) { _, new in new }
    let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    lines.append(
      LogLine(
        level: event.level,
        text: "\(event.message) \(fields.joined(separator: " ")) source=\(event.source)"))
  }
}
