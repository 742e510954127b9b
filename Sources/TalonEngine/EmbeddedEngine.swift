import Foundation
import Synchronization
import TalonAPI

/// The embedded Integration API: the catalogue's operations against a SQLite store, the campaigns of a
/// `CampaignPack` and the Talang rule engine, in process.
///
/// Every operation is one transaction, all of its changes or none, run on the engine's own
/// thread (`executor`) one after the other; callers wait suspended, never holding a thread. Errors are
/// `IntegrationError`s (400 with a pointer, 404, 409) that an HTTP server passes on unchanged.
/// The clock is the engine's (`BackendClock`): virtual with a seed, real plus any advance without.
///
/// An engine serves one application. The engines of several applications share one store, one
/// thread and one queue of calls (`open(_:applications:)`); each reads and writes only its
/// application's rows, and has its own clock and random source (`docs/behaviour.md`, "Several
/// applications").
public final class EmbeddedEngine: IntegrationAPI, BackendClock, Sendable {
  /// The campaigns this engine runs: the pack it opened with, or the last one `reload` gave.
  public var campaigns: CampaignPack { pack.withLock { $0 } }
  private let pack: Mutex<CampaignPack>
  private let core: EngineCore
  private var store: any EngineStorage { core.store }
  /// The application whose data this engine reads and writes in its store.
  public let applicationId: Int
  private let runtime: EngineRuntime
  /// Whether the store is shared with other instances: then the clock, the random source and
  /// the pack's hash live in it (`SharedState`), read at the start of every transaction.
  private let isShared: Bool
  /// The SHA-256 of `campaigns` (kept for a shared store).
  private let packSHA256: Mutex<String>
  /// The thread every call runs on, one at a time (see `perform`), shared by the engines of
  /// one store.
  public var executor: EngineExecutor { core.executor }
  private var gate: AsyncGate { core.gate }

  public convenience init(configuration: EngineConfiguration) throws {
    try self.init(configuration: configuration, core: EngineCore(configuration))
  }

  private init(configuration: EngineConfiguration, core: EngineCore) throws {
    pack = Mutex(configuration.campaigns)
    runtime = EngineRuntime(seed: configuration.seed, clockStart: configuration.clockStart)
    let pack = configuration.campaigns
    applicationId = pack.application.id
    self.core = core
    isShared = core.store.isShared
    packSHA256 = Mutex(isShared ? pack.sha256 : "")
    let runtime = runtime
    let isShared = isShared
    let adopt = configuration.adoptCampaigns
    try core.store.writeSync(application: applicationId) { transaction in
      if isShared {
        try Self.join(transaction, runtime: runtime, sha256: pack.sha256, adopt: adopt)
      }
      try Self.syncCoupons(pack, transaction)
    }
  }

  /// Starting on a shared store: the first instance records its pack's hash, clock and random
  /// source as the database's; a later one takes the database's clock and random source, and
  /// is refused when its pack is another (unless it adopts its pack as the database's).
  private static func join(
    _ store: StoreTransaction, runtime: EngineRuntime, sha256: String, adopt: Bool
  ) throws {
    guard var state = try SharedState.read(store) else {
      try SharedState(campaignsSHA256: sha256, runtime: runtime.snapshot()).write(store)
      return
    }
    runtime.load(state.runtime)
    if state.campaignsSHA256 != sha256 {
      guard adopt else {
        throw SharedState.otherCampaigns(database: state.campaignsSHA256, instance: sha256)
      }
      state.campaignsSHA256 = sha256
      try state.write(store)
    }
  }

  /// At the start of a transaction on a shared store: the database's clock and random source
  /// become the runtime's, and an instance whose pack is no longer the database's is refused.
  private func enterShared(_ store: StoreTransaction) throws -> SharedState {
    let sha256 = packSHA256.withLock { $0 }
    guard let state = try SharedState.read(store) else {
      let state = SharedState(campaignsSHA256: sha256, runtime: runtime.snapshot())
      try state.write(store)
      return state
    }
    guard state.campaignsSHA256 == sha256 else {
      throw SharedState.otherCampaigns(database: state.campaignsSHA256, instance: sha256)
    }
    runtime.load(state.runtime)
    return state
  }

  /// One engine per pack of `applications`, all on the store `configuration` names (whose
  /// own pack is ignored): one file opened once, one thread, one call at a time; each engine
  /// with its own clock and random source started as `configuration` says.
  public static func open(
    _ configuration: EngineConfiguration, applications: [CampaignPack]
  ) throws -> [EmbeddedEngine] {
    guard let first = applications.first else { return [] }
    var shared = configuration
    shared.campaigns = first
    let core = try EngineCore(shared)
    return try applications.map { pack in
      var own = configuration
      own.campaigns = pack
      return try EmbeddedEngine(configuration: own, core: core)
    }
  }

  /// The file's coupons enter the store (new ones at usage 0; known ones keep their counters).
  private static func syncCoupons(_ pack: CampaignPack, _ store: StoreTransaction) throws {
    for campaign in pack.campaigns {
      for coupon in campaign.coupons { try store.syncFileCoupon(coupon) }
    }
  }

  /// Runs `body` in one transaction on the engine's thread, after the calls that came before.
  ///
  /// Decided here: the caller's task moves to `executor` (no hop when it already runs there,
  /// as the runner's and the shell's do) and waits, suspended, at the gate while another call
  /// is inside; the transaction itself is short and CPU-bound (well under a millisecond), so it
  /// runs synchronously there. Only when another process holds the file's write lock may it
  /// wait, up to the busy timeout, and then it holds the engine's thread, not one of the pool's.
  private func perform<T: Sendable>(
    commit: Bool = true, _ body: (StoreTransaction) throws -> T
  ) async throws -> T {
    try await withTaskExecutorPreference(executor) {
      await gate.enter()
      defer { gate.leave() }
      guard isShared else {
        return try store.writeSync(application: applicationId, commit: commit, body)
      }
      return try store.writeSync(application: applicationId, commit: commit) { store in
        let before = try enterShared(store)
        let result = try body(store)
        let after = SharedState(
          campaignsSHA256: packSHA256.withLock { $0 }, runtime: runtime.snapshot())
        if after != before { try after.write(store) }
        return result
      }
    }
  }

  /// Runs `body` on the engine's thread after the calls that came before, outside any
  /// transaction (a snapshot copies or replaces the whole database).
  func exclusively<T: Sendable>(_ body: (any EngineStorage, EngineRuntime) throws -> T) async throws
    -> T
  {
    try await withTaskExecutorPreference(executor) {
      await gate.enter()
      defer { gate.leave() }
      return try body(store, runtime)
    }
  }

  /// `perform` with an operation's context. A dry run (`dry`) works on a copy of the runtime
  /// whose clock stands at `now` (the engine's clock when nil) and is rolled back.
  func performOperation<T: Sendable>(
    dry: Bool = false, now: Date? = nil, _ body: (OperationContext) throws -> T
  ) async throws -> T {
    let pack = campaigns
    let runtime = runtime
    return try await perform(commit: !dry) { store in
      var context: OperationContext
      if dry {
        let instant = now ?? runtime.now()
        context = OperationContext(
          store: store, pack: pack, runtime: runtime.dryRunCopy(at: instant), now: instant)
        context.isDry = true
      } else {
        context = OperationContext(store: store, pack: pack, runtime: runtime, now: runtime.now())
      }
      return try body(context)
    }
  }

  /// Empties the store (profiles, sessions, events, codes, ledgers, counters); the campaign
  /// file's coupons are loaded again at usage 0. The clock and the seeded random source go
  /// back to where they started, so what follows runs as on a new engine.
  public func reset() async throws {
    let pack = campaigns
    let runtime = runtime
    try await perform { store in
      try store.deleteEverything()
      try Self.syncCoupons(pack, store)
      runtime.restart()
    }
  }

  /// Runs `pack` from now on (a campaign file read again): its new coupons enter the store, known
  /// ones keep their counters, and calls after this one see the new campaigns; a call already
  /// running finishes with the old ones. Profiles, sessions and ledgers stay.
  public func reload(_ newPack: CampaignPack) async throws {
    try await perform { store in
      try Self.syncCoupons(newPack, store)
      pack.withLock { $0 = newPack }
      if isShared { packSHA256.withLock { $0 = newPack.sha256 } }
    }
  }

  /// True when the store holds no profile, session or event.
  public func isFresh() async throws -> Bool {
    try await perform { store in try store.isFresh() }
  }

  /// Closes the store; later operations fail.
  public func close() {
    try? store.close()
  }

  // MARK: IntegrationAPI

  public func send<Request, Answer>(
    _ operation: APIOperation<Request, Answer>, _ arguments: OperationArguments, body: Request
  ) async throws -> APIAnswer<Answer> {
    guard let implementation = OperationTable.implementation(of: operation) else {
      throw IntegrationError(
        status: 501, message: "\(operation.operation.sdkName) is not implemented by talon")
    }
    let expected = operation.operation.pathParameters.count
    guard arguments.path.count == expected else {
      throw IntegrationError(
        status: 400,
        message:
          "\(operation.operation.sdkName) takes \(expected) path parameters, not \(arguments.path.count)"
      )
    }
    let dry = Self.isDryRun(operation.operation, arguments)
    let now = dry ? arguments.query["now"]?.dateTime : nil
    return APIAnswer(
      try await performOperation(dry: dry, now: now) { context in
        try implementation.run(context, arguments, body)
      })
  }

  /// True when `operation` declares a `dry` query parameter and the call sets it.
  /// (`docs/behaviour.md`, "Dry runs": `now` counts only in a dry run.)
  static func isDryRun(_ operation: IntegrationOperation, _ arguments: OperationArguments) -> Bool {
    operation.queryParameters.contains { $0.name == "dry" } && arguments.query["dry"]?.bool == true
  }

  /// Calls are cheapest from the engine's own thread.
  public var preferredTaskExecutor: (any TaskExecutor)? { executor }

  // MARK: BackendClock

  /// On a shared store, the database's clock (this instance's last view of it while the
  /// database cannot be reached).
  public func now() async -> Date {
    let runtime = runtime
    if isShared, let now = try? await perform({ _ in runtime.now() }) { return now }
    return runtime.now()
  }

  public func setClock(to date: Date) async throws {
    let runtime = runtime
    guard isShared else { return runtime.set(to: date) }
    try await perform { _ in runtime.set(to: date) }
  }

  /// Moves the clock forward; a negative amount is a 400.
  public func advanceClock(by seconds: TimeInterval) async throws {
    guard seconds >= 0, seconds.isFinite else {
      throw IntegrationError.badRequest(
        "the clock only moves forward", title: "type", parameter: "seconds")
    }
    let runtime = runtime
    guard isShared else { return runtime.advance(by: seconds) }
    try await perform { _ in runtime.advance(by: seconds) }
  }
}

extension EmbeddedEngine {
  /// The stored session (for tests and diagnostics; not part of the Integration API).
  func storedSession(_ id: String) async throws -> StoredSession? {
    try await perform { store in try store.session(id) }
  }
}

extension EmbeddedEngine {
  /// Saves a profile, then fails: proves that a failed operation leaves nothing behind (tests).
  func saveProfileThenFail(_ id: String) async throws {
    try await performOperation({ context in
      try context.store.save(StoredProfile(integrationId: id, now: context.now))
      throw IntegrationError.conflict("failing on purpose after a write")
    })
  }
}

extension EmbeddedEngine {
  /// Runs `body` inside a transaction that changes nothing, as an operation would run (tests of
  /// the engine's execution).
  func probeTransaction<T: Sendable>(_ body: () -> T) async throws -> T {
    try await perform { _ in body() }
  }
}

/// What the engines of one store share: the store, the thread their calls run on and the gate
/// that lets one call in at a time.
final class EngineCore: Sendable {
  let store: any EngineStorage
  let executor = EngineExecutor(name: "talon-engine")
  let gate = AsyncGate()

  /// Opens the store (`configuration.storage`, else the SQLite store of `store`); rows from
  /// before applications had their own data go to the pack's first application.
  init(_ configuration: EngineConfiguration) throws {
    let legacy = configuration.campaigns.legacyApplicationId
    store =
      try configuration.storage?(legacy)
      ?? EngineStore(location: configuration.store, legacyApplication: legacy)
  }

  deinit {
    executor.stop()
  }
}
