import Foundation

/// Where the shell and the workflow runner send Integration API calls when not to the embedded
/// engine: `--url`, `--api-key` (or `TALON_URL`, `TALON_API_KEY`), `--app-id`/`--app-key` (or
/// `TALON_APP_KEY`) for `Content-Signature` signing, the request timeout, retries and verbose tracing.
public struct RemoteConfiguration: Sendable, Hashable {
  /// The deployment's base URL, e.g. `https://mystore.talon.one` or `http://127.0.0.1:9000/`
  /// (a trailing slash is fine; a path prefix is kept).
  public var url: String
  /// The key of `Authorization: ApiKey-v1 <key>`; takes precedence over signing.
  public var apiKey: String?
  /// The application id that signs (`signer=`), with `appKey`.
  public var appId: Int?
  /// The application key (hex) that signs requests, with `appId`.
  public var appKey: String?
  /// The time one attempt may take, from connecting to the last byte of the answer.
  public var timeout: Duration
  /// Print each request and answer like `curl -v`, with the API key masked.
  public var verbose: Bool
  /// How often and how patiently idempotent requests are retried.
  public var retry: RetryPolicy

  public init(
    url: String, apiKey: String? = nil, appId: Int? = nil, appKey: String? = nil,
    timeout: Duration = .seconds(30), verbose: Bool = false, retry: RetryPolicy = RetryPolicy()
  ) {
    self.url = url
    self.apiKey = apiKey
    self.appId = appId
    self.appKey = appKey
    self.timeout = timeout
    self.verbose = verbose
    self.retry = retry
  }

  /// The environment variable of the base URL.
  public static let urlVariable = "TALON_URL"
  /// The environment variable of the API key.
  public static let apiKeyVariable = "TALON_API_KEY"
  /// The environment variable of the application key; used only with an application id.
  public static let appKeyVariable = "TALON_APP_KEY"

  /// The remote configuration from flags and the environment (flags win), or nil when neither
  /// gives a URL: then the embedded engine is used. Empty values count as absent. The
  /// environment's application key is taken only when `appId` is given, so that an exported
  /// `TALON_APP_KEY` never turns an API-key setup into half a signing setup.
  public static func resolve(
    url: String?, apiKey: String?, appId: Int? = nil, appKey: String? = nil,
    timeout: Duration = .seconds(30), verbose: Bool = false, retry: RetryPolicy = RetryPolicy(),
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> RemoteConfiguration? {
    func present(_ value: String?) -> String? {
      guard let value, !value.isEmpty else { return nil }
      return value
    }
    guard let chosenURL = present(url) ?? present(environment[urlVariable]) else { return nil }
    return RemoteConfiguration(
      url: chosenURL, apiKey: present(apiKey) ?? present(environment[apiKeyVariable]),
      appId: appId,
      appKey: present(appKey) ?? (appId == nil ? nil : present(environment[appKeyVariable])),
      timeout: timeout, verbose: verbose, retry: retry)
  }
}

/// Retries of idempotent requests (PUT, GET, DELETE; never POST) after a connection failure or
/// a 502/503/504 answer, waiting `initialDelay`, then twice as long each time, at most
/// `maximumDelay`. No jitter, so runs are reproducible (decided here).
public struct RetryPolicy: Sendable, Hashable {
  /// Attempts in all, at least 1 (1: no retry).
  public var attempts: Int
  public var initialDelay: Duration
  public var maximumDelay: Duration

  public init(
    attempts: Int = 3, initialDelay: Duration = .milliseconds(200),
    maximumDelay: Duration = .seconds(5)
  ) {
    self.attempts = max(1, attempts)
    self.initialDelay = initialDelay
    self.maximumDelay = maximumDelay
  }

  /// The pause after failed attempt `attempt` (1-based).
  public func delay(after attempt: Int) -> Duration {
    var delay = initialDelay
    for _ in 1..<max(1, attempt) {
      delay = delay * 2
      if delay >= maximumDelay { return maximumDelay }
    }
    return min(delay, maximumDelay)
  }

  /// The answer statuses that are retried: the gateway's, not the API's.
  public static let retriedStatuses: Set<Int> = [502, 503, 504]
}
