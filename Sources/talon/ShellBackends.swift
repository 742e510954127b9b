import Foundation
import TalonAPI
import TalonBackends
import TalonEngine
import TalonHTTP
import TalonScript
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
  static func shellBackend(
    _ backend: Backend, seed: UInt64?, clockStart: Date? = nil, campaignsFiles: [String]
  ) -> ShellBackend {
    var reload: (@Sendable () async throws -> ShellReload)?
    if let engineReload = backend.reload, let pack = backend.campaigns {
      let application = pack.application.id
      reload = {
        try await Self.reload(
          files: campaignsFiles, application: application, with: engineReload)
      }
    }
    return ShellBackend(
      api: backend.api, name: backend.name, apiKey: backend.apiKey, reset: backend.reset,
      isFresh: backend.isFresh, description: backend.description,
      campaignPack: backend.campaigns?.application.name,
      campaignFile: backend.campaigns.flatMap { pack in
        pack.isBuiltInDemo
          ? nil : URL(fileURLWithPath: pack.source).standardizedFileURL.path
      },
      campaignsSHA256: backend.campaigns.map(CampaignDigest.sha256(of:)),
      seed: backend.isEmbedded ? seed : nil,
      couponCodes: backend.campaigns.map { couponCodes($0) } ?? [],
      isEmbedded: backend.isEmbedded,
      virtualClock: backend.isEmbedded && (seed != nil || clockStart != nil),
      reload: reload,
      shutdown: { await backend.shutdown() },
      application: backend.campaigns.flatMap { pack in
        pack.hasSiblings ? String(pack.application.id) : nil
      })
  }

  private static func couponCodes(_ pack: CampaignPack) -> [String] {
    pack.campaigns.flatMap { $0.coupons.map(\.value) }
  }

  /// `reload`: reads `files` again and hands the pack of `application` to the engine; files
  /// with errors, or without that application, throw (the engine keeps its pack).
  private static func reload(
    files: [String], application: Int,
    with reload: @Sendable (CampaignPack) async throws -> Void
  ) async throws -> ShellReload {
    guard !files.isEmpty else {
      throw ShellHostError(
        "the built-in demo shop has no file to reload; start talon with --campaigns FILE")
    }
    let pack = try CampaignFiles.load(from: files).pack(for: String(application))
    try await reload(pack)
    var lines = ["reloaded \(pack.source): \(pack.campaigns.count) campaigns"]
    lines += pack.warnings.map { "warning: \($0)" }
    return ShellReload(
      summary: lines.joined(separator: "\n"), couponCodes: couponCodes(pack),
      campaignsSHA256: CampaignDigest.sha256(of: pack))
  }

  /// The factory behind `connect`.
  static func factory(
    store: StoreLocation, campaigns: [String], app: String?, seed: UInt64?,
    clockStart: Date? = nil, verbose: Bool
  ) -> BackendFactory {
    { target in
      switch target {
      case .embedded:
        let pack = try EmbeddedChoice.campaignFiles(campaigns).pack(for: app)
        let backend = try Backend.open(
          .embedded(
            EmbeddedChoice(store: store, campaigns: pack, seed: seed, clockStart: clockStart)))
        return shellBackend(
          backend, seed: seed, clockStart: clockStart, campaignsFiles: campaigns)
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
        return shellBackend(backend, seed: nil, campaignsFiles: [])
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
