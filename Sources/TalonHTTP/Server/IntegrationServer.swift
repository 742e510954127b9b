import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import TalonAPI
import UnixSignals

/// Builds the Hummingbird application of `talon serve` for `api`: the catalogue's Integration API
/// routes, `GET /v1/status/health` and `GET /openapi.json`, with HTTP/1.1 limits set
/// explicitly (64 KiB for the request line or one header field, 64 KiB of headers in all, the
/// configured idle timeout) and the request context's upload limit at 1 MiB.
///
/// Decided here: the field limit is as large as the whole header block so that a request line
/// with an over-long path parameter (10 KB, percent-encoded three times that) still reaches
/// the router and gets a JSON 400 naming the parameter. Beyond the limit, the HTTP parser
/// answers a bare 400 and closes the connection. `onListening` receives the bound port (the real one
/// when `configuration.port` is 0).
///
/// Throws `TalonHTTPError` for a configuration that `ServerConfiguration.validate()` refuses.
public func buildServerApplication(
  api: any IntegrationAPI, configuration: ServerConfiguration, logger: Logger,
  testControl: TestControl? = nil,
  onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
  try buildServerApplication(
    applications: [
      ServedApplication(
        api: api, id: configuration.applicationId, apiKey: configuration.apiKey,
        applicationKey: configuration.applicationKey, testControl: testControl)
    ], configuration: configuration, logger: logger, onListening: onListening)
}

/// `buildServerApplication` for several applications on one server, each selected by its own
/// credentials (`docs/behaviour.md`, "Several applications"); the configuration's credentials
/// are not used. Every application with test control needs an API key.
public func buildServerApplication(
  applications: [ServedApplication], configuration: ServerConfiguration, logger: Logger,
  onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
  try configuration.validate()
  try checkApplications(applications, configuration: configuration)
  let responder = IntegrationResponder(
    applications: applications, configuration: configuration, logger: logger)
  let limits = HTTP1Channel.Configuration.DecoderConfiguration(
    maxHeaderFieldSize: 64 * 1024, maxHeaderListSize: 64 * 1024, maxHeaderFieldCount: 100)
  let http1 = HTTP1Channel.Configuration(
    idleTimeout: configuration.idleTimeout.timeAmount, httpDecoderConfiguration: limits)
  let address = BindAddress.hostname(configuration.host, port: configuration.port)
  let applicationConfiguration = ApplicationConfiguration(
    address: address, serverName: nil, reuseAddress: true)
  let port = configuration.port
  let application: Application<IntegrationResponder> = Application(
    responder: responder,
    server: .http1(configuration: http1),
    configuration: applicationConfiguration,
    onServerRunning: { channel in
      await onListening(channel.localAddress?.port ?? port)
    },
    logger: logger
  )
  return application
}

/// Refuses applications the server cannot serve: none at all, test control without an API
/// key, and several applications of which one has no API key or two share one.
func checkApplications(_ applications: [ServedApplication], configuration: ServerConfiguration)
  throws
{
  guard !applications.isEmpty else { throw TalonHTTPError.noApplication }
  if applications.contains(where: { $0.testControl != nil && $0.apiKey == nil }) {
    throw TalonHTTPError.testControlWithoutAPIKey
  }
  guard applications.count > 1 else { return }
  var keys: Set<String> = []
  for application in applications {
    guard let key = application.apiKey, keys.insert(key).inserted else {
      throw TalonHTTPError.applicationWithoutOwnKey(id: application.id)
    }
  }
}

/// A running (or runnable) `talon serve`: the application inside a service group that shuts
/// down gracefully on the given signals or on `shutdown()`: it stops accepting connections and
/// finishes the requests in flight, then `run` returns.
public final class IntegrationServer: Sendable {
  private let applications: [ServedApplication]
  private let configuration: ServerConfiguration
  private let logger: Logger
  private let state = LockedState()

  /// Checks the configuration (throws `TalonHTTPError`); nothing is bound until `run`. With
  /// `testControl`, the server also answers the `/talon/test/...` routes.
  public convenience init(
    api: any IntegrationAPI, configuration: ServerConfiguration, logger: Logger,
    testControl: TestControl? = nil
  ) throws {
    try self.init(
      applications: [
        ServedApplication(
          api: api, id: configuration.applicationId, apiKey: configuration.apiKey,
          applicationKey: configuration.applicationKey, testControl: testControl)
      ], configuration: configuration, logger: logger)
  }

  /// A server of several applications, each selected by its own credentials (the
  /// configuration's are not used); throws `TalonHTTPError` when two share an API key or one
  /// has none.
  public init(
    applications: [ServedApplication], configuration: ServerConfiguration, logger: Logger
  ) throws {
    try configuration.validate()
    try checkApplications(applications, configuration: configuration)
    self.applications = applications
    self.configuration = configuration
    self.logger = logger
  }

  /// Binds, calls `onListening` with `http://HOST:PORT` once listening, and serves until a
  /// signal of `gracefulShutdownSignals` arrives or `shutdown()` is called.
  public func run(
    gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint],
    onListening: @escaping @Sendable (_ url: String) -> Void
  ) async throws {
    let configuration = configuration
    let application = try buildServerApplication(
      applications: applications, configuration: configuration, logger: logger,
      onListening: { port in onListening(configuration.url(port: port)) })
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [application], gracefulShutdownSignals: gracefulShutdownSignals, logger: logger))
    if state.attach(group) {
      await group.triggerGracefulShutdown()
    }
    do {
      try await group.run()
    } catch let error as IOError {
      throw TalonHTTPError.cannotListen(
        host: configuration.host, port: configuration.port, errno: error.errnoCode)
    }
  }

  /// Stops accepting connections and lets the requests in flight finish; `run` then returns.
  public func shutdown() async {
    if let group = state.requestShutdown() {
      await group.triggerGracefulShutdown()
    }
  }

  /// The service group once `run` started, and whether shutdown was asked for before that.
  private final class LockedState: Sendable {
    private struct Fields {
      var group: ServiceGroup?
      var shutdownRequested = false
    }

    private let fields = Mutex(Fields())

    /// Stores the group; true when a shutdown was requested before.
    func attach(_ group: ServiceGroup) -> Bool {
      fields.withLock { fields in
        fields.group = group
        return fields.shutdownRequested
      }
    }

    func requestShutdown() -> ServiceGroup? {
      fields.withLock { fields in
        fields.shutdownRequested = true
        return fields.group
      }
    }
  }
}

/// What `talon serve` calls: runs the server until SIGINT or SIGTERM (or the given signals),
/// after printing exactly one
/// line `listening on http://HOST:PORT` to standard output (written unbuffered, so scripts
/// waiting for it see it at once). Returns after a graceful shutdown; throws `TalonHTTPError`
/// for a refused configuration (e.g. a non-loopback host without an explicit API key).
public func runServer(
  api: any IntegrationAPI, configuration: ServerConfiguration, logger: Logger,
  testControl: TestControl? = nil,
  gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint],
  output: @escaping @Sendable (String) -> Void = { line in
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }
) async throws {
  try await runServer(
    applications: [
      ServedApplication(
        api: api, id: configuration.applicationId, apiKey: configuration.apiKey,
        applicationKey: configuration.applicationKey, testControl: testControl)
    ], configuration: configuration, logger: logger,
    gracefulShutdownSignals: gracefulShutdownSignals, output: output)
}

/// `runServer` for several applications (see `IntegrationServer.init(applications:...)`).
public func runServer(
  applications: [ServedApplication], configuration: ServerConfiguration, logger: Logger,
  gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint],
  output: @escaping @Sendable (String) -> Void = { line in
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }
) async throws {
  let server = try IntegrationServer(
    applications: applications, configuration: configuration, logger: logger)
  try await server.run(gracefulShutdownSignals: gracefulShutdownSignals) { url in
    output("listening on \(url)")
  }
}
