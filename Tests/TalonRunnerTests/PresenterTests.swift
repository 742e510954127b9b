import Foundation
import Synchronization
import TalonAPI
import TalonRunner
import Testing

/// Presenter mode in process, against real in-memory engines, with the keys given in advance.
@Suite("talon run --step: presenter mode")
struct PresenterTests {
  /// Three API commands (the stops) with plumbing around them; the coupon can be redeemed once,
  /// so running step 3 twice without a restore would fail its expect.
  static let demo = """
    let who = "maya"
    echo "prelude ran"
    profile update $who name=Maya
    expect $last.event.type == "customer_profile_created"
    let order = session update maya-1 profile=maya items=[{sku: SHOE-1, name: Shoe, price: 200, quantity: 1}]
    let total = $order.customerSession.total
    echo "total ${total}"
    session close maya-1
    expect $last.customerSession.state == "closed"
    echo "closed"
    """

  static func presenter(_ files: [String]) -> RunOptions {
    var options = RunOptions(files: files)
    options.presenter = true
    return options
  }

  @Test func stopsOnlyAtAPICommandsAndShowsNoWireLines() async throws {
    let harness = RunnerHarness(files: ["d.tw": Self.demo])
    let input = ScriptedStepInput([.run, .run, .run, .run])
    let outcome = await harness.run(Self.presenter(["d.tw"]), stepInput: input)
    #expect(outcome.exitCode == 0, "\(harness.output)\(harness.errors)")
    #expect(input.prompts == 4)
    let output = harness.output
    #expect(output.contains("── step 1 of 3 · d.tw:3"))
    #expect(output.contains("── step 3 of 3 · d.tw:8"))
    #expect(output.contains("\nprelude ran\n"))
    #expect(output.contains("\ntotal 200\n"))
    #expect(output.contains("── end of the demo (3 steps)"))
    #expect(!output.contains("-> 200"))
    #expect(!output.contains("updateCustomerSessionV2"))
    #expect(output.components(separatedBy: "session close maya-1").count == 2)
    #expect(output.contains("passed: 1 file"))
  }

  @Test func backRestoresTheEngineAndTheVariables() async throws {
    let harness = RunnerHarness(files: ["d.tw": Self.demo])
    let input = ScriptedStepInput([.run, .run, .run, .back, .back, .run, .run, .run])
    let outcome = await harness.run(Self.presenter(["d.tw"]), stepInput: input)
    #expect(outcome.exitCode == 0, "\(harness.output)\(harness.errors)")
    let output = harness.output
    #expect(!output.contains("the demo goes on"), "\(output)")
    #expect(output.components(separatedBy: "\ntotal 200\n").count == 3)
    #expect(output.components(separatedBy: "\nclosed\n").count == 3)
    #expect(output.contains("passed: 1 file, 10 statements, 2 expectations passed, 0 failed"))
  }

  @Test func goToRunsOrRestoresWhatLiesBetween() async throws {
    let harness = RunnerHarness(files: ["d.tw": Self.demo])
    let input = ScriptedStepInput([.goTo(3), .run, .goTo(1), .run, .goTo(9), .quit])
    let outcome = await harness.run(Self.presenter(["d.tw"]), stepInput: input)
    #expect(outcome.exitCode == 0, "\(harness.output)\(harness.errors)")
    let output = harness.output
    #expect(output.contains("note: ran step 1: profile update $who name=Maya"))
    #expect(output.contains("note: ran step 2: let order = session update"))
    #expect(output.contains("\nclosed\n"))
    #expect(output.contains("note: no step 9: the steps are 1 to 3"))
    #expect(!output.contains("the demo goes on"), "\(output)")
    #expect(output.contains("stopped: 1 file"))
  }

  @Test func withoutARestorableBackendBackSaysItCannot() async throws {
    let harness = RunnerHarness(files: ["d.tw": Self.demo], restorable: false)
    let input = ScriptedStepInput([.run, .back, .goTo(1), .goTo(3), .quit])
    let outcome = await harness.run(Self.presenter(["d.tw"]), stepInput: input)
    #expect(outcome.exitCode == 0)
    let output = harness.output
    #expect(
      output.components(separatedBy: "note: cannot go back: embedded cannot restore").count == 3)
    #expect(output.contains("── step 3 of 3"))
  }

  @Test func skippingSkipsWhatReadsItsVariablesAndFailuresAreNotes() async throws {
    let harness = RunnerHarness(files: ["d.tw": Self.demo])
    let input = ScriptedStepInput([.run, .skip, .run, .run])
    let outcome = await harness.run(Self.presenter(["d.tw"]), stepInput: input)
    let output = harness.output
    #expect(output.contains("note: skipped step 2"))
    #expect(
      output.contains(
        "note: skipped d.tw:6: it reads $order, which skipped step 2 would have set"))
    #expect(output.contains("note: skipped d.tw:7: it reads $total"))
    #expect(output.contains("── end of the demo"))
    #expect(outcome.exitCode == 0)
    #expect(output.contains("3 skipped"))
  }

  @Test func aFailedExpectAndAnAPIErrorAreNotesAndTheDemoGoesOn() async throws {
    let text = """
      profile update maya
      expect $last.event.type == "nothing like it"
      session update s1 profile=maya
      session close s1
      session update s1 profile=leo
      echo "still going"
      session update s2 profile=maya
      """
    let harness = RunnerHarness(files: ["f.tw": text])
    let input = ScriptedStepInput([.run, .run, .run, .run, .run, .run])
    let outcome = await harness.run(Self.presenter(["f.tw"]), stepInput: input)
    let output = harness.output
    #expect(output.contains("note: f.tw:2:8: expected $last.event.type"), "\(output)")
    #expect(output.contains("note: f.tw:5:1: "), "\(output)")
    #expect(output.contains("\nstill going\n"))
    #expect(output.contains("── step 5 of 5"))
    #expect(outcome.exitCode == 3)
  }

  @Test func narrationIsAStopWithItsCaption() async throws {
    let text = """
      #> # The shop
      #> Prices in **euros**.

      let who = "maya"
      #> Maya arrives
      let greeting = "hello ${who}"
      echo $greeting
      profile update $who
      """
    let harness = RunnerHarness(files: ["n.tw": text])
    let input = ScriptedStepInput([.run, .run, .run, .run])
    let outcome = await harness.run(Self.presenter(["n.tw"]), stepInput: input)
    #expect(outcome.exitCode == 0, "\(harness.output)\(harness.errors)")
    let output = harness.output
    #expect(output.contains("── step 1 of 3"))
    #expect(output.contains("The shop"))
    #expect(output.contains("Prices in euros."))
    #expect(output.contains("Maya arrives\n  > let greeting = \"hello ${who}\""))
    #expect(output.contains("\nhello maya\n"))
    #expect(output.contains("── step 3 of 3"))
  }

  @Test func theShellStartsFromTheDemoAndTheDemoResumesWhereItWas() async throws {
    let harness = RunnerHarness(files: ["d.tw": Self.demo])
    let seen = Mutex<[String]>([])
    let shell: InteractiveShell = { handoff in
      let run = await handoff.interpreter.run(line: "profile update intruder\nlet who = \"leo\"")
      seen.withLock { $0.append("\(run.error == nil) \(handoff.location.line)") }
    }
    var options = Self.presenter(["d.tw"])
    options.interactiveShell = shell
    let input = ScriptedStepInput([.shell, .run, .run, .run, .run])
    let outcome = await harness.run(options, stepInput: input)
    #expect(outcome.exitCode == 0, "\(harness.output)\(harness.errors)")
    #expect(seen.withLock { $0 } == ["true 3"])
    #expect(harness.output.contains("note: back in the demo, where it was"))
    #expect(!harness.output.contains("the demo goes on"))
  }

  @Test func viewShowsTheJSONAndStrayKeysNeverAbort() async throws {
    let harness = RunnerHarness(files: ["d.tw": Self.demo])
    let input = ScriptedStepInput([.view, .explain, .run, .view, .explain, .run, .run, .run])
    let outcome = await harness.run(Self.presenter(["d.tw"]), stepInput: input)
    #expect(outcome.exitCode == 0)
    #expect(harness.output.contains("note: nothing has run yet"))
    #expect(harness.output.contains("\"customer_profile_created\""))
  }
}
