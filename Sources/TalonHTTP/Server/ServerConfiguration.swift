import Foundation

/// How `talon serve` listens and whom it lets in.
///
/// Authentication (`docs/behaviour.md`, "Authentication"): when neither an API key nor an
/// application key is configured the server is open, which `validate()` allows only on a
/// loopback address. A non-loopback address needs an API key that was configured explicitly
/// (`apiKeyIsExplicit`); the built-in demo pack's key does not count.
public struct ServerConfiguration: Sendable, Hashable {
  /// The address to bind, e.g. `127.0.0.1`, `::1`, `localhost` or `0.0.0.0`.
  public var host: String
  /// The port; 0 picks a free one (the real port is reported once listening).
  public var port: Int
  /// The key of `Authorization: ApiKey-v1 <key>`; nil: API keys are refused.
  public var apiKey: String?
  /// False when `apiKey` is the built-in demo pack's key rather than one the user configured.
  public var apiKeyIsExplicit: Bool
  /// The application id a `Content-Signature` must name as `signer`.
  public var applicationId: Int?
  /// The application key (hex) of `Content-Signature`; nil: signatures are refused.
  public var applicationKey: String?
  /// The largest request body accepted; larger ones get 413. 1 MiB.
  public var maxBodySize: Int
  /// Keep-alive connections idle this long are closed.
  public var idleTimeout: Duration

  public init(
    host: String = "127.0.0.1", port: Int = 9000, apiKey: String? = nil,
    apiKeyIsExplicit: Bool = true, applicationId: Int? = nil, applicationKey: String? = nil,
    maxBodySize: Int = 1 << 20, idleTimeout: Duration = .seconds(60)
  ) {
    self.host = host
    self.port = port
    self.apiKey = apiKey
    self.apiKeyIsExplicit = apiKeyIsExplicit
    self.applicationId = applicationId
    self.applicationKey = applicationKey
    self.maxBodySize = maxBodySize
    self.idleTimeout = idleTimeout
  }

  /// Whether `host` names this machine only (127.0.0.0/8, ::1, localhost).
  public var isLoopback: Bool {
    let name = host.lowercased()
    return name == "localhost" || name == "::1" || name == "[::1]" || name.hasPrefix("127.")
      || name == "0:0:0:0:0:0:0:1"
  }

  /// Throws `TalonHTTPError` for a configuration the server must not run with.
  public func validate() throws {
    guard (0...65535).contains(port) else { throw TalonHTTPError.invalidPort(port) }
    if let applicationKey, ApplicationKey(hex: applicationKey) == nil {
      throw TalonHTTPError.invalidApplicationKey
    }
    if applicationKey != nil && applicationId == nil {
      throw TalonHTTPError.incompleteSigningCredentials
    }
    if !isLoopback && (apiKey == nil || !apiKeyIsExplicit) {
      throw TalonHTTPError.publicBindWithoutAPIKey(host: host)
    }
  }

  /// `http://HOST:PORT` for `port`, with brackets around an IPv6 host.
  func url(port: Int) -> String {
    let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    return "http://\(shown):\(port)"
  }
}
