import Foundation
import TalonTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("talon run, end to end")
struct RunCommandTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appending(path: "Fixtures")

  static func fixture(_ name: String) -> String { fixtures.appending(path: name).path }

  @Test func passingIsZero() async throws {
    let outcome = try await TalonBinary.run(["run", Self.fixture("pass.tw")])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(
      outcome.standardOutput.contains(
        "passed: 1 file, 2 statements, 1 expectation passed, 0 failed"))
  }

  @Test func aFailedExpectIsOneWithTheReport() async throws {
    let outcome = try await TalonBinary.run(["run", Self.fixture("expect-fail.tw")])
    #expect(outcome.status == 1)
    #expect(
      outcome.standardError.contains(
        "expect-fail.tw:3:8: error: alice should be silver: expected $last.customerProfile.attributes.tier == \"silver\", got \"gold\""
      ), "\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("FAILED: 1 file"))
  }

  @Test func aParseErrorIsTwoAndNothingRuns() async throws {
    let outcome = try await TalonBinary.run(
      ["run", Self.fixture("pass.tw"), Self.fixture("parse-error.tw")])
    #expect(outcome.status == 2)
    #expect(outcome.standardError.contains("parse-error.tw:3:13: error: '12abc' is not a number"))
    #expect(!outcome.standardOutput.contains("pass.tw"))
  }

  @Test func aBadOptionValueIsTwo() async throws {
    let outcome = try await TalonBinary.run(["run", "--var", "novalue", Self.fixture("pass.tw")])
    #expect(outcome.status == 2)
    #expect(outcome.standardError.contains("--var needs KEY=VALUE"))
    let report = try await TalonBinary.run([
      "run", "--report", "xml=r.xml", Self.fixture("pass.tw"),
    ])
    #expect(report.status == 2)
    #expect(report.standardError.contains("--report needs junit=FILE"))
  }

  @Test func anAPIErrorIsThree() async throws {
    let outcome = try await TalonBinary.run(["run", Self.fixture("api-error.tw")])
    #expect(outcome.status == 3)
    #expect(
      outcome.standardError.contains(
        "api-error.tw:3:1: error: UpdateCustomerSessionV2 failed with 409"))
  }

  @Test func varsReachArgs() async throws {
    let outcome = try await TalonBinary.run(
      ["run", "--var", "who=alice", "--var", "visits=3", Self.fixture("args.tw")])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("hello alice\n"))
  }

  @Test func dryRunCallsNothing() async throws {
    let refusing = "http://127.0.0.1:\(try Self.refusedPort())"
    let real = try await TalonBinary.run([
      "run", "--url", refusing, "--api-key", "k", Self.fixture("raw-event.tw"),
    ])
    #expect(real.status == 3, "the URL must refuse connections: \(real.standardError)")
    let dry = try await TalonBinary.run(
      [
        "run", "--dry-run", "--url", refusing, "--api-key", "k", Self.fixture("raw-event.tw"),
        Self.fixture("api-error.tw"),
      ])
    #expect(dry.status == 0, "\(dry.standardError)")
    #expect(
      dry.standardOutput.contains("dry run: 2 files, 3 statements, references ok, nothing called"))
  }

  @Test func junitReportParsesAndLocatesTheFailure() async throws {
    let report = FileManager.default.temporaryDirectory.appending(
      path: "talon-junit-\(UUID().uuidString).xml")
    defer { try? FileManager.default.removeItem(at: report) }
    let outcome = try await TalonBinary.run(
      [
        "run", "--keep-going", "--report", "junit=\(report.path)", Self.fixture("pass.tw"),
        Self.fixture("expect-fail.tw"), Self.fixture("api-error.tw"),
      ])
    #expect(outcome.status == 3)
    let document = try XMLDocument(contentsOf: report)
    let cases = try document.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
    #expect(cases.count == 3)
    let failure = try #require(cases[1].elements(forName: "failure").first)
    #expect(
      failure.attribute(forName: "message")?.stringValue?.contains(
        "expect-fail.tw:3:8: alice should be silver") == true)
    let error = try #require(cases[2].elements(forName: "error").first)
    #expect(
      error.attribute(forName: "message")?.stringValue?.contains(
        "api-error.tw:3:1: UpdateCustomerSessionV2 failed with 409") == true)
  }

  @Test func stepModeInATerminal() async throws {
    let terminal = try PseudoTerminal(
      executable: TalonBinary.url, arguments: ["run", "--step-all", Self.fixture("step.tw")],
      environment: ["TERM": "xterm", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"])
    let prompt = "[Enter] run  [s] skip  [!] shell  [q] quit "
    try await terminal.waitFor("echo (\"A\" + \"1\")")
    try await terminal.waitFor(prompt)
    try terminal.send("\r")
    try await terminal.waitFor("A1\r\n")
    try await terminal.waitFor(prompt)
    try terminal.send("s")
    try await terminal.waitFor("skipped")
    try await terminal.waitFor(prompt)
    try terminal.send("\r")
    try await terminal.waitFor("C3\r\n")
    try await terminal.waitFor(prompt)
    try terminal.send("q")
    try await terminal.waitFor("stopped: 1 file, 2 statements")
    #expect(try await terminal.waitForExit() == 0)
    #expect(!terminal.transcript.contains("B2"))
    #expect(!terminal.transcript.contains("D4"))
  }

  @Test func verboseAndOutputReachTheRunnerDespiteTheShellsOptionsOfTheSameNames() async throws {
    let json = try await TalonBinary.run(
      ["run", "--verbose", "--output", "json", "--seed", "1", Self.fixture("pass.tw")])
    #expect(json.status == 0)
    #expect(json.standardOutput.contains("\n      {\"event\":{\"applicationId\":1,"))
    let pretty = try await TalonBinary.run([
      "run", "--output=pretty", "-v", Self.fixture("pass.tw"),
    ])
    #expect(pretty.standardOutput.contains("\n      {\n        \"event\": {\n"))
    let normal = try await TalonBinary.run(["run", "--var", "x=--verbose", Self.fixture("pass.tw")])
    #expect(!normal.standardOutput.contains("\"event\""))
    let both = try await TalonBinary.run(["run", "--quiet", "--verbose", Self.fixture("pass.tw")])
    #expect(both.status == 2)
  }

  @Test func aProgressLineShowsOnATerminalWhileALongWorkflowRuns() async throws {
    let terminal = try PseudoTerminal(
      executable: TalonBinary.url, arguments: ["run", Self.fixture("slow.tw")],
      environment: ["TERM": "xterm", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"])
    try await terminal.waitFor("talon run: \(Self.fixture("slow.tw")): ")
    try await terminal.waitFor("passed: 1 file, 17 statements, 1 expectation passed")
    #expect(try await terminal.waitForExit() == 0)
  }

  /// A loopback port nothing listens on: bound, then closed again.
  static func refusedPort() throws -> Int {
    let reserved = try ReservedPort()
    reserved.release()
    return reserved.port
  }
}
