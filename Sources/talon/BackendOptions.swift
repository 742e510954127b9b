import ArgumentParser
import Foundation
import TalonAPI
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

  /// The campaign pack: the file given, or the built-in demo shop.
  func campaignPack() throws -> CampaignPack {
    if let campaigns { return try CampaignPack.load(from: campaigns) }
    return try CampaignPack.demo
  }

  /// The embedded engine's configuration; `defaultStore` when neither --memory nor --data.
  func engineConfiguration(defaultStore: StoreLocation) throws -> EngineConfiguration {
    let store: StoreLocation =
      memory ? .memory : data.map { .file(path: $0) } ?? defaultStore
    if case .file(let path) = store {
      try DataPaths.prepareDirectory(for: path)
    }
    return EngineConfiguration(store: store, campaigns: try campaignPack(), seed: seed)
  }
}

/// Options that point talon at a remote Integration API, shared by the shell and `talon run`.
/// Flags win over the environment (`TALON_URL`, `TALON_API_KEY`); with no URL the embedded
/// engine is used.
struct RemoteOptions: ParsableArguments {
  @Option(help: "Talk to this Integration API (a Talon.One deployment or `talon serve`).")
  var url: String?

  @Option(
    name: .customLong("api-key"),
    help: "The API key for --url (also TALON_API_KEY). Prefer --api-key-file: flags show in `ps`.")
  var apiKey: String?

  @Option(
    name: .customLong("api-key-file"), help: "Read the API key from this file.",
    completion: .file())
  var apiKeyFile: String?

  @Option(name: .customLong("app-id"), help: "Application id, to sign requests instead of a key.")
  var appId: Int?

  @Option(name: .customLong("app-key"), help: "Application key (hex), to sign requests.")
  var appKey: String?

  func validate() throws {
    if apiKey != nil && apiKeyFile != nil {
      throw ValidationError("--api-key and --api-key-file exclude each other.")
    }
    if (appId == nil) != (appKey == nil) {
      throw ValidationError("--app-id and --app-key go together.")
    }
  }

  /// The remote configuration when a URL is given (flag or TALON_URL), else nil.
  func configuration(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws -> RemoteConfiguration?
  {
    RemoteConfiguration.resolve(
      url: url, apiKey: try APIKeySource.read(key: apiKey, file: apiKeyFile), appId: appId,
      appKey: appKey, environment: environment)
  }
}

/// Reads an API key given as a flag or in a file (the file's surrounding whitespace dropped).
enum APIKeySource {
  static func read(key: String?, file: String?) throws -> String? {
    if let key { return key }
    guard let file else { return nil }
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      throw ValidationError("cannot read the API key file \(file)")
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw ValidationError("the API key file \(file) is empty") }
    return trimmed
  }
}
