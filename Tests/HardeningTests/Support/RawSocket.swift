import Foundation
import TalonTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// HTTP/1.1 over a plain socket, byte for byte: for requests that no HTTP client library sends
/// as written (AsyncHTTPClient, for one, turns a path with `%FF` into `/`). One request per
/// connection (`Connection: close`); reads until the server closes, at most `timeout` seconds.
enum RawSocket {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Sends `method target` with the API key and `body`, and returns the answer. The blocking
  /// socket calls run on a thread of their own: blocking one of the few threads of Swift's
  /// cooperative pool could starve the server under test, which runs on the same pool.
  static func exchange(
    port: Int, method: String, target: [UInt8], body: Data = Data(),
    apiKey: String? = LiveKeys.apiKey, timeout: Int = 10
  ) async throws -> RawResponse {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread {
        continuation.resume(
          with: Result {
            try blockingExchange(
              port: port, method: method, target: target, body: body, apiKey: apiKey,
              timeout: timeout)
          })
      }
      thread.start()
    }
  }

  private static func blockingExchange(
    port: Int, method: String, target: [UInt8], body: Data, apiKey: String?, timeout: Int
  ) throws -> RawResponse {
    var head = Array("\(method) ".utf8) + target + Array(" HTTP/1.1\r\n".utf8)
    head += Array("Host: 127.0.0.1:\(port)\r\nConnection: close\r\n".utf8)
    if let apiKey { head += Array("Authorization: ApiKey-v1 \(apiKey)\r\n".utf8) }
    head += Array("Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
    let answer = try roundTrip(port: port, bytes: head + Array(body), timeout: timeout)
    return try parse(answer)
  }

  private static func roundTrip(port: Int, bytes: [UInt8], timeout: Int) throws -> [UInt8] {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw Failure(description: "socket() failed") }
    defer { close(descriptor) }
    var limit = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    let connected = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
    guard connected else { throw Failure(description: "cannot connect to port \(port)") }
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { throw Failure(description: "send failed after \(sent) bytes") }
      sent += count
    }
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count == 0 { break }
      guard count > 0 else {
        throw Failure(description: "no complete answer within \(timeout) s (\(answer.count) bytes)")
      }
      answer += buffer[0..<count]
    }
    return answer
  }

  private static func parse(_ answer: [UInt8]) throws -> RawResponse {
    let separator = Array("\r\n\r\n".utf8)
    guard let end = answer.indices.first(where: { answer[$0...].starts(with: separator) }) else {
      throw Failure(description: "the connection closed without an answer (\(answer.count) bytes)")
    }
    let head = String(decoding: answer[..<end], as: UTF8.self)
    let statusLine = head.split(separator: "\r\n").first ?? ""
    let parts = statusLine.split(separator: " ")
    guard parts.count >= 2, let status = Int(parts[1]) else {
      throw Failure(description: "not an HTTP answer: \(statusLine)")
    }
    return RawResponse(
      status: status, headers: [:], body: Data(answer[(end + separator.count)...]))
  }
}
