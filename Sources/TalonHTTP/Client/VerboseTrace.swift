import Foundation

/// Prints each request and answer of the HTTP client the way `curl -v` does: `> ` lines for
/// the request line and headers, `< ` lines for the status line and headers, `* ` lines for
/// connection notes (failures, retries), each followed by the body text. The API key in
/// `Authorization` is masked (`ApiKey-v1 ****`); signatures are not secret and shown as sent.
struct VerboseTrace: Sendable {
  let sink: @Sendable (String) -> Void

  func request(
    method: String, target: String, host: String, headers: [(String, String)], body: Data?
  ) {
    var lines = ["> \(method) \(target) HTTP/1.1", "> Host: \(host)"]
    for (name, value) in headers {
      lines.append("> \(name): \(Self.masked(name: name, value: value))")
    }
    lines.append(">")
    if let body, !body.isEmpty { lines.append(Self.text(body)) }
    sink(lines.joined(separator: "\n"))
  }

  func response(status: Int, headers: [(String, String)], body: Data) {
    var lines = ["< HTTP/1.1 \(status) \(Self.reason(status))"]
    for (name, value) in headers { lines.append("< \(name): \(value)") }
    lines.append("<")
    if !body.isEmpty { lines.append(Self.text(body)) }
    sink(lines.joined(separator: "\n"))
  }

  func note(_ text: String) {
    sink("* " + text)
  }

  /// The header value as shown: API keys masked.
  static func masked(name: String, value: String) -> String {
    guard name.lowercased() == "authorization" else { return value }
    let parts = value.split(separator: " ", maxSplits: 1)
    return parts.count == 2 ? "\(parts[0]) ****" : "****"
  }

  private static func text(_ body: Data) -> String {
    String(decoding: body, as: UTF8.self)
  }

  static func reason(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 201: "Created"
    case 204: "No Content"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 409: "Conflict"
    case 413: "Content Too Large"
    case 500: "Internal Server Error"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    default: ""
    }
  }
}
