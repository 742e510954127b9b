import Foundation
import TalonRunner
import Testing

@Suite("talon run: exit statuses and failure reports")
struct ExitCodeTests {
  static let passing = """
    profile update alice tier=gold
    expect $last.customerProfile.attributes.tier == "gold"
    session update s1 items=[{sku: SKU-1, name: Shoe, price: 60, quantity: 1, category: shoes}] \\
      coupons=[SUMMER10]
    expect $last.effects[0].effectType == "acceptCoupon"
    """

  @Test func allPassedIsZeroWithCounts() async throws {
    let harness = RunnerHarness(files: ["a.tw": Self.passing])
    let outcome = await harness.run(RunOptions(files: ["a.tw"]))
    #expect(outcome.exitCode == 0)
    let report = try #require(outcome.report)
    #expect(report.statements == 4)
    #expect(report.expectationsPassed == 2)
    #expect(report.expectationsFailed == 0)
    #expect(harness.calls.count == 2)
    #expect(
      harness.output.contains("passed: 1 file, 4 statements, 2 expectations passed, 0 failed"))
    #expect(harness.output.contains("200 updateCustomerSessionV2 s1: coupon SUMMER10 accepted"))
  }

  @Test func aFailedExpectIsOneWithLocationAndValues() async throws {
    let text = """
      profile update alice tier=gold
      expect $last.customerProfile.attributes.tier == "silver"
      echo "never printed"
      """
    let harness = RunnerHarness(files: ["f.tw": text])
    let outcome = await harness.run(RunOptions(files: ["f.tw"]))
    #expect(outcome.exitCode == 1)
    #expect(
      harness.errors.contains(
        "f.tw:2:8: error: expected $last.customerProfile.attributes.tier == \"silver\", got \"gold\""
      ))
    #expect(
      harness.errors.contains(
        "expect $last.customerProfile.attributes.tier == \"silver\"\n       ^"))
    #expect(!harness.output.contains("never printed"))
    #expect(
      harness.output.contains("FAILED: 1 file, 2 statements, 0 expectations passed, 1 failed"))
  }

  @Test func aParseErrorInAnyFileIsTwoAndNothingRuns() async throws {
    let harness = RunnerHarness(files: ["good.tw": Self.passing, "bad.tw": "let x = 12abc\n"])
    let outcome = await harness.run(RunOptions(files: ["good.tw", "bad.tw", "missing.tw"]))
    #expect(outcome.exitCode == 2)
    #expect(outcome.report == nil)
    #expect(harness.backendsOpened == 0)
    #expect(harness.calls.count == 0)
    #expect(harness.errors.contains("bad.tw:1:9: error: '12abc' is not a number"))
    #expect(harness.errors.contains("missing.tw: error: cannot read the file: no such file"))
  }

  @Test func anAPIErrorIsThree() async throws {
    let text = """
      session update s1 profile=alice
      session update s1 profile=bob
      echo "never printed"
      """
    let harness = RunnerHarness(files: ["api.tw": text])
    let outcome = await harness.run(RunOptions(files: ["api.tw"]))
    #expect(outcome.exitCode == 3)
    #expect(harness.errors.contains("api.tw:2:1: error: UpdateCustomerSessionV2 failed with 409"))
    #expect(!harness.output.contains("never printed"))
  }

  @Test func aRuntimeErrorIsThree() async throws {
    let harness = RunnerHarness(files: ["rt.tw": "profile update alice\nexpect $last.efects == 1\n"]
    )
    let outcome = await harness.run(RunOptions(files: ["rt.tw"]))
    #expect(outcome.exitCode == 3)
    #expect(harness.errors.contains("rt.tw:2:"))
    #expect(harness.errors.contains("no field 'efects' in $last"))
  }

  @Test func everyFileRunsUnlessFailFastAndKeepGoingStaysInTheFile() async throws {
    let files = [
      "one.tw": "expect 1 == 2\nexpect 2 == 2\n",
      "two.tw": "expect 3 == 3\n",
    ]
    let all = RunnerHarness(files: files)
    let ranAll = await all.run(RunOptions(files: ["one.tw", "two.tw"]))
    #expect(ranAll.exitCode == 1)
    #expect(ranAll.report?.files.map(\.ran) == [true, true])
    #expect(ranAll.report?.expectationsPassed == 1)
    #expect(all.output.contains("failures:\n  FAIL one.tw:1:8: expected 1 == 2"))

    let stopping = RunnerHarness(files: files)
    let stopped = await stopping.run(RunOptions(files: ["one.tw", "two.tw"], failFast: true))
    #expect(stopped.exitCode == 1)
    #expect(stopped.report?.files.map(\.ran) == [true, false])
    #expect(stopped.report?.expectationsPassed == 0)
    #expect(stopping.output.contains("1 file not run"))
    #expect(stopping.output.contains("  not run: two.tw"))

    let going = RunnerHarness(files: files)
    let kept = await going.run(RunOptions(files: ["one.tw", "two.tw"], keepGoing: true))
    #expect(kept.exitCode == 1)
    #expect(kept.report?.files.map(\.ran) == [true, true])
    #expect(kept.report?.expectationsPassed == 2)
    #expect(kept.report?.expectationsFailed == 1)
  }

  @Test func anErrorOutranksAFailedExpectWithKeepGoing() async throws {
    let files = ["one.tw": "expect 1 == 2\n", "two.tw": "expect $last.x == 1\n"]
    let harness = RunnerHarness(files: files)
    let outcome = await harness.run(RunOptions(files: ["one.tw", "two.tw"], keepGoing: true))
    #expect(outcome.exitCode == 3)
  }

  @Test func exitStopsEverythingWithItsCode() async throws {
    let harness = RunnerHarness(files: [
      "x.tw": "echo before\nexit 4\necho after\n", "y.tw": "echo y\n",
    ])
    let outcome = await harness.run(RunOptions(files: ["x.tw", "y.tw"]))
    #expect(outcome.exitCode == 4)
    #expect(harness.output.contains("before"))
    #expect(!harness.output.contains("after"))
    #expect(!harness.output.contains("\ny\n"))
  }

  @Test func eachFileGetsAFreshEngine() async throws {
    let text =
      "session update s1 profile=alice\nexpect $last.customerSession.profileId == \"alice\"\n"
    let harness = RunnerHarness(files: [
      "a.tw": text, "b.tw": text.replacingOccurrences(of: "alice", with: "bob"),
    ])
    let outcome = await harness.run(RunOptions(files: ["a.tw", "b.tw"]))
    #expect(outcome.exitCode == 0, "\(harness.errors)")
    #expect(harness.backendsOpened == 2)
  }
}
