import Foundation

/// Every failure of the HTTP module that is not an Integration API answer: configuration
/// mistakes (server or client), transport failures (the request never got an answer), and
/// answers that are not what the API promises. API answers with an error status are thrown as
/// `IntegrationError` instead. The description is the message shown to the user.
public enum TalonHTTPError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The base URL cannot be used.
  case invalidURL(String, reason: String)
  /// An application key that is not hex (it must be like `fefecafedeadbeef`).
  case invalidApplicationKey
  /// `--app-key` without `--app-id`, or the reverse.
  case incompleteSigningCredentials
  /// The operation cannot be authenticated with a `Content-Signature` and no API key is set.
  case apiKeyRequired(operation: String)
  /// `talon serve` on a non-loopback address without an explicitly configured API key.
  case publicBindWithoutAPIKey(host: String)
  /// `talon serve --test-control` on a server without an API key.
  case testControlWithoutAPIKey
  /// A server given no application to serve.
  case noApplication
  /// Several applications on one server, one of which has no API key of its own.
  case applicationWithoutOwnKey(id: Int?)
  /// Binding the server's address failed (`errno` of the system call).
  case cannotListen(host: String, port: Int, errno: Int32)
  /// A port outside 0...65535.
  case invalidPort(Int)
  /// Nothing listens at the server's address.
  case connectionRefused(origin: String, attempts: Int)
  /// The host name does not resolve.
  case hostNotFound(origin: String, attempts: Int)
  /// No complete answer within the request timeout.
  case timedOut(origin: String, seconds: Double, attempts: Int)
  /// Any other transport failure (connection reset, TLS, ...).
  case transport(origin: String, message: String, attempts: Int)
  /// A success answer whose body is not the promised type.
  case invalidResponse(status: Int, reason: String)
  /// The client was used after `shutdown()`.
  case clientShutDown

  public var description: String {
    switch self {
    case .invalidURL(let url, let reason):
      return "invalid URL '\(url)': \(reason)"
    case .invalidApplicationKey:
      return "invalid application key: expected hex characters, like fefecafedeadbeef"
    case .incompleteSigningCredentials:
      return "signing needs both --app-id and --app-key"
    case .apiKeyRequired(let operation):
      return
        "\(operation) cannot be authenticated with a Content-Signature (--app-id/--app-key); "
        + "it needs an API key: pass --api-key or set TALON_API_KEY"
    case .publicBindWithoutAPIKey(let host):
      return
        "refusing to listen on \(host) without an API key: a non-loopback address needs an "
        + "explicit key (--api-key or TALON_API_KEY); the demo pack's key does not count"
    case .testControlWithoutAPIKey:
      return
        "--test-control needs an API key (--api-key, --api-key-file or TALON_API_KEY): "
        + "its routes can empty the store"
    case .noApplication:
      return "the server has no application to serve"
    case .applicationWithoutOwnKey(let id):
      return
        "application \(id.map(String.init) ?? "?") needs an apiKey of its own in the campaign file: "
        + "with several applications the API key says which application a request is for"
    case .cannotListen(let host, let port, let errno):
      return Self.listenFailure(host: host, port: port, errno: errno)
    case .invalidPort(let port):
      return "invalid port \(port): expected 0...65535 (0 picks a free port)"
    case .connectionRefused(let origin, let attempts):
      return "connection refused to \(origin): is the URL right?" + Self.tries(attempts)
    case .hostNotFound(let origin, let attempts):
      return "cannot resolve the host of \(origin): is the URL right?" + Self.tries(attempts)
    case .timedOut(let origin, let seconds, let attempts):
      return "no answer from \(origin) within \(Self.format(seconds)) s" + Self.tries(attempts)
    case .transport(let origin, let message, let attempts):
      return "request to \(origin) failed: \(message)" + Self.tries(attempts)
    case .invalidResponse(let status, let reason):
      return "unexpected answer (HTTP \(status)): \(reason)"
    case .clientShutDown:
      return "the HTTP client is shut down"
    }
  }

  /// How many attempts a transport failure took (1 for other errors).
  public var attempts: Int {
    switch self {
    case .connectionRefused(_, let attempts), .hostNotFound(_, let attempts),
      .timedOut(_, _, let attempts), .transport(_, _, let attempts):
      attempts
    default: 1
    }
  }

  private static func listenFailure(host: String, port: Int, errno: Int32) -> String {
    switch errno {
    case EADDRINUSE:
      return
        "cannot listen on \(host):\(port): the port is already in use (another talon serve?); "
        + "stop that program or choose another port (--port N, or --port 0 for a free one)"
    case EACCES:
      return
        "cannot listen on \(host):\(port): permission denied (ports below 1024 need root); "
        + "choose another port with --port"
    case EADDRNOTAVAIL:
      return
        "cannot listen on \(host):\(port): this machine has no such address; "
        + "use --host 127.0.0.1, or an address of this machine"
    default:
      return "cannot listen on \(host):\(port): \(String(cString: strerror(errno)))"
    }
  }

  private static func tries(_ attempts: Int) -> String {
    attempts > 1 ? " (gave up after \(attempts) attempts)" : ""
  }

  private static func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
  }
}
