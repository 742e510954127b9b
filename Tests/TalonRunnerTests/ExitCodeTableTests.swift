import Foundation
import Synchronization
import TalonRunner
import Testing

/// Every kind of failure at every depth gives its exit status, and over several files the
/// most severe wins (130 > 3 > 2 > 1).
@Suite("talon run: exit statuses at every depth")
struct ExitCodeTableTests {
  /// A kind of failure: the statements that cause it and the status it must give.
  enum Kind: String, CaseIterable, Sendable {
    case expect, parse, api, runtime

    var statements: String {
      switch self {
      case .expect: "expect 1 == 2"
      case .parse: "let x = 12abc"
      case .api: "session update s1 profile=alice\nsession update s1 profile=bob"
      case .runtime: "let x = {a: 1}\necho $x.b"
      }
    }

    var status: Int32 {
      switch self {
      case .expect: 1
      case .parse: 2
      case .api, .runtime: 3
      }
    }
  }

  /// Where the failing statements stand.
  enum Depth: String, CaseIterable, Sendable {
    /// In the file given to `talon run`.
    case topLevel
    /// In a loop's block.
    case inABlock
    /// In a script the file runs.
    case inARunScript
    /// In a script run by a script run from a loop.
    case twoRunsDownFromALoop

    /// The files, the first being the one to run.
    func files(with statements: String) -> [(String, String)] {
      let indented = statements.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
      switch self {
      case .topLevel: return [("top.tw", "echo before\n\(statements)\necho after\n")]
      case .inABlock:
        return [("top.tw", "for i in [1, 2] {\n\(indented)\n}\necho after\n")]
      case .inARunScript:
        return [("top.tw", "run b.tw\necho after\n"), ("b.tw", statements + "\n")]
      case .twoRunsDownFromALoop:
        return [
          ("top.tw", "for i in [1] {\n  run lib/b.tw who=$i\n}\necho after\n"),
          ("lib/b.tw", "run c.tw\n"), ("lib/c.tw", statements + "\n"),
        ]
      }
    }
  }

  @Test(arguments: Kind.allCases, Depth.allCases)
  func eachKindAtEachDepth(_ kind: Kind, _ depth: Depth) async throws {
    let files = depth.files(with: kind.statements)
    let harness = RunnerHarness(files: Dictionary(uniqueKeysWithValues: files))
    let outcome = await harness.run(RunOptions(files: ["top.tw"]))
    #expect(outcome.exitCode == kind.status, "\(harness.output)\n\(harness.errors)")
    #expect(!harness.output.contains("\nafter\n"))
    #expect(harness.output.contains("FAILED") || outcome.report == nil)
  }

  @Test func theMostSevereFailureWins() async throws {
    let files = [
      "expect.tw": Kind.expect.statements, "parse.tw": "run bad.tw\n", "bad.tw": "let x = 12abc\n",
      "api.tw": Kind.api.statements, "ok.tw": "expect 1 == 1\n",
    ]
    let orders: [([String], Int32)] = [
      (["expect.tw", "ok.tw"], 1),
      (["expect.tw", "parse.tw"], 2),
      (["parse.tw", "expect.tw"], 2),
      (["parse.tw", "api.tw", "expect.tw"], 3),
      (["api.tw", "parse.tw"], 3),
    ]
    for (names, status) in orders {
      let harness = RunnerHarness(files: files)
      let outcome = await harness.run(RunOptions(files: names))
      #expect(outcome.exitCode == status, "\(names)")
      #expect(outcome.report?.files.allSatisfy(\.ran) == true)
    }
  }

  /// Ctrl-C (the run's task cancelled) while a statement waits, at every depth: 130, the file
  /// marked interrupted, the next file not run.
  @Test(arguments: Depth.allCases)
  func cancellingIsOneHundredThirty(_ depth: Depth) async throws {
    let files = depth.files(with: "profile update started\nsleep 30")
    let harness = RunnerHarness(files: Dictionary(uniqueKeysWithValues: files + [("z.tw", "")]))
    let finished = Mutex(false)
    let task = Task {
      let outcome = await harness.run(RunOptions(files: ["top.tw", "z.tw"]))
      finished.withLock { $0 = true }
      return outcome
    }
    // Results inside blocks and scripts print when their top-level statement ends: wait for
    // the API call instead (or for the run to end early, which the next line reports). The
    // whole suite runs in parallel on two cores, so the bound is generous.
    let deadline = ContinuousClock.now + .seconds(90)
    while harness.calls.count == 0 && !finished.withLock({ $0 }) && ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(5))
    }
    try #require(
      harness.calls.count == 1, "no API call started\n\(harness.output)\n\(harness.errors)")
    task.cancel()
    let outcome = await task.value
    #expect(outcome.exitCode == 130)
    let report = try #require(outcome.report)
    #expect(report.interrupted)
    #expect(report.files.map(\.interrupted) == [true, false])
    #expect(report.files.map(\.ran) == [true, false])
    #expect(harness.output.contains("interrupted: "))
  }
}
