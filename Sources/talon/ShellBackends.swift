import Foundation
import TalonAPI
import TalonBackends
import TalonEngine
import TalonHTTP
import TalonShell

/// The shell's backends: the one the options chose at start, and the ones `connect` asks for
/// later, all opened by `Backend.open`. TalonShell knows neither the engine nor HTTP; this is
/// where they meet.
///
/// Decisions: `connect embedded` opens the store and campaign pack of the command line
/// (`--data`/`--memory`/`--campaigns`/`--seed`, or the default store); `--memory` gives a new
/// empty store each time. `connect URL` without `key=` uses `TALON_API_KEY` when set.
enum ShellBackends {
  /// The shell's view of an open backend.
  static func shellBackend(_ backend: Backend, seed: UInt64?, clockStart: Date? = nil)
    -> ShellBackend
  {
    ShellBackend(
      api: backend.api, name: backend.name, apiKey: backend.apiKey, reset: backend.reset,
      isFresh: backend.isFresh, description: backend.description,
      campaignPack: backend.campaigns?.application.name,
      campaignFile: backend.campaigns.flatMap { pack in
        pack.isBuiltInDemo
          ? nil : URL(fileURLWithPath: pack.source).standardizedFileURL.path
      },
      campaignsSHA256: backend.campaigns.map(CampaignDigest.sha256(of:)),
      seed: backend.isEmbedded ? seed : nil,
      couponCodes: backend.campaigns?.campaigns.flatMap { $0.coupons.map(\.value) } ?? [],
      isEmbedded: backend.isEmbedded,
      virtualClock: backend.isEmbedded && (seed != nil || clockStart != nil),
      shutdown: { await backend.shutdown() })
  }

  /// The factory behind `connect`.
  static func factory(
    store: StoreLocation, campaigns: String?, seed: UInt64?, clockStart: Date? = nil,
    verbose: Bool
  ) -> BackendFactory {
    { target in
      switch target {
      case .embedded:
        let pack = try EmbeddedChoice.campaignPack(file: campaigns)
        let backend = try Backend.open(
          .embedded(
            EmbeddedChoice(store: store, campaigns: pack, seed: seed, clockStart: clockStart)))
        return shellBackend(backend, seed: seed, clockStart: clockStart)
      case .remote(let url, let key):
        let environmentKey = ProcessInfo.processInfo.environment[
          RemoteConfiguration.apiKeyVariable]
        let configuration = RemoteConfiguration(
          url: url, apiKey: key ?? environmentKey.flatMap { $0.isEmpty ? nil : $0 },
          verbose: verbose)
        let backend = try Backend.open(.remote(configuration))
        do {
          try await verify(backend, url: url)
        } catch {
          await backend.shutdown()
          throw error
        }
        return shellBackend(backend, seed: nil)
      }
    }
  }

  /// Checks, with one cheap authenticated read, that the server at `url` lets the key in: a
  /// refused key or a server that cannot be reached is an error that says so.
  static func verify(_ backend: Backend, url: String) async throws {
    guard let client = backend.api as? HTTPIntegrationClient else { return }
    do {
      try await client.verifyAccess()
    } catch let error as IntegrationError where error.status == 401 || error.status == 403 {
      let key = client.configuration.apiKey == nil ? "no API key was given" : "the key was refused"
      throw ConnectFailure(
        description:
          "\(url) answered \(error.status): \(key) (\(error.response.message)); give the "
          + "right one with key=KEY or TALON_API_KEY")
    } catch let error as IntegrationError {
      throw ConnectFailure(
        description: "\(url) answered the key check with \(error.status): \(error.response.message)"
      )
    }
  }
}

/// Why `connect URL` did not connect, in a sentence.
struct ConnectFailure: Error, CustomStringConvertible {
  let description: String
}
