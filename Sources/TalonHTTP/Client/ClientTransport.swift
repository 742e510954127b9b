import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import TalonAPI

/// One step of the client's retry loop, given to the retry observer (tests wait on it).
package struct RetryEvent: Sendable {
  /// The attempt that failed (1-based).
  package var failedAttempt: Int
  /// Why it failed: a transport error, or the 502/503/504 status.
  package var reason: String
}

/// The base URL split into what requests need: the origin (`https://host:port`, named in
/// transport errors) and the path prefix.
struct BaseURL: Sendable, Hashable {
  var origin: String
  var hostHeader: String
  var pathPrefix: String
  /// Whether the scheme is `https`.
  var isSecure: Bool
  /// The host (an IPv6 address without brackets) and port to connect to.
  var host: String
  var port: Int

  init(_ text: String) throws {
    guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased()
    else { throw TalonHTTPError.invalidURL(text, reason: "not a URL") }
    guard scheme == "http" || scheme == "https" else {
      throw TalonHTTPError.invalidURL(text, reason: "the scheme must be http or https")
    }
    guard let host = components.host, !host.isEmpty else {
      throw TalonHTTPError.invalidURL(text, reason: "the host is missing")
    }
    guard components.query == nil, components.fragment == nil else {
      throw TalonHTTPError.invalidURL(text, reason: "a base URL takes no query or fragment")
    }
    let port = components.port ?? (scheme == "https" ? 443 : 80)
    let shownHost = host.contains(":") ? "[\(host)]" : host
    origin = "\(scheme)://\(shownHost):\(port)"
    hostHeader = components.port == nil ? shownHost : "\(shownHost):\(port)"
    var prefix = components.percentEncodedPath
    while prefix.hasSuffix("/") { prefix.removeLast() }
    pathPrefix = prefix
    isSecure = scheme == "https"
    self.host = host
    self.port = port
  }

  /// The request target (path and query) of `operation`: its path parameters encoded in path
  /// order, then the query parameters given, in the catalogue's order (an array repeats its
  /// key once per element, or joins them with commas when the parameter is not exploded).
  func target(_ operation: IntegrationOperation, _ arguments: OperationArguments) -> String {
    var target = pathPrefix
    if arguments.path.isEmpty {
      target += operation.pathTemplate
    } else {
      target += operation.path(with: arguments.path.map(Self.percentEncoded))
    }
    guard !arguments.query.isEmpty else { return target }
    var separator = "?"
    for parameter in operation.queryParameters {
      guard let value = arguments.query[parameter.name] else { continue }
      let texts =
        parameter.explode ? value.wireTexts : [value.wireTexts.joined(separator: ",")]
      for text in texts {
        target += separator + Self.percentEncoded(parameter.name) + "=" + Self.percentEncoded(text)
        separator = "&"
      }
    }
    return target
  }

  /// Every byte but RFC 3986's unreserved characters percent-encoded (so `/`, `?`, `#`, `%` and
  /// spaces in an id stay inside its path segment).
  static func percentEncoded(_ text: String) -> String {
    // Most ids need no encoding: they are returned as they are.
    if text.utf8.allSatisfy(isUnreserved) { return text }
    var result = ""
    for byte in text.utf8 {
      if isUnreserved(byte) {
        result.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        result += String(format: "%%%02X", byte)
      }
    }
    return result
  }

  private static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: "~"):
      true
    default:
      false
    }
  }
}

/// Maps what AsyncHTTPClient and NIO throw to `TalonHTTPError`, and says which failures a retry
/// may cure (the connection never carried the request, or broke).
enum TransportFailure {
  static func classify(_ error: any Error, origin: String, timeout: Duration, attempts: Int)
    -> (error: TalonHTTPError, retryable: Bool)
  {
    let seconds =
      Double(timeout.components.seconds)
      + Double(timeout.components.attoseconds) / 1e18
    if let error = error as? HTTPClientError {
      switch error {
      case .alreadyShutdown: return (.clientShutDown, false)
      case .deadlineExceeded, .readTimeout, .writeTimeout:
        return (.timedOut(origin: origin, seconds: seconds, attempts: attempts), false)
      case .connectTimeout:
        return (
          .transport(origin: origin, message: "connecting timed out", attempts: attempts), true
        )
      case .remoteConnectionClosed:
        return (
          .transport(
            origin: origin, message: "the server closed the connection", attempts: attempts), true
        )
      default:
        return (.transport(origin: origin, message: "\(error)", attempts: attempts), false)
      }
    }
    if let error = error as? NIOConnectionError {
      let refused = error.connectionErrors.contains { isRefused($0.error) }
      if refused { return (.connectionRefused(origin: origin, attempts: attempts), true) }
      if error.connectionErrors.isEmpty {
        return (.hostNotFound(origin: origin, attempts: attempts), false)
      }
    }
    if isRefused(error) { return (.connectionRefused(origin: origin, attempts: attempts), true) }
    if let error = error as? IOError {
      return (.transport(origin: origin, message: error.description, attempts: attempts), true)
    }
    if error is ChannelError {
      return (.transport(origin: origin, message: "\(error)", attempts: attempts), true)
    }
    return (.transport(origin: origin, message: "\(error)", attempts: attempts), false)
  }

  private static func isRefused(_ error: any Error) -> Bool {
    if let error = error as? IOError { return error.errnoCode == ECONNREFUSED }
    return "\(error)".localizedCaseInsensitiveContains("connection refused")
  }
}

extension Duration {
  /// The duration in milliseconds, with fractions.
  var milliseconds: Double {
    Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
  }

  /// The duration as NIO's `TimeAmount`.
  var timeAmount: TimeAmount {
    .nanoseconds(components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000)
  }
}
