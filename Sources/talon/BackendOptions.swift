import ArgumentParser
import Foundation
import TalonAPI
import TalonBackends
import TalonEngine
import TalonHTTP

/// Options of the embedded engine, shared by the shell, `talon run` and `talon serve`.
struct EmbeddedOptions: ParsableArguments {
  @Option(
    help: "The embedded engine's SQLite file (default: under $XDG_DATA_HOME/talon/).",
    completion: .file())
  var data: String?

  @Option(
    help: "A campaign file for the embedded engine (default: the built-in demo shop).",
    completion: .file(extensions: ["json"]))
  var campaigns: String?

  @Flag(help: "Use a throw-away in-memory store for the embedded engine.")
  var memory = false

  @Option(help: "Seed the random source and start the virtual clock, for reproducible runs.")
  var seed: UInt64?

  func validate() throws {
    if memory && data != nil {
      throw ValidationError("--memory and --data exclude each other.")
    }
  }

  /// The store: memory with --memory, the file of --data, else `defaultStore`.
  func store(default defaultStore: StoreLocation) -> StoreLocation {
    memory ? .memory : data.map { .file(path: $0) } ?? defaultStore
  }

  /// The embedded engine to open: the store as ``store(default:)`` says, the campaign file
  /// given or the built-in demo shop, and the seed.
  /// The campaign file's warnings go to standard error, once.
  func choice(defaultStore: StoreLocation) throws -> EmbeddedChoice {
    let pack = try EmbeddedChoice.campaignPack(file: campaigns)
    for warning in pack.warnings {
      FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
    }
    return EmbeddedChoice(store: store(default: defaultStore), campaigns: pack, seed: seed)
  }
}

/// Options that point talon at a remote Integration API, shared by the shell and `talon run`.
/// Flags win over the environment (`TALON_URL`, `TALON_API_KEY`, `TALON_APP_KEY`); with no URL
/// the embedded engine is used.
///
/// Decisions: each secret comes from its flag, its file or its environment variable, in that
/// order; giving both the flag and the file is an error. The application key signs only with
/// `--app-id`: `--app-id` needs a key from one of the three places, `--app-key` or
/// `--app-key-file` without `--app-id` is an error, and `TALON_APP_KEY` is ignored without
/// `--app-id` (as `TALON_API_KEY` is without a URL).
struct RemoteOptions: ParsableArguments {
  @Option(help: "Talk to this Integration API (a Talon.One deployment or `talon serve`).")
  var url: String?

  @Option(
    name: .customLong("api-key"),
    help: """
      The API key for --url. Other users see flags in `ps`: prefer --api-key-file or \
      TALON_API_KEY.
      """)
  var apiKey: String?

  @Option(
    name: .customLong("api-key-file"), help: "Read the API key from this file.",
    completion: .file())
  var apiKeyFile: String?

  @Option(name: .customLong("app-id"), help: "Application id, to sign requests instead of a key.")
  var appId: Int?

  @Option(
    name: .customLong("app-key"),
    help: """
      Application key (hex) that signs requests, with --app-id. Other users see flags in \
      `ps`: prefer --app-key-file or TALON_APP_KEY.
      """)
  var appKey: String?

  @Option(
    name: .customLong("app-key-file"), help: "Read the application key from this file.",
    completion: .file())
  var appKeyFile: String?

  func validate() throws {
    if apiKey != nil && apiKeyFile != nil {
      throw ValidationError("--api-key and --api-key-file exclude each other.")
    }
    if appKey != nil && appKeyFile != nil {
      throw ValidationError("--app-key and --app-key-file exclude each other.")
    }
    if appId == nil && (appKey != nil || appKeyFile != nil) {
      throw ValidationError("--app-key and --app-key-file need --app-id.")
    }
  }

  /// The remote configuration when a URL is given (flag or TALON_URL), else nil.
  func configuration(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws -> RemoteConfiguration?
  {
    let configuration = RemoteConfiguration.resolve(
      url: url, apiKey: try KeySource.read("API key", flag: apiKey, file: apiKeyFile),
      appId: appId,
      appKey: try KeySource.read("application key", flag: appKey, file: appKeyFile),
      environment: environment)
    if let configuration, configuration.appId != nil, configuration.appKey == nil {
      throw ValidationError(
        "--app-id needs the application key: --app-key-file, TALON_APP_KEY or --app-key.")
    }
    return configuration
  }
}

/// The backend the options of a command choose: the remote API when a URL is given (flag or
/// `TALON_URL`), with `verbose` tracing; else the embedded engine on `defaultStore` unless
/// `--memory` or `--data` say otherwise.
func backendChoice(
  remote: RemoteOptions, embedded: EmbeddedOptions, defaultStore: StoreLocation,
  verbose: Bool = false
) throws -> BackendChoice {
  if var configuration = try remote.configuration() {
    configuration.verbose = verbose
    return .remote(configuration)
  }
  return .embedded(try embedded.choice(defaultStore: defaultStore))
}
