import Foundation
import TalonAPI
import TalonEngine
import TalonHTTP

/// The backend a command talks to: the embedded engine or a remote Integration API, with what
/// it takes to shut it down cleanly.
struct Backend: Sendable {
  let api: any IntegrationAPI
  /// `embedded`, or the host of the remote URL: what the prompt and reports show.
  let name: String
  /// The embedded engine, when that is the backend.
  let engine: EmbeddedEngine?
  /// The remote client, when that is the backend.
  let client: HTTPIntegrationClient?

  /// Opens the backend the options choose; the embedded store defaults to `defaultStore`.
  static func open(
    remote: RemoteOptions, embedded: EmbeddedOptions, defaultStore: StoreLocation,
    verbose: Bool = false
  ) throws -> Backend {
    if var configuration = try remote.configuration() {
      configuration.verbose = verbose
      let client = try HTTPIntegrationClient(configuration: configuration)
      let host = URL(string: configuration.url)?.host ?? configuration.url
      return Backend(api: client, name: host, engine: nil, client: client)
    }
    let engine = try EmbeddedEngine(
      configuration: try embedded.engineConfiguration(defaultStore: defaultStore))
    return Backend(api: engine, name: "embedded", engine: engine, client: nil)
  }

  /// Releases the store or the HTTP client.
  func shutdown() async {
    engine?.close()
    try? await client?.shutdown()
  }
}
