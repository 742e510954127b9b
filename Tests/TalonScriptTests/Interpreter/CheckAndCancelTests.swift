import Foundation
import TalonAPI
import Testing

@testable import TalonScript

/// The dry-run reference check, cancellation, and a throughput sanity check.
@Suite struct CheckAndCancelTests {
  @Test func checkReferencesFindsUndefinedVariablesWithoutRunning() throws {
    let program = try Interpreter.parse(
      """
      let a = 1
      echo $a $b
      for x in [1] {
        echo $x "${y}"
      }
      session update | echo $.effects
      echo $.nope $last $args.who $env.HOME
      echo $given
      """, file: "w.tw")
    let problems = Interpreter.checkReferences(in: program, defined: ["given"])
    #expect(
      problems.map(\.rendered) == [
        "w.tw:2:9: error: unknown variable $b: no 'let b = ...' before this line\necho $a $b\n        ^",
        "w.tw:4:14: error: unknown variable $y: no 'let y = ...' before this line\n  echo $x \"${y}\"\n             ^",
        "w.tw:7:6: error: $ is only set on the right side of a pipe ('|')\necho $.nope $last $args.who $env.HOME\n     ^",
      ])
  }

  @Test func cancellingASleepEndsTheStatementAsCancelled() async throws {
    let api = RecordingAPI()
    let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
    let environment = ScriptEnvironment(
      variables: [:],
      sleep: { duration in
        startedContinuation.yield()
        try await Task.sleep(for: duration)
      })
    let interpreter = Interpreter(api: api, environment: environment)
    let task = Task { await interpreter.run(line: "echo before\nsleep 30\nprofile update alice") }
    // Wait until the sleep is under way, then cancel as Ctrl-C in the shell does.
    for await _ in started { break }
    let clock = ContinuousClock()
    let start = clock.now
    task.cancel()
    let run = await task.value
    #expect(clock.now - start < .seconds(5))
    #expect(run.results.count == 1)
    #expect(run.error?.kind == .cancelled)
    #expect(run.error?.location?.line == 2)
    #expect(run.error?.statementText == "sleep 30")
    #expect(run.exitCode == 130)
    #expect(api.calls.isEmpty)
  }

  @Test func tenThousandStatementsRunQuickly() async throws {
    let api = RecordingAPI(validates: false)
    let interpreter = Interpreter(api: api, environment: ScriptEnvironment(variables: [:], seed: 1))
    var lines = ["use profile alice"]
    for index in 0..<2_500 {
      lines.append("cart add sku=S\(index % 7) price=\(index % 13).5")
      lines.append("session update s\(index % 50)")
      lines.append("event track seen n=\(index)")
      lines.append("expect $last.event.type == seen")
    }
    let clock = ContinuousClock()
    let start = clock.now
    let program = try Interpreter.parse(lines.joined(separator: "\n"))
    let parsed = clock.now - start
    let run = await interpreter.execute(program)
    let elapsed = clock.now - start
    #expect(run.error == nil)
    #expect(run.results.count == 10_001)
    #expect(api.calls.count == 5_000)
    // Generous for debug builds on a shared machine; the real target is 5,000/s in release.
    #expect(elapsed < .seconds(30), "took \(elapsed)")
    print("10,001 statements against RecordingAPI: parsed in \(parsed), all done in \(elapsed)")
  }
}
