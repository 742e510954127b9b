import Foundation
import Logging
import TalonAPI
import TalonHTTP
import UnixSignals

/// A real `talon serve` stack in process for tests: an `IntegrationServer` over any
/// `IntegrationAPI` on an ephemeral (or given) loopback port, with every log record kept.
package struct LoopbackServer: Sendable {
  package let server: IntegrationServer
  /// `http://127.0.0.1:PORT`, once listening.
  package let url: String
  package let port: Int
  /// Every record the server logged at `logLevel` or above.
  package let log: Recorder<LogRecord>
  private let task: Task<Void, any Error>

  /// Starts the server and waits (at most `timeout` seconds) until it listens. `signals` are
  /// the ones that shut it down gracefully (none by default: tests stop it with `stop()`).
  package static func start(
    api: any IntegrationAPI, configuration: ServerConfiguration, signals: [UnixSignal] = [],
    logLevel: Logger.Level = .info, timeout: Double = 20
  ) async throws -> LoopbackServer {
    let log = Recorder<LogRecord>()
    var logger = Logger(label: "talon.serve.test") { _ in CapturingLogHandler(records: log) }
    logger.logLevel = logLevel
    let server = try IntegrationServer(api: api, configuration: configuration, logger: logger)
    let (urls, continuation) = AsyncStream<String>.makeStream()
    let task = Task {
      defer { continuation.finish() }
      try await server.run(gracefulShutdownSignals: signals) { url in continuation.yield(url) }
    }
    let url = try await withTimeout(timeout, "the server to listen") {
      var iterator = urls.makeAsyncIterator()
      guard let url = await iterator.next() else { throw TimedOut(what: "a listening server") }
      return url
    }
    let port = Int(url.split(separator: ":").last ?? "") ?? 0
    return LoopbackServer(server: server, url: url, port: port, log: log, task: task)
  }

  /// Shuts down gracefully and waits (at most `timeout` seconds) for the server to return.
  package func stop(timeout: Double = 20) async throws {
    await server.shutdown()
    try await waitUntilStopped(timeout: timeout)
  }

  /// Waits (at most `timeout` seconds) for the server to return, e.g. after its signal.
  package func waitUntilStopped(timeout: Double = 20) async throws {
    let task = task
    try await withTimeout(timeout, "the server to stop") { try await task.value }
  }
}

/// One captured log record.
package struct LogRecord: Sendable {
  package var level: Logger.Level
  package var message: String
  package var metadata: [String: String]
  /// The function or module that logged it.
  package var source: String

  /// The record as one line: message, sorted `key=value` metadata, `source=`.
  package var text: String {
    let fields = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    return "\(message) \(fields.joined(separator: " ")) source=\(source)"
  }
}

/// A swift-log handler that keeps every record it is given.
package struct CapturingLogHandler: LogHandler {
  package let records: Recorder<LogRecord>
  package var metadata: Logger.Metadata = [:]
  package var logLevel: Logger.Level = .trace

  package init(records: Recorder<LogRecord>) {
    self.records = records
  }

  package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  package func log(event: LogEvent) {
    var merged = metadata
    merged.merge(event.metadata ?? [:]) { _, new in new }
    records.append(
      LogRecord(
        level: event.level, message: "\(event.message)",
        metadata: merged.mapValues { "\($0)" }, source: event.source))
  }
}
