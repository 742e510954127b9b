import Foundation
import TalonTestSupport
import Testing

/// `talon run --step` (presenter mode) driven in a pseudo-terminal like a presenter at the
/// keyboard, and `--auto` without a terminal.
@Suite("talon run --step: presenter mode, end to end")
struct PresenterModeTests {
  static let keys = "[Enter] next  [b] back  [g N] go to"
  static let environment = ["TERM": "xterm", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"]

  static func presenting(_ arguments: [String] = []) throws -> PseudoTerminal {
    try PseudoTerminal(
      executable: TalonBinary.url,
      arguments: ["run", "--step"] + arguments + [RunCommandTests.fixture("presenter.tw")],
      environment: environment)
  }

  @Test func nextBackSkipAndQuit() async throws {
    let terminal = try Self.presenting()
    try await terminal.waitFor("── step 1 of 3")
    try await terminal.waitFor("Meet Maya")
    try await terminal.waitFor("> profile update $who name=Maya")
    try await terminal.waitFor(Self.keys)
    try terminal.send("x")  // a stray key does nothing
    try terminal.send("\r")
    try await terminal.waitFor("plumbing ran quietly")
    try await terminal.waitFor("── step 2 of 3")
    try await terminal.waitFor(Self.keys)
    try terminal.send("b")
    // Back at step 1 with the store as before it: the profile is created again, so its
    // expect holds.
    try await terminal.waitFor("── step 1 of 3")
    try await terminal.waitFor(Self.keys)
    try terminal.send("\r")
    try await terminal.waitFor("plumbing ran quietly")
    try await terminal.waitFor("── step 2 of 3")
    try await terminal.waitFor(Self.keys)
    try terminal.send("s")
    try await terminal.waitFor("note: skipped step 2")
    try await terminal.waitFor("it reads $order, which skipped step 2 would have set")
    try await terminal.waitFor("── step 3 of 3")
    try await terminal.waitFor(Self.keys)
    try terminal.send("q")
    try await terminal.waitFor("stopped: 1 file")
    #expect(try await terminal.waitForExit() == 0)
    #expect(!terminal.transcript.contains("the demo goes on"))
    #expect(!terminal.transcript.contains("order total"))
    #expect(!terminal.transcript.contains("-> 200"))
  }

  @Test func goToShellAndResume() async throws {
    let terminal = try Self.presenting()
    try await terminal.waitFor(Self.keys)
    try terminal.send("g3\r")
    try await terminal.waitFor("note: ran step 1")
    try await terminal.waitFor("note: ran step 2")
    try await terminal.waitFor("── step 3 of 3")
    try await terminal.waitFor(Self.keys)
    try terminal.send("\r")
    try await terminal.waitFor("Maya's points: ")
    try await terminal.waitFor("── end of the demo (3 steps)")
    try terminal.send("g2\r")
    try await terminal.waitFor("── step 2 of 3")
    try await terminal.waitFor(Self.keys)
    try terminal.send("!")
    try await terminal.waitFor("talon embedded maya> ")
    try terminal.send("echo \"shell sees ${who}\"\r")
    try await terminal.waitFor("shell sees maya")
    // A "what if" in the shell: the order made and paid before the demo gets there.
    try terminal.send("session update maya-1 profile=maya\r")
    try await terminal.waitFor("talon embedded maya/maya-1> ")
    try terminal.send("session close maya-1\r")
    try await terminal.waitFor("talon embedded maya/maya-1> ")
    try terminal.send("exit\r")
    try await terminal.waitFor("note: back in the demo, where it was")
    try await terminal.waitFor("── step 2 of 3")
    try await terminal.waitFor(Self.keys)
    try terminal.send("\r")
    try await terminal.waitFor("order total 200")
    try await terminal.waitFor(Self.keys)
    // The session the shell closed is not there: the demo makes and closes it as before.
    try terminal.send("\r")
    try await terminal.waitFor("Maya's points: ")
    try await terminal.waitFor("── end of the demo")
    try terminal.send("v")
    try await terminal.waitFor("\"customerSession\"")
    try terminal.send("\r")
    try await terminal.waitFor("passed: 1 file")
    #expect(try await terminal.waitForExit() == 0)
    #expect(!terminal.transcript.contains("the demo goes on"))
  }

  @Test func autoRunsToTheEndWithoutATerminal() async throws {
    let outcome = try await TalonBinary.run(
      ["run", "--auto", "0.1", RunCommandTests.fixture("presenter.tw")])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("── step 3 of 3"))
    #expect(outcome.standardOutput.contains("── end of the demo (3 steps)"))
    #expect(outcome.standardOutput.contains("  Meet Maya\n"))
    #expect(outcome.standardOutput.contains("  She signs up: a new profile.\n"))
    #expect(outcome.standardOutput.contains("  She pays and earns points\n"))
    #expect(!outcome.standardOutput.contains("[Enter]"))
  }

  @Test func autoPresentsTheShippedDemoToTheEnd() async throws {
    let demo = WorkflowTests.repository.appending(path: "examples/demo.tw").path
    let outcome = try await TalonBinary.run(["run", "--auto", "0.1", demo])
    #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("── step 1 of "))
    #expect(outcome.standardOutput.contains("── end of the demo"))
    #expect(!outcome.standardOutput.contains("note: "))
  }

  @Test func presenterModesExcludeEachOther() async throws {
    let both = try await TalonBinary.run(
      ["run", "--step", "--auto", "1", RunCommandTests.fixture("presenter.tw")])
    #expect(both.status == 2)
    #expect(both.standardError.contains("--step, --step-all and --auto exclude each other"))
  }
}
