import TalonAPI

/// The backend one workflow file runs against, and how to release it.
package struct RunnerBackend: Sendable {
  package var api: any IntegrationAPI
  /// `embedded` or the remote host, for reports.
  package var name: String
  /// Releases the store or the HTTP client; called once the file has run.
  package var shutdown: @Sendable () async -> Void
  /// Where the statements run, if the backend prefers: the HTTP client's event loop, or the
  /// embedded engine's own thread (by default `api.preferredTaskExecutor`), so that each call
  /// starts where the backend works, without a thread hop.
  package var taskExecutor: (any TaskExecutor)?
  /// Warnings about how the backend was opened (a recording's campaign file that changed since
  /// it was recorded), printed before the file runs.
  package var warnings: [String] = []
  /// Saves the backend's whole state and returns what puts it back (the embedded engine);
  /// nil when it cannot (a remote API). Presenter mode's `b` and `g N` need it.
  package var saveState: (@Sendable () async throws -> @Sendable () async throws -> Void)?

  package init(
    api: any IntegrationAPI, name: String, taskExecutor: (any TaskExecutor)? = nil,
    shutdown: @escaping @Sendable () async -> Void = {}
  ) {
    self.api = api
    self.name = name
    self.taskExecutor = taskExecutor ?? api.preferredTaskExecutor
    self.shutdown = shutdown
  }
}

/// Opens a backend for each workflow file: `talon run` gives a fresh in-memory engine per file
/// by default, or a connection to `--url`. Never called in a dry run.
package typealias BackendProvider = @Sendable (_ file: String) async throws -> RunnerBackend
