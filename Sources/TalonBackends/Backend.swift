import Foundation
import TalonAPI
import TalonEngine
import TalonHTTP
import TalonPostgres

/// An open backend: the API that statements and requests go to, what reports and prompts call
/// it, and its optional abilities. The one place where the shell, `talon run` and `talon serve`
/// open the embedded engine or a remote client (``open(_:)``).
///
/// Abilities: the embedded engine can be reset, asked whether it is fresh and (on SQLite) saved
/// and restored whole (`saveState`), and has a clock
/// (`BackendClock`); a remote backend can be reset and has a clock when it is a `talon serve
/// --test-control` (the first use finds out; otherwise they fail with a message that says so). Statements prefer to run where the
/// backend works (`taskExecutor`): the engine's own thread or the HTTP client's event loop.
/// Both must be shut down once (``shutdown()``).
package struct Backend: Sendable {
  /// Where the Integration API calls go.
  package let api: any IntegrationAPI
  /// `embedded`, or the host of the remote URL: what the prompt and reports show.
  package let name: String
  /// `embedded (memory)`, `embedded (PATH)` or the remote URL: what a recording's header says.
  package let description: String
  /// The remote API key, a secret to keep out of history and recordings.
  package let apiKey: String?
  /// The embedded engine's campaign pack.
  package let campaigns: CampaignPack?
  /// Runs another campaign pack from now on (embedded only; the shell's `reload`, SIGHUP for
  /// `talon serve`).
  package let reload: (@Sendable (CampaignPack) async throws -> Void)?
  /// Empties the store (embedded, or a remote `talon serve --test-control`).
  package let reset: (@Sendable () async throws -> Void)?
  /// Whether the store holds no profile, session or event yet (embedded only).
  package let isFresh: (@Sendable () async throws -> Bool)?
  /// The clock `clock` statements read and move (embedded, or a remote test-control server).
  package let clock: (any BackendClock)?
  /// Saves the whole state and gives what puts it back (embedded only): presenter mode's
  /// `b` and `g N`, and its return from the shell.
  package let saveState: StateSaver?
  /// Where statements should run: the engine's thread or the HTTP client's event loop.
  package let taskExecutor: (any TaskExecutor)?
  private let release: @Sendable () async -> Void

  /// Opens the backend `choice` names: creates the store's folder when missing, or starts
  /// the HTTP client.
  package static func open(_ choice: BackendChoice) throws -> Backend {
    switch choice {
    case .embedded(let embedded):
      let (configuration, place) = try engineConfiguration(embedded)
      return engineBackend(
        try EmbeddedEngine(configuration: configuration), place: place,
        canSave: configuration.storage == nil)
    case .remote(let configuration):
      let client = try HTTPIntegrationClient(configuration: configuration)
      return Backend(
        api: client, name: host(of: configuration.url), description: configuration.url,
        apiKey: configuration.apiKey, campaigns: nil, reload: nil,
        reset: { try await client.resetServer() },
        isFresh: nil, clock: client, saveState: nil,
        taskExecutor: client.taskExecutor, release: { try? await client.shutdown() })
    }
  }

  /// One embedded backend per application of `choice.applications`, all on one store (one
  /// file, one thread), each with its own clock (`docs/behaviour.md`, "Several applications").
  /// Shut each down; the store closes with the first.
  package static func openApplications(_ choice: EmbeddedChoice) throws -> [Backend] {
    let (configuration, place) = try engineConfiguration(choice)
    let engines = try EmbeddedEngine.open(configuration, applications: choice.applications)
    // Engines sharing one store cannot put it back: that would change the others' data too.
    return engines.map { engineBackend($0, place: place, canSave: false) }
  }

  /// The engine's configuration for `embedded` and the place a description names: the store's
  /// folder created, or the PostgreSQL store's opener.
  private static func engineConfiguration(_ embedded: EmbeddedChoice) throws
    -> (EngineConfiguration, String)
  {
    var configuration = EngineConfiguration(
      store: embedded.store, campaigns: embedded.campaigns, seed: embedded.seed,
      clockStart: embedded.clockStart)
    configuration.adoptCampaigns = embedded.adoptCampaigns
    switch embedded.store {
    case .memory: return (configuration, "memory")
    case .file(let path):
      try DataPaths.prepareDirectory(for: path)
      return (configuration, path)
    case .database(let url):
      configuration.storage = PostgresStore.opener(
        url: url, environment: ProcessInfo.processInfo.environment)
      return (configuration, url)
    }
  }

  /// `canSave`: the engine alone on a SQLite store (a file or memory), which can be copied and
  /// put back (`saveState`).
  private static func engineBackend(_ engine: EmbeddedEngine, place: String, canSave: Bool)
    -> Backend
  {
    var saveState: StateSaver?
    if canSave {
      saveState = { @Sendable in
        let snapshot = try await engine.snapshot()
        return { @Sendable in try await engine.restore(snapshot) }
      }
    }
    return Backend(
      api: engine, name: "embedded", description: "embedded (\(place))", apiKey: nil,
      campaigns: engine.campaigns, reload: { try await engine.reload($0) },
      reset: { try await engine.reset() },
      isFresh: { try await engine.isFresh() }, clock: engine, saveState: saveState,
      taskExecutor: engine.preferredTaskExecutor,
      release: { engine.close() })
  }

  /// The host of `url` (`mystore.talon.one`), or the URL as given when it has none.
  package static func host(of url: String) -> String {
    URL(string: url)?.host ?? url
  }

  /// Whether this is the embedded engine.
  package var isEmbedded: Bool { campaigns != nil }

  /// Saves a backend's whole state now and returns what restores it.
  package typealias StateSaver = @Sendable () async throws -> @Sendable () async throws -> Void

  /// Closes the store or shuts the HTTP client down; later calls fail. Call it once.
  package func shutdown() async {
    await release()
  }
}
