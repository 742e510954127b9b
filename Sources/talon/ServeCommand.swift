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
    let choice = try embedded.choice(
      defaultStore: .file(path: DataPaths.defaultStore()), allApplications: true)
    guard choice.applications.count == 1 else {
      return try await runApplications(choice)
    }
    let application = choice.campaigns.application
    let configuredKey =
      try KeySource.read("API key", flag: apiKey, file: apiKeyFile)
      ?? ProcessInfo.processInfo.environment[RemoteConfiguration.apiKeyVariable].flatMap {
        $0.isEmpty ? nil : $0
      }
    let serverConfiguration = ServerConfiguration(
      host: host, port: port, apiKey: configuredKey ?? application.apiKey,
      apiKeyIsExplicit: configuredKey != nil || !embedded.campaigns.isEmpty,
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
    let logger = Self.logger()
    let reloader = Self.reloadOnHangUp(
      backends: [backend], files: embedded.campaigns, logger: logger)
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

  /// Serves every application of the campaign files on one store: each selected by its own
  /// API key (or signer id), each with its own data (`docs/behaviour.md`, "Several
  /// applications").
  private func runApplications(_ choice: EmbeddedChoice) async throws {
    if apiKey != nil || apiKeyFile != nil {
      throw ValidationError(
        "--api-key and --api-key-file serve one application; with several, each application's "
          + "apiKey comes from the campaign file (or choose one with --app)")
    }
    let packs = choice.applications
    let serverConfiguration = ServerConfiguration(
      host: host, port: port, apiKey: packs.first?.application.apiKey, apiKeyIsExplicit: true)
    try serverConfiguration.validate()
    let backends = try Backend.openApplications(choice)
    let served = zip(packs, backends).map { pack, backend in
      ServedApplication(
        api: backend.api, id: pack.application.id, apiKey: pack.application.apiKey,
        applicationKey: pack.application.key,
        testControl: testControl ? control(backend) : nil)
    }
    if let note = embedded.clockNote {
      FileHandle.standardError.write(Data("talon serve: \(note)\n".utf8))
    }
    let logger = Self.logger()
    let names = packs.map { "\($0.application.id) '\($0.application.name)'" }
    logger.info("serving \(packs.count) applications: \(names.joined(separator: ", "))")
    let reloader = Self.reloadOnHangUp(
      backends: backends, files: embedded.campaigns, logger: logger)
    defer { reloader.cancel() }
    do {
      try await runServer(applications: served, configuration: serverConfiguration, logger: logger)
    } catch {
      for backend in backends { await backend.shutdown() }
      throw error
    }
    for backend in backends { await backend.shutdown() }
  }

  private static func logger() -> Logger {
    var logger = Logger(label: "talon.serve") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .info
    return logger
  }

  /// SIGHUP reads `files` again and hands each backend its application's pack, one reload at
  /// a time, and logs what happened; the built-in demo shop has no file and stays. Files that
  /// no longer describe the served applications (one added, removed or renumbered) are
  /// refused as a whole.
  private static func reloadOnHangUp(backends: [Backend], files: [String], logger: Logger)
    -> SignalWatcher
  {
    let queue = DispatchQueue(label: "talon.serve.reload")
    return SignalWatcher(signal: SIGHUP, queue: queue) {
      guard !files.isEmpty else {
        logger.warning("SIGHUP: the built-in demo shop has no campaign file to reload")
        return
      }
      let done = DispatchSemaphore(value: 0)
      Task {
        defer { done.signal() }
        do {
          let loaded = try CampaignFiles.load(from: files)
          let served = backends.compactMap { $0.campaigns?.application.id }
          var packs: [CampaignPack] = []
          if backends.count == 1 {
            packs = [try loaded.pack(for: loaded.isSeveral ? String(served[0]) : nil)]
          } else {
            guard loaded.packs.map(\.application.id) == served else {
              throw ReloadRefusal(
                description: "the files describe other applications than the ones served"
                  + " (restart talon serve to serve them)")
            }
            packs = loaded.packs
          }
          for pack in packs {
            for warning in pack.warnings { logger.warning("warning: \(warning)") }
          }
          for (backend, pack) in zip(backends, packs) {
            guard let reload = backend.reload else { continue }
            try await reload(pack)
            logger.info("SIGHUP: reloaded \(pack.source): \(pack.campaigns.count) campaigns")
          }
        } catch {
          logger.error("SIGHUP: the campaigns loaded before stay: \(error)")
        }
      }
      // One reload at a time, in the order the signals came.
      done.wait()
    }
  }

  /// Why a SIGHUP reload was refused.
  private struct ReloadRefusal: Error, CustomStringConvertible {
    let description: String
  }

  /// What `--test-control` lets clients do: reset the engine, read and move its clock.
  private func control(_ backend: Backend) -> TestControl? {
    guard let reset = backend.reset, let clock = backend.clock else { return nil }
    return TestControl(reset: reset, clock: clock)
  }
}
