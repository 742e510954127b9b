import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TalonAPI

/// The remote side of `talon serve --test-control` (`docs/behaviour.md`, "Test control"): the
/// client is a `BackendClock` and can reset the server when the server offers those routes.
/// Whether it does is found out by the first call that needs them and remembered; against
/// a server without them (`talon serve` without the flag, a Talon.One deployment) `clock` and
/// `reset` fail with ``TestControlUnavailable``, and `now()` reads this machine's clock.
extension HTTPIntegrationClient: BackendClock {
  public func now() async -> Date {
    (try? await readClock()) ?? Date()
  }

  public func readClock() async throws -> Date {
    try Self.clockTime(try await control("GET", TestControl.clockPath, body: nil))
  }

  public func setClock(to date: Date) async throws {
    let body = #"{"now":"\#(RFC3339.string(from: date))"}"#
    _ = try await control("PUT", TestControl.clockPath, body: Data(body.utf8))
  }

  public func advanceClock(by seconds: TimeInterval) async throws {
    let body = #"{"seconds":\#(seconds)}"#
    _ = try await control("POST", TestControl.advancePath, body: Data(body.utf8))
  }

  /// Empties the server's store and restarts its clock and random source.
  public func resetServer() async throws {
    _ = try await control("POST", TestControl.resetPath, body: nil)
  }

  /// One test-control request: the success answer's body; `TestControlUnavailable` when the
  /// server does not know the route, `IntegrationError` for another error answer.
  private func control(_ method: String, _ path: String, body: Data?) async throws -> Data {
    if testControlAvailable.withLock({ $0 }) == false {
      throw TestControlUnavailable(url: configuration.url)
    }
    let (status, answer) = try await rawExchange(method, path, body: body)
    if status == 404 || status == 405 {
      testControlAvailable.withLock { $0 = false }
      throw TestControlUnavailable(url: configuration.url)
    }
    testControlAvailable.withLock { $0 = true }
    guard (200..<300).contains(status) else {
      if let response = try? WireCoding.decode(ErrorResponse.self, from: answer) {
        throw IntegrationError(status: status, response: response)
      }
      throw IntegrationError(status: status, message: "HTTP \(status) from \(base.origin)\(path)")
    }
    return answer
  }

  private static func clockTime(_ answer: Data) throws -> Date {
    guard case .object(let members) = try JSONValue(parsing: answer),
      case .string(let text) = members["now"], let date = RFC3339.date(from: text)
    else {
      throw TalonHTTPError.invalidResponse(status: 200, reason: "the clock's answer has no time")
    }
    return date
  }

  /// Checks that the server lets this client in, with a cheap authenticated read: today's
  /// `GET /v1/integration/campaigns?pageSize=1`, or, where a server does not have that route,
  /// the 2020 `GET /v1/coupon_reservations/customerprofiles/{id}` (a 404 for an unknown
  /// profile still means the key was accepted). Throws `IntegrationError` 401/403 for a refused
  /// key and `TalonHTTPError` when the server cannot be reached.
  public func verifyAccess() async throws {
    var (status, answer) = try await rawExchange(
      "GET", "/v1/integration/campaigns?pageSize=1", body: nil)
    if status == 404 || status == 405 {
      (status, answer) = try await rawExchange(
        "GET", "/v1/coupon_reservations/customerprofiles/talon-connect-check", body: nil)
      if status == 404 { return }
    }
    if (200..<300).contains(status) { return }
    if let response = try? WireCoding.decode(ErrorResponse.self, from: answer) {
      throw IntegrationError(status: status, response: response)
    }
    throw IntegrationError(status: status, message: "HTTP \(status) from \(base.origin)")
  }

  /// One request outside the operation catalogue (path under the base URL's path), with the
  /// API key when there is one; the status and body of any answer. Transport failures become
  /// `TalonHTTPError`, as for operations.
  private func rawExchange(_ method: String, _ path: String, body: Data?) async throws -> (
    Int, Data
  ) {
    var headers: [(String, String)] = [
      ("Accept", "application/json"), ("User-Agent", "talon/\(TalonVersion.current)"),
    ]
    if body != nil { headers.append(("Content-Type", "application/json")) }
    if let apiKey = configuration.apiKey {
      headers.append(("Authorization", "ApiKey-v1 \(apiKey)"))
    }
    let target = base.pathPrefix + path
    trace?.request(
      method: method, target: target, host: base.hostHeader, headers: headers, body: body)
    do {
      let request = try HTTPClient.Request(
        url: base.origin + target, method: HTTPMethod(rawValue: method),
        headers: HTTPHeaders(headers), body: body.map { .bytes($0) })
      let task = http.execute(
        request: request,
        delegate: ResponseAccumulator(request: request, maxBodySize: Self.maxResponseSize),
        deadline: .now() + configuration.timeout.timeAmount)
      let response = try await withTaskCancellationHandler {
        try await task.futureResult.get()
      } onCancel: {
        task.cancel()
      }
      let data = response.body.map { Data($0.readableBytesView) } ?? Data()
      trace?.response(
        status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
        body: data)
      return (Int(response.status.code), data)
    } catch {
      if Task.isCancelled { throw CancellationError() }
      let (failure, _) = TransportFailure.classify(
        error, origin: base.origin, timeout: configuration.timeout, attempts: 1)
      throw failure
    }
  }
}

/// A `clock` statement or `reset` against a server that has no test control.
public struct TestControlUnavailable: Error, CustomStringConvertible, Sendable {
  public var url: String

  public var description: String {
    "\(url) has no test control, so its clock cannot be read or moved and it cannot be reset: "
      + "start it with `talon serve --test-control` (a Talon.One deployment has none)"
  }
}
