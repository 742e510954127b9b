import Foundation
import TalonAPI
import TalonEngine
import TalonHTTP
import TalonShell

/// Makes the shell's backends: the one the options chose at start, and the ones `connect`
/// asks for later. TalonShell knows neither the engine nor HTTP; this is where they meet.
///
/// Decisions: `connect embedded` opens the store and campaign pack of the command line
/// (`--data`/`--memory`/`--campaigns`/`--seed`, or the default store); `--memory` gives a new
/// empty store each time. `connect URL` without `key=` uses `TALON_API_KEY` when set.
enum ShellBackends {
  /// The shell's view of a backend opened by `Backend.open`.
  static func shellBackend(_ backend: Backend, store: StoreLocation?, seed: UInt64?)
    -> ShellBackend
  {
    if let engine = backend.engine {
      let place: String
      switch store {
      case .memory?: place = "memory"
      case .file(let path)?: place = path
      case nil: place = "store"
      }
      return ShellBackend(
        api: engine, name: backend.name, apiKey: nil,
        reset: { try await engine.reset() }, isFresh: { try await engine.isFresh() },
        description: "embedded (\(place))", campaignPack: engine.campaigns.application.name,
        seed: seed,
        couponCodes: engine.campaigns.campaigns.flatMap { $0.coupons.map(\.value) },
        shutdown: { await backend.shutdown() })
    }
    let configuration = backend.client?.configuration
    return ShellBackend(
      api: backend.api, name: backend.name, apiKey: configuration?.apiKey,
      description: configuration?.url ?? backend.name, shutdown: { await backend.shutdown() })
  }

  /// The factory behind `connect`.
  static func factory(
    store: StoreLocation, campaigns: String?, seed: UInt64?, verbose: Bool
  ) -> BackendFactory {
    { target in
      switch target {
      case .embedded:
        if case .file(let path) = store { try DataPaths.prepareDirectory(for: path) }
        let pack = try campaigns.map { try CampaignPack.load(from: $0) } ?? CampaignPack.demo
        let engine = try EmbeddedEngine(
          configuration: EngineConfiguration(store: store, campaigns: pack, seed: seed))
        let backend = Backend(api: engine, name: "embedded", engine: engine, client: nil)
        return shellBackend(backend, store: store, seed: seed)
      case .remote(let url, let key):
        let environmentKey = ProcessInfo.processInfo.environment[
          RemoteConfiguration.apiKeyVariable]
        let configuration = RemoteConfiguration(
          url: url, apiKey: key ?? environmentKey.flatMap { $0.isEmpty ? nil : $0 },
          verbose: verbose)
        let client = try HTTPIntegrationClient(configuration: configuration)
        let host = URL(string: url)?.host ?? url
        let backend = Backend(api: client, name: host, engine: nil, client: client)
        return shellBackend(backend, store: nil, seed: nil)
      }
    }
  }
}
