import Foundation
import TalonAPI
import Testing

@testable import TalonScript

/// `expect error STATUS ["TEXT"] COMMAND`: passes on the expected error status (and text),
/// fails as an expectation otherwise, and leaves the error in `$last`.
@Suite struct ExpectErrorTests {
  /// A failure without an answer, as the HTTP client's transport errors are.
  struct ConnectionRefused: Error, CustomStringConvertible {
    var description: String { "connection refused" }
  }

  static let gone = IntegrationError.notFound("profile paul not found", parameter: "integrationId")
  static let closed = IntegrationError.conflict(
    "session s1 is closed; only cancelling it is allowed", pointer: "/customerSession/state")

  @Test func theExpectedStatusPassesAndLastIsTheError() async throws {
    let harness = Harness()
    harness.api.queueFailure(Self.gone)
    let results = await harness.ok("expect error 404 profile inventory paul profile=true")
    let result = try #require(results.last)
    guard case .expectation(let text) = result.kind else {
      Issue.record("expect error gives an expectation result, not \(result.kind)")
      return
    }
    #expect(text == "error 404 profile inventory paul profile=true")
    #expect(result.apiCalls.isEmpty)
    #expect(harness.api.lastCall?.operation == .getCustomerInventory)
    #expect(harness.api.lastCall?.path == "paul")
    #expect(await harness.value("$last.status") == 404)
    #expect(await harness.value("$last.message") == "profile paul not found")
    #expect(await harness.value("$last.errors[0].title") == "not found")
    #expect(await harness.value("$last.errors[0].details") == "profile paul not found")
    #expect(await harness.value("$last.errors[0].source.parameter") == "integrationId")
    let last = await harness.interpreter.last
    #expect(result.value == last)
  }

  @Test func errorsIsAlwaysAnArray() async throws {
    let harness = Harness()
    harness.api.queueFailure(IntegrationError(status: 401, message: "unauthorized"))
    await harness.ok("expect error 401 coupon holders C1")
    #expect(
      await harness.value("$last") == ["status": 401, "message": "unauthorized", "errors": []])
  }

  @Test func theTextMustBeInTheMessageATitleOrDetails() async throws {
    let harness = Harness()
    harness.api.queueFailure(Self.closed)
    await harness.ok("expect error 409 \"is closed\" session update s1 profile=alice")
    harness.api.queueFailure(Self.closed)
    await harness.ok("expect error 409 'conflict' session update s1")
    harness.api.queueFailure(Self.closed)
    await harness.ok("let want = \"cancelling\"\nexpect error 409 $want session update s1")
    harness.api.queueFailure(Self.closed)
    let error = try #require(
      await harness.failure("expect error 409 \"is open\" session update s1"))
    #expect(error.kind == .expectFailed)
    #expect(
      error.message
        == "expected error 409 containing \"is open\", got 409: session s1 is closed; only cancelling it is allowed"
    )
  }

  @Test func aSuccessFailsTheExpectationAndKeepsItsResult() async throws {
    let harness = Harness()
    let error = try #require(await harness.failure("expect error 404 profile inventory alice"))
    #expect(error.kind == .expectFailed)
    #expect(error.exitCode == 1)
    #expect(error.message == "expected error 404, got 200 (success)")
    #expect(
      error.rendered == """
        <input>:1:8: error: expected error 404, got 200 (success)
        expect error 404 profile inventory alice
               ^
        """)
    #expect(await harness.value("$last") == [:])
    _ = await harness.failure("expect error 404 coupon holders C1")
    #expect(await harness.value("$last.data[0].integrationId") == "alice")
    let deleted = try #require(await harness.failure("expect error 404 profile delete-data bob"))
    #expect(deleted.message == "expected error 404, got 204 (success)")
  }

  @Test func anotherStatusFailsTheExpectationAndLeavesLast() async throws {
    let harness = Harness()
    await harness.ok("coupon holders C1")
    harness.api.queueFailure(Self.closed)
    let error = try #require(await harness.failure("expect error 404 session update s1"))
    #expect(error.kind == .expectFailed)
    #expect(error.exitCode == 1)
    #expect(
      error.message
        == "expected error 404, got 409: session s1 is closed; only cancelling it is allowed")
    #expect(error.location?.column == 8)
    #expect(error.statementText == "expect error 404 session update s1")
    #expect(await harness.value("$last.totalResultSize") == 1)
  }

  @Test func transportAndRuntimeFailuresStayErrors() async throws {
    let harness = Harness()
    harness.api.queueTransportFailure(ConnectionRefused())
    let transport = try #require(await harness.failure("expect error 404 profile inventory paul"))
    #expect(transport.kind == .api)
    #expect(transport.exitCode == 3)
    #expect(transport.message == "GetCustomerInventory failed: connection refused")
    let noSession = try #require(await harness.failure("expect error 404 session close"))
    #expect(noSession.kind == .runtime)
    #expect(noSession.exitCode == 3)
    harness.api.queueFailure(Self.gone)
    let notText = try #require(
      await harness.failure("let n = 3\nexpect error 404 $n coupon holders X"))
    #expect(notText.kind == .runtime)
    #expect(notText.message == "the text of 'expect error' must be a string, not number")
  }

  @Test func worksInBlocksAndScripts() async throws {
    let harness = Harness(files: [
      "/work/scripts/gone.tw": "expect error 404 coupon holders $args.code\n"
    ])
    harness.api.queueFailure(Self.gone)
    harness.api.queueFailure(Self.gone)
    let results = await harness.ok(
      """
      repeat 2 {
        expect error 404 profile inventory paul
      }
      """)
    #expect(results.last?.nested.count == 2)
    harness.api.queueFailure(Self.gone)
    await harness.ok("run gone.tw code=NOPE")
    #expect(harness.api.lastCall?.path == "NOPE")
    #expect(await harness.value("$last.status") == 404)
  }

  @Test func theDryRunChecksTheTextAndTheCommand() throws {
    let program = try Interpreter.parse(
      "expect error 409 $why coupon reserve C1 $who\nlet why = x\nexpect error 409 $why coupon holders C1",
      file: "d.tw")
    let problems = Interpreter.checkReferences(in: program)
    #expect(
      problems.map(\.message) == [
        "unknown variable $why: no 'let why = ...' before this line",
        "unknown variable $who: no 'let who = ...' before this line",
      ])
    #expect(problems.map { $0.location?.column } == [18, 41])
  }

  @Test func theWordErrorAfterExpectAlwaysStartsTheForm() async throws {
    let harness = Harness()
    await harness.ok("expect \"error\"")
    let error = try #require(await harness.failure("expect error == \"error\""))
    #expect(error.kind == .parse)
  }
}
