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
    help: """
      A campaign file for the embedded engine (default: the built-in demo shop); once per \
      file when the applications are in several files.
      """,
    completion: .file(extensions: ["json"]))
  var campaigns: [String] = []

  @Option(
    help: ArgumentHelp(
      "The application to work with, by name or id, when the campaign files describe several.",
      valueName: "NAME|ID"))
  var app: String?

  @Flag(help: "Use a throw-away in-memory store for the embedded engine.")
  var memory = false

  @Option(
    name: .customLong("store"),
    help: ArgumentHelp(
      "Keep the embedded engine's data in a PostgreSQL database (also TALON_STORE); the "
        + "password comes from PGPASSWORD or a password file, never from the URL.",
      valueName: "postgres://USER@HOST:PORT/DB"))
  var database: String?

  @Flag(
    help: ArgumentHelp(
      "With --store: make this campaign file the database's even when it holds another "
        + "(instances still running another file are then refused)."))
  var adoptCampaigns = false

  /// The environment variable naming the PostgreSQL store when `--store` is not given.
  static let storeVariable = "TALON_STORE"

  /// `--store`, else `TALON_STORE` (unless --memory or --data choose another store).
  var databaseURL: String? {
    if let database { return database }
    guard !memory, data == nil else { return nil }
    let value = ProcessInfo.processInfo.environment[Self.storeVariable] ?? ""
    return value.isEmpty ? nil : value
  }

  @Option(
    help: """
      Seed the random source and start the virtual clock (at 2020-06-01T12:00:00Z unless \
      --clock says otherwise), for reproducible runs.
      """)
  var seed: UInt64?

  @Option(
    help: ArgumentHelp(
      "Start the engine's virtual clock at TIME (RFC 3339 or a date, UTC); it then moves only "
        + "with `clock` statements.", valueName: "TIME"))
  var clock: String?

  func validate() throws {
    if memory && data != nil {
      throw ValidationError("--memory and --data exclude each other.")
    }
    if database != nil && (memory || data != nil) {
      throw ValidationError("--store excludes --memory and --data.")
    }
    if let url = databaseURL, !Self.isPostgresURL(url) {
      let source = database != nil ? "--store" : Self.storeVariable
      throw ValidationError(
        "\(source) takes a postgres://USER@HOST:PORT/DB URL; a SQLite file is --data FILE.")
    }
    if adoptCampaigns && databaseURL == nil {
      throw ValidationError(
        "--adopt-campaigns belongs to a PostgreSQL store (--store): a SQLite file has no "
          + "recorded campaign file.")
    }
    if let clock, Self.time(clock) == nil {
      throw ValidationError(
        "--clock must be an RFC 3339 time like 2026-03-01T09:00:00Z or a date like 2026-03-01, "
          + "not '\(clock)'")
    }
  }

  /// An RFC 3339 time, or a date (midnight UTC).
  static func time(_ text: String) -> Date? {
    RFC3339.date(from: text) ?? RFC3339.date(from: text + "T00:00:00Z")
  }

  /// Where the virtual clock starts: `--clock`, else the seed's start, else nil (real time).
  var clockStart: Date? {
    if let clock { return Self.time(clock) }
    return seed == nil ? nil : Date(timeIntervalSince1970: 1_591_012_800)
  }

  /// One line that says how the engine's clock and codes behave, for the headers of the
  /// shell, `talon run` and `talon serve`; nil for the real clock without a seed.
  var clockNote: String? {
    guard let start = clockStart else { return nil }
    let time = RFC3339.string(from: start)
    let origin = clock != nil ? "--clock" : "--seed; --clock TIME sets another"
    let codes = seed.map { "seed \($0), " } ?? ""
    return "\(codes)virtual clock at \(time) (\(origin)); only `clock` moves it"
  }

  /// Whether `text` names a PostgreSQL database.
  static func isPostgresURL(_ text: String) -> Bool {
    let lowered = text.lowercased()
    return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
  }

  /// The store: memory with --memory, the file of --data, the database of --store or
  /// TALON_STORE, else `defaultStore`.
  func store(default defaultStore: StoreLocation) -> StoreLocation {
    if memory { return .memory }
    if let data { return .file(path: data) }
    if let url = databaseURL { return .database(url: url) }
    return defaultStore
  }

  /// The embedded engine to open: the store as ``store(default:)`` says, the campaign files
  /// given or the built-in demo shop, the application `--app` names (needed when the files
  /// describe several, unless `allApplications`), and the seed. With `allApplications`
  /// (`talon serve`) every application of the files is kept, or the one `--app` names.
  /// The campaign files' warnings go to standard error, once.
  func choice(defaultStore: StoreLocation, allApplications: Bool = false) throws
    -> EmbeddedChoice
  {
    let files = try CampaignFileFailure.wrapping { try EmbeddedChoice.campaignFiles(campaigns) }
    for warning in files.packs.flatMap(\.warnings) {
      FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
    }
    let pack = try CampaignFileFailure.wrapping {
      allApplications && app == nil ? files.packs[0] : try files.pack(for: app)
    }
    var choice = EmbeddedChoice(
      store: store(default: defaultStore), campaigns: pack, seed: seed,
      clockStart: clock.flatMap(Self.time))
    if allApplications && app == nil { choice.applications = files.packs }
    choice.adoptCampaigns = adoptCampaigns
    return choice
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

/// A campaign file that cannot be loaded. The shell, `-c`, `talon run` and `talon serve` all
/// exit with status 2 for it, the status of "nothing ran" (`Talon.main`).
struct CampaignFileFailure: Error, CustomStringConvertible {
  let description: String

  /// Runs `load`; any error it throws becomes a `CampaignFileFailure` with the same text.
  static func wrapping<T>(_ load: () throws -> T) throws -> T {
    do {
      return try load()
    } catch {
      throw CampaignFileFailure(description: "\(error)")
    }
  }
}
