import Foundation
import TalonAPI
import TalonHTTP
import TalonTestSupport
import Testing

/// `talon serve --test-control` with the real binaries: its routes, the shell's `clock` and
/// `reset` against it, and `talon run --reset` running the shipped workflows twice against one
/// long-lived server, plus a time-window workflow over HTTP.
@Suite("talon serve --test-control")
struct TestControlTests {
  static let repository = WorkflowTests.repository
  static let key = "control-key-1"

  static func start(_ extra: [String] = []) async throws -> ServeProcess {
    try await ServeProcess.start(
      ["--port", "0", "--memory", "--api-key", key, "--test-control"] + extra)
  }

  @Test func theWorkflowsRunTwiceAgainstOneServerWithReset() async throws {
    let server = try await Self.start(["--seed", "7"])
    let files = WorkflowTests.workflows.map { Self.repository.appending(path: $0).path }
    for round in 1...2 {
      let outcome = try await TalonBinary.run(
        ["run", "--url", server.url, "--api-key", Self.key, "--reset", "--quiet"] + files)
      #expect(
        outcome.status == 0,
        "round \(round): \(outcome.standardOutput)\n\(outcome.standardError)")
      #expect(outcome.standardOutput.contains("passed: \(files.count) files"))
    }
    #expect(try await server.stop() == 0)
  }

  /// FLASH3's 3 uses are counted across every run: only a reset gives them back.
  @Test func withoutResetTheSecondRoundSeesTheFirstOnesData() async throws {
    let server = try await Self.start()
    let file = Self.repository.appending(path: "workflows/05-close-then-cancel.tw").path
    let arguments = ["run", "--url", server.url, "--api-key", Self.key, "--quiet", file]
    #expect(try await TalonBinary.run(arguments).status == 0)
    #expect(try await TalonBinary.run(arguments).status == 1)
    #expect(try await TalonBinary.run(arguments + ["--reset"]).status == 0)
    try await server.stop()
  }

  @Test func theCouponExpiryExampleRunsEmbeddedAndOverHTTP() async throws {
    let file = Self.repository.appending(path: "examples/coupon-expiry.tw").path
    let embedded = try await TalonBinary.run(["run", file])
    #expect(embedded.status == 0, "\(embedded.standardOutput)\n\(embedded.standardError)")
    let server = try await Self.start(["--seed", "7"])
    for round in 1...2 {
      let outcome = try await TalonBinary.run(
        ["run", "--url", server.url, "--api-key", Self.key, "--reset", file])
      #expect(
        outcome.status == 0,
        "round \(round): \(outcome.standardOutput)\n\(outcome.standardError)")
    }
    try await server.stop()
  }

  @Test func aTimeWindowWorkflowRunsOverHTTP() async throws {
    let campaigns = Self.repository.appending(path: "examples/time-rules.json").path
    let server = try await Self.start(["--campaigns", campaigns])
    let outcome = try await TalonBinary.run([
      "run", "--url", server.url, "--api-key", Self.key, "--reset",
      Self.repository.appending(path: "examples/time-rules.tw").path,
    ])
    #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
    try await server.stop()
  }

  @Test func theRoutesNeedTheKeyAndMoveTheClock() async throws {
    let server = try await Self.start(["--clock", "2026-03-01T09:00:00Z"])
    #expect(server.errorText.contains("virtual clock at 2026-03-01T09:00:00Z"))
    let clock = server.url + TestControl.clockPath
    #expect(try await fetch(clock).status == 401)
    #expect(try await fetch(clock, apiKey: "wrong").status == 401)
    let read = try await fetch(clock, apiKey: Self.key)
    #expect(read.status == 200)
    #expect(read.body == #"{"now":"2026-03-01T09:00:00Z"}"#)
    try await withClient(server.url, apiKey: Self.key) { client in
      try await client.advanceClock(by: 3600)
      #expect(try await client.readClock() == RFC3339.date(from: "2026-03-01T10:00:00Z"))
      _ = try await client.updateCustomerProfile(
        integrationId: "ann", body: NewCustomerProfile())
      try await client.resetServer()
      #expect(try await client.readClock() == RFC3339.date(from: "2026-03-01T09:00:00Z"))
      await #expect(throws: IntegrationError.self) {
        _ = try await client.getCustomerInventory(
          integrationId: "ann", profile: nil, referrals: nil)
      }
    }
    try await server.stop()
  }

  @Test func withoutTheFlagTheRoutesAreNotThere() async throws {
    let server = try await ServeProcess.start(["--port", "0", "--memory"])
    let answer = try await fetch(server.url + TestControl.clockPath, apiKey: demoAPIKey)
    #expect(answer.status == 404)
    let shell = try await TalonBinary.run(
      ["--url", server.url, "--api-key", demoAPIKey, "-c", "clock"])
    #expect(shell.status == 3)
    #expect(shell.standardError.contains("has no test control"))
    #expect(shell.standardError.contains("talon serve --test-control"))
    try await server.stop()
  }

  @Test func theShellMovesTheServersClockAndResetsIt() async throws {
    let server = try await Self.start(["--seed", "3"])
    let outcome = try await TalonBinary.run(
      ["--url", server.url, "--api-key", Self.key, "--output", "json"],
      input: """
        clock
        clock advance 1d
        profile update zed
        reset force
        clock
        expect error 404 profile inventory zed

        """)
    #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
    let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.first == #""2020-06-01T12:00:00Z""#)
    #expect(lines.contains(#""2020-06-02T12:00:00Z""#))
    #expect(lines.last(where: { $0.hasPrefix("\"2020") }) == #""2020-06-01T12:00:00Z""#)
    #expect(outcome.standardOutput.contains("is empty"))
    try await server.stop()
  }

  @Test func testControlNeedsAnAPIKey() async throws {
    let folder = try TemporaryFolder()
    let campaigns = folder.path("no-key.json")
    try #"{"application": {"id": 1}, "campaigns": []}"#.write(
      toFile: campaigns, atomically: true, encoding: .utf8)
    let outcome = try await TalonBinary.run(
      ["serve", "--port", "0", "--memory", "--campaigns", campaigns, "--test-control"])
    #expect(outcome.status != 0)
    #expect(outcome.standardError.contains("--test-control needs an API key"))
  }
}
