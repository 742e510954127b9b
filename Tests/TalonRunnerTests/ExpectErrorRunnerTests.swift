import Foundation
import TalonRunner
import Testing

/// `expect error` under `talon run`, against the real in-memory engine: a passing one counts
/// as an expectation, a failing one exits 1 with its location, `--dry-run` and `--step` see it.
@Suite("talon run: expect error")
struct ExpectErrorRunnerTests {
  static let deletion = """
    profile update paul name=Paul
    profile delete-data paul
    expect error 404 profile inventory paul
    expect $last.status == 404
    expect error 404 "not found" coupon holders NO-SUCH-CODE
    """

  @Test func aPassingExpectErrorCountsAsAnExpectation() async throws {
    let harness = RunnerHarness(files: ["e.tw": Self.deletion])
    let outcome = await harness.run(RunOptions(files: ["e.tw"]))
    #expect(outcome.exitCode == 0, "\(harness.errors)")
    let report = try #require(outcome.report)
    #expect(report.expectationsPassed == 3)
    #expect(report.expectationsFailed == 0)
    #expect(harness.calls.count == 4)
    #expect(
      harness.output.contains(
        "expect error 404 profile inventory paul  -> ok, got 404: customer profile paul not found"))
  }

  @Test func anExpectErrorOnASuccessIsOneWithLocation() async throws {
    let text = """
      profile update alice
      expect error 404 profile inventory alice
      echo "never printed"
      """
    let harness = RunnerHarness(files: ["f.tw": text])
    let outcome = await harness.run(RunOptions(files: ["f.tw"]))
    #expect(outcome.exitCode == 1)
    #expect(harness.errors.contains("f.tw:2:8: error: expected error 404, got 200 (success)"))
    #expect(harness.errors.contains("expect error 404 profile inventory alice\n       ^"))
    #expect(!harness.output.contains("never printed"))
    #expect(outcome.report?.expectationsFailed == 1)
  }

  @Test func anExpectErrorWithAnotherStatusIsOne() async throws {
    let text = """
      session update s1 profile=alice
      session close s1
      expect error 404 session update s1 state=open
      """
    let harness = RunnerHarness(files: ["g.tw": text])
    let outcome = await harness.run(RunOptions(files: ["g.tw"]))
    #expect(outcome.exitCode == 1)
    #expect(harness.errors.contains("g.tw:3:8: error: expected error 404, got 409: "))
  }

  @Test func aMalformedExpectErrorIsAParseErrorAndNothingRuns() async throws {
    let harness = RunnerHarness(files: [
      "p.tw": "profile update a\nexpect error 200 profile inventory a\n"
    ])
    let outcome = await harness.run(RunOptions(files: ["p.tw"]))
    #expect(outcome.exitCode == 2)
    #expect(harness.calls.count == 0)
    #expect(harness.errors.contains("p.tw:2:14: error: '200' is not an HTTP error status"))
  }

  @Test func dryRunChecksWithoutCalling() async throws {
    let text = "expect error 404 profile inventory $who\n"
    let harness = RunnerHarness(files: ["d.tw": text, "ok.tw": Self.deletion])
    let outcome = await harness.run(RunOptions(files: ["d.tw"], dryRun: true))
    #expect(outcome.exitCode == 2)
    #expect(harness.errors.contains("d.tw:1:36: error: unknown variable $who"))
    let clean = await harness.run(RunOptions(files: ["ok.tw"], dryRun: true))
    #expect(clean.exitCode == 0)
    #expect(harness.calls.count == 0)
    #expect(harness.backendsOpened == 0)
  }

  @Test func stepModeRunsAnExpectError() async throws {
    let harness = RunnerHarness(files: ["s.tw": Self.deletion])
    let input = ScriptedStepInput([.run, .run, .run, .run, .run])
    let outcome = await harness.run(RunOptions(files: ["s.tw"], step: true), stepInput: input)
    #expect(outcome.exitCode == 0, "\(harness.errors)")
    #expect(input.prompts == 5)
    #expect(outcome.report?.expectationsPassed == 3)
  }
}
