import ArgumentParser
import Foundation
import Logging
import TalonAPI
import TalonBackends
import TalonEngine
import TalonHTTP
import TalonShell

/// `talon serve`: the embedded engine as an Integration API server over HTTP.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the embedded Integration API over HTTP.",
    discussion: """
      Once listening, prints one line `listening on http://HOST:PORT` on standard output; \
      access logs go to standard error. SIGINT or SIGTERM stops accepting connections, \
      finishes the requests in flight, closes the store and exits 0. SIGHUP reads the \
      campaign file (--campaigns) again: requests after it see the new campaigns; a file with \
      errors is logged and the old campaigns stay.

      The API key is --api-key, --api-key-file, TALON_API_KEY or the campaign file's \
      application.apiKey, in that order. A non-loopback --host needs a key you configured: \
      the built-in demo shop's key does not count.

      --test-control adds routes outside Talon.One's paths for tests: reset the store and \
      read, set or advance the clock (`clock` statements, `reset` and `talon run --reset` use \
      them).
      """)

  @Option(help: "The address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "The port to listen on; 0 picks a free one.")
  var port = 9000

  @Option(
    name: .customLong("api-key"),
    help: """
      The key clients must send as `Authorization: ApiKey-v1 <key>`. Other users see flags \
      in `ps`: prefer --api-key-file or TALON_API_KEY.
      """)
  var apiKey: String?

  @Option(
    name: .customLong("api-key-file"), help: "Read the API key from this file.",
    completion: .file())
  var apiKeyFile: String?

  @OptionGroup(title: "Embedded engine")
  var embedded: EmbeddedOptions

  @Flag(
    help: """
      Also answer talon's test-control routes (API key required): POST /talon/test/reset, \
      GET and PUT /talon/test/clock, POST /talon/test/clock/advance. For test servers only.
      """)
  var testControl = false

  func validate() throws {
    if apiKey != nil && apiKeyFile != nil {
      throw ValidationError("--api-key and --api-key-file exclude each other.")
    }
  }

  func run() async throws {
    let choice = try embedded.choice(defaultStore: .file(path: DataPaths.defaultStore()))
    let application = choice.campaigns.application
    let configuredKey =
      try KeySource.read("API key", flag: apiKey, file: apiKeyFile)
      ?? ProcessInfo.processInfo.environment[RemoteConfiguration.apiKeyVariable].flatMap {
        $0.isEmpty ? nil : $0
      }
    let serverConfiguration = ServerConfiguration(
      host: host, port: port, apiKey: configuredKey ?? application.apiKey,
      apiKeyIsExplicit: configuredKey != nil || embedded.campaigns != nil,
      applicationId: application.key == nil ? nil : application.id,
      applicationKey: application.key)
    try serverConfiguration.validate()

    if testControl && serverConfiguration.apiKey == nil {
      throw TalonHTTPError.testControlWithoutAPIKey
    }
    let backend = try Backend.open(.embedded(choice))
    if let note = embedded.clockNote {
      FileHandle.standardError.write(Data("talon serve: \(note)\n".utf8))
    }
    var logger = Logger(label: "talon.serve") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .info
    let reloader = Self.reloadOnHangUp(backend: backend, file: embedded.campaigns, logger: logger)
    defer { reloader.cancel() }
    // The engine runs its calls one at a time on its own thread; requests wait suspended.
    do {
      try await runServer(
        api: backend.api, configuration: serverConfiguration, logger: logger,
        testControl: testControl ? control(backend) : nil)
    } catch {
      await backend.shutdown()
      throw error
    }
    await backend.shutdown()
  }

  /// SIGHUP reads `file` again and hands the pack to the engine, one reload at a time, and
  /// logs what happened; the built-in demo shop has no file and stays.
  private static func reloadOnHangUp(backend: Backend, file: String?, logger: Logger)
    -> SignalWatcher
  {
    let queue = DispatchQueue(label: "talon.serve.reload")
    return SignalWatcher(signal: SIGHUP, queue: queue) {
      guard let file, let reload = backend.reload else {
        logger.warning("SIGHUP: the built-in demo shop has no campaign file to reload")
        return
      }
      let done = DispatchSemaphore(value: 0)
      Task {
        defer { done.signal() }
        do {
          let pack = try CampaignPack.load(from: file)
          for warning in pack.warnings { logger.warning("warning: \(warning)") }
          try await reload(pack)
          logger.info("SIGHUP: reloaded \(file): \(pack.campaigns.count) campaigns")
        } catch {
          logger.error("SIGHUP: the campaigns loaded before stay: \(error)")
        }
      }
      // One reload at a time, in the order the signals came.
      done.wait()
    }
  }

  /// What `--test-control` lets clients do: reset the engine, read and move its clock.
  private func control(_ backend: Backend) -> TestControl? {
    guard let reset = backend.reset, let clock = backend.clock else { return nil }
    return TestControl(reset: reset, clock: clock)
  }
}
