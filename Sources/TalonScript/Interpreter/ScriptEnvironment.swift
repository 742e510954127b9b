import Foundation

/// What the interpreter needs from its host (the shell, the runner, a test): environment
/// variables, the random seed, files for `run`, sleeping, the wall clock, and a sink for the
/// results of statements run inside blocks and `run` scripts as they happen.
public struct ScriptEnvironment: Sendable {
  /// What `$env.NAME` reads.
  public var variables: [String: String]
  /// With a seed, `uuid()`, `random(n)` and `use session new` come from `SeededRandom(seed:)`,
  /// so runs are reproducible; without, from the system generator.
  public var seed: UInt64?
  /// Where `run` resolves relative paths given in the shell (scripts use their own folder).
  public var workingDirectory: String
  /// Reads a script for `run`; the path is already resolved.
  public var readFile: @Sendable (String) throws -> String
  /// Waits for `sleep`; must throw `CancellationError` when the task is cancelled.
  public var sleep: @Sendable (Duration) async throws -> Void
  /// The time `now()` gives when the backend has no `BackendClock`.
  public var wallClock: @Sendable () -> Date
  /// Receives each statement executed inside a block or a `run` script (depth >= 1) as it
  /// finishes, e.g. to print `echo` output of a long loop immediately. The same results are
  /// also returned in `StatementResult.nested`; print from one of the two.
  public var onNestedResult: (@Sendable (StatementResult) -> Void)?
  /// How deeply `run` may nest.
  public var maximumRunDepth: Int
  /// What `$runid` reads: unique per run, so that ids built from it (`"alice-${runid}"`) do
  /// not meet those of another run against the same server. Decided in `docs/behaviour.md`,
  /// "Run ids".
  public var runId: String

  public init(
    variables: [String: String] = ProcessInfo.processInfo.environment,
    seed: UInt64? = nil,
    workingDirectory: String = FileManager.default.currentDirectoryPath,
    readFile: @escaping @Sendable (String) throws -> String = { path in
      try String(contentsOfFile: path, encoding: .utf8)
    },
    sleep: @escaping @Sendable (Duration) async throws -> Void = { duration in
      try await Task.sleep(for: duration)
    },
    wallClock: @escaping @Sendable () -> Date = { Date() },
    onNestedResult: (@Sendable (StatementResult) -> Void)? = nil,
    maximumRunDepth: Int = 16,
    runId: String = ScriptEnvironment.newRunId()
  ) {
    self.variables = variables
    self.seed = seed
    self.workingDirectory = workingDirectory
    self.readFile = readFile
    self.sleep = sleep
    self.wallClock = wallClock
    self.onNestedResult = onNestedResult
    self.maximumRunDepth = maximumRunDepth
    self.runId = runId
  }

  /// Eight random lowercase hexadecimal digits from the system generator (never from the
  /// seed: two seeded runs against one server must not share ids).
  public static func newRunId() -> String {
    var generator = SystemRandomNumberGenerator()
    let value = generator.next() as UInt32
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }
}
