import Foundation
import Synchronization
import TalonAPI
import Testing

@testable import TalonHTTP

/// The test-control routes without I/O: present only with the flag, and what each does with
/// its body (`docs/behaviour.md`, "Test control").
@Suite("Test control routes")
struct TestControlRouteTests {
  /// A clock that starts at 2020-06-01T12:00:00Z and counts resets.
  final class FakeClock: BackendClock {
    let time = Mutex(Date(timeIntervalSince1970: 1_591_012_800))
    let resets = Mutex(0)
    func now() async -> Date { time.withLock { $0 } }
    func setClock(to date: Date) async throws { time.withLock { $0 = date } }
    func advanceClock(by seconds: TimeInterval) async throws {
      time.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
  }

  func control(_ clock: FakeClock) -> TestControl {
    TestControl(reset: { clock.resets.withLock { $0 += 1 } }, clock: clock)
  }

  @Test func theRoutesExistOnlyWithTestControl() {
    let plain = RouteTable()
    let controlled = RouteTable(testControl: true)
    for (method, path, route) in TestControlRoute.all {
      #expect(plain.resolve(method: method, path: path) == .notFound)
      #expect(controlled.resolve(method: method, path: path) == .testControl(route))
    }
    #expect(
      controlled.resolve(method: "DELETE", path: TestControl.clockPath)
        == .methodNotAllowed(allowed: ["GET", "PUT"]))
  }

  @Test func clockRoutesReadSetAndAdvance() async throws {
    let clock = FakeClock()
    let control = control(clock)
    let read = try await control.perform(.readClock, body: [])
    #expect(read.0 == 200)
    #expect(
      read.1.map { String(decoding: $0, as: UTF8.self) } == #"{"now":"2020-06-01T12:00:00Z"}"#)
    let set = try await control.perform(
      .setClock, body: Array(#"{"now": "2026-03-01T09:00:00Z"}"#.utf8))
    #expect(set.1.map { String(decoding: $0, as: UTF8.self) } == #"{"now":"2026-03-01T09:00:00Z"}"#)
    let advanced = try await control.perform(.advanceClock, body: Array(#"{"seconds": 90}"#.utf8))
    #expect(
      advanced.1.map { String(decoding: $0, as: UTF8.self) } == #"{"now":"2026-03-01T09:01:30Z"}"#)
    let reset = try await control.perform(.reset, body: [])
    #expect(reset.0 == 204)
    #expect(reset.1 == nil)
    #expect(clock.resets.withLock { $0 } == 1)
  }

  @Test(arguments: [
    (TestControlRoute.setClock, #"{"now": "soon"}"#, "/now"),
    (.setClock, #"{}"#, "/now"),
    (.advanceClock, #"{"seconds": -1}"#, "/seconds"),
    (.advanceClock, #"{"seconds": "1d"}"#, "/seconds"),
  ])
  func badBodiesAre400WithThePointer(_ route: TestControlRoute, _ body: String, _ pointer: String)
    async throws
  {
    let control = control(FakeClock())
    do {
      _ = try await control.perform(route, body: Array(body.utf8))
      Issue.record("\(body) was accepted")
    } catch let error as IntegrationError {
      #expect(error.status == 400)
      #expect(error.response.errors?.first?.source.pointer == pointer)
    }
  }

  @Test func theKeyIsRequiredAndASignatureDoesNotDo() {
    let keyed = RequestAuthenticator(
      configuration: ServerConfiguration(
        apiKey: "k-1", applicationId: 1, applicationKey: "fefecafedeadbeef"))
    #expect(keyed.checkKey(authorization: "ApiKey-v1 k-1") == nil)
    #expect(keyed.checkKey(authorization: "ApiKey-v1 k-2")?.status == 401)
    #expect(keyed.checkKey(authorization: nil)?.status == 401)
    let open = RequestAuthenticator(configuration: ServerConfiguration())
    #expect(open.checkKey(authorization: "ApiKey-v1 anything")?.status == 401)
  }
}
