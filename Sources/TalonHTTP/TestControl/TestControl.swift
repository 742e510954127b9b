import Foundation
import TalonAPI

/// What `talon serve --test-control` lets a test do to the engine behind the API: put it back
/// to its start (an empty store, the clock and the seeded random source as they began) and read,
/// set and advance its clock. The routes live outside Talon.One's paths, under
/// ``pathPrefix`` (`docs/behaviour.md`, "Test control").
public struct TestControl: Sendable {
  /// Empties the store and restarts the clock and the random source.
  public var reset: @Sendable () async throws -> Void
  /// The engine's clock.
  public var clock: any BackendClock

  public init(reset: @escaping @Sendable () async throws -> Void, clock: any BackendClock) {
    self.reset = reset
    self.clock = clock
  }

  /// Where the family of routes starts.
  public static let pathPrefix = "/talon/test"
  /// `POST`: resets the engine; answers 204.
  public static let resetPath = pathPrefix + "/reset"
  /// `GET` reads the clock, `PUT {"now": TIME}` sets it; both answer `{"now": TIME}`.
  public static let clockPath = pathPrefix + "/clock"
  /// `POST {"seconds": N}`: moves the clock forward; answers `{"now": TIME}`.
  public static let advancePath = pathPrefix + "/clock/advance"
}

/// One route of the test-control family.
enum TestControlRoute: Equatable, Sendable {
  case reset
  case readClock
  case setClock
  case advanceClock

  /// The routes as (method, path, route).
  static let all: [(String, String, TestControlRoute)] = [
    ("POST", TestControl.resetPath, .reset),
    ("GET", TestControl.clockPath, .readClock),
    ("PUT", TestControl.clockPath, .setClock),
    ("POST", TestControl.advancePath, .advanceClock),
  ]
}

extension TestControl {
  /// Carries out `route` with the request `body`: the answer's status and JSON body (nil for
  /// 204). A bad body is an `IntegrationError` 400 that names the JSON pointer.
  func perform(_ route: TestControlRoute, body: [UInt8]) async throws -> (Int, Data?) {
    switch route {
    case .reset:
      try await reset()
      return (204, nil)
    case .readClock:
      return (200, await Self.clockAnswer(clock))
    case .setClock:
      let text = try Self.member("now", of: body, pointer: "/now")
      guard case .string(let value) = text, let date = RFC3339.date(from: value) else {
        throw IntegrationError.badRequest(
          "now must be an RFC 3339 time, like 2020-06-01T12:00:00Z", title: "type",
          pointer: "/now")
      }
      try await clock.setClock(to: date)
      return (200, await Self.clockAnswer(clock))
    case .advanceClock:
      let value = try Self.member("seconds", of: body, pointer: "/seconds")
      guard case .number(let number) = value, number >= 0 else {
        throw IntegrationError.badRequest(
          "seconds must be a number of seconds, 0 or more", title: "type", pointer: "/seconds")
      }
      try await clock.advanceClock(by: NSDecimalNumber(decimal: number).doubleValue)
      return (200, await Self.clockAnswer(clock))
    }
  }

  /// `{"now":"..."}` with the clock's time.
  static func clockAnswer(_ clock: any BackendClock) async -> Data {
    let now = RFC3339.string(from: await clock.now())
    return Data(#"{"now":"\#(now)"}"#.utf8)
  }

  /// The member `name` of the body's object; a 400 when the body is not JSON, not an object
  /// or lacks it.
  static func member(_ name: String, of body: [UInt8], pointer: String) throws -> JSONValue {
    let json: JSONValue
    do {
      json = try JSONValue(parsing: Data(body))
    } catch {
      throw IntegrationError.badRequest("invalid JSON: \(error)", title: "invalid JSON")
    }
    guard case .object(let members) = json else {
      throw IntegrationError.badRequest(
        "the body must be a JSON object", title: "type", pointer: "")
    }
    guard let value = members[name], value != .null else {
      throw IntegrationError.badRequest("\(name) is required", title: "required", pointer: pointer)
    }
    return value
  }
}
