import TalonAPI

/// A backend as the shell sees it: the API, the name the prompt shows, the secret to keep out
/// of history and recordings, and what only the embedded engine can do (reset, freshness).
/// The `talon` executable makes these (TalonShell knows neither the engine nor HTTP).
public struct ShellBackend: Sendable {
  /// The Integration API calls go here.
  public var api: any IntegrationAPI
  /// `embedded`, or the host of a remote server.
  public var name: String
  /// The API key in use, if any: never recorded in history or recordings.
  public var apiKey: String?
  /// Empties the store (the embedded engine, or a remote `talon serve --test-control`).
  public var reset: (@Sendable () async throws -> Void)?
  /// Whether the store holds no profile, session or event yet (the embedded engine).
  public var isFresh: (@Sendable () async throws -> Bool)?
  /// What a recording's header says about the backend, e.g. `embedded (memory)` or the URL.
  public var description: String
  /// The campaign pack's name, for a recording's header (embedded only).
  public var campaignPack: String?
  /// The campaign file the embedded engine loaded (absolute), nil for the built-in demo shop
  /// or a remote server.
  public var campaignFile: String?
  /// The SHA-256 (lowercase hex) of the loaded campaign text (embedded only).
  public var campaignsSHA256: String?
  /// The application's id when the campaign files describe several (a recording's header
  /// names it); nil when it is the only one.
  public var application: String?
  /// The seed of the random source and clock, if any.
  public var seed: UInt64?
  /// Coupon codes the backend is known to have (the campaign pack's), offered by completion
  /// besides the codes seen in the shell.
  public var couponCodes: [String]
  /// Reads the campaign file again and runs it (the embedded engine started with
  /// `--campaigns`): answers what was loaded and the pack's coupon codes, or throws why the
  /// file was refused (the old pack stays).
  public var reload: (@Sendable () async throws -> ShellReload)?
  /// Whether this is the embedded engine.
  public var isEmbedded: Bool
  /// Whether the embedded engine's clock is virtual (`--seed` or `--clock`): it moves only
  /// with `clock`, so a recording writes where it stands.
  public var virtualClock: Bool
  /// Releases the backend (closes the store, shuts the HTTP client down).
  public var shutdown: @Sendable () async -> Void

  public init(
    api: any IntegrationAPI, name: String, apiKey: String? = nil,
    reset: (@Sendable () async throws -> Void)? = nil,
    isFresh: (@Sendable () async throws -> Bool)? = nil, description: String? = nil,
    campaignPack: String? = nil, campaignFile: String? = nil, campaignsSHA256: String? = nil,
    seed: UInt64? = nil, couponCodes: [String] = [], isEmbedded: Bool? = nil,
    virtualClock: Bool? = nil, reload: (@Sendable () async throws -> ShellReload)? = nil,
    shutdown: @escaping @Sendable () async -> Void = {}, application: String? = nil
  ) {
    self.application = application
    self.reload = reload
    self.isEmbedded = isEmbedded ?? (reset != nil)
    self.virtualClock = virtualClock ?? (seed != nil)
    self.api = api
    self.name = name
    self.apiKey = apiKey
    self.reset = reset
    self.isFresh = isFresh
    self.description = description ?? name
    self.campaignPack = campaignPack
    self.campaignFile = campaignFile
    self.campaignsSHA256 = campaignsSHA256
    self.seed = seed
    self.couponCodes = couponCodes
    self.shutdown = shutdown
  }
}

/// What `reload` loaded: a line to show, the new pack's coupon codes (for completion) and digest.
public struct ShellReload: Sendable {
  public var summary: String
  public var couponCodes: [String]
  /// The new pack's digest, for the header of recordings started after the reload.
  public var campaignsSHA256: String?

  public init(summary: String, couponCodes: [String], campaignsSHA256: String? = nil) {
    self.summary = summary
    self.couponCodes = couponCodes
    self.campaignsSHA256 = campaignsSHA256
  }
}

/// Where `connect` goes: the embedded engine, or a remote server with an optional key.
public enum ConnectTarget: Sendable, Equatable {
  case embedded
  case remote(url: String, apiKey: String?)
}

/// Opens the backend `connect` asks for; the `talon` executable supplies it.
public typealias BackendFactory = @Sendable (ConnectTarget) async throws -> ShellBackend
