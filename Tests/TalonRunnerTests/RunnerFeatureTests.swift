import Foundation
import Synchronization
import TalonAPI
import TalonRunner
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("talon run: arguments, dry runs, reports and step mode")
struct RunnerFeatureTests {
  @Test func varsReachArgs() async throws {
    let text = """
      expect $args.who == "alice"
      expect $args.count == 3
      expect $args.tags == [a, b]
      profile update $args.who visits=$args.count
      expect $last.customerProfile.attributes.visits == 3
      echo "hello ${args.who}"
      """
    let harness = RunnerHarness(files: ["v.tw": text])
    let variables = try RunOptions.parseVariables(["who=alice", "count=3", "tags=[\"a\",\"b\"]"])
    let outcome = await harness.run(RunOptions(files: ["v.tw"], arguments: variables))
    #expect(outcome.exitCode == 0, "\(harness.errors)")
    #expect(harness.output.contains("hello alice\n"))
  }

  @Test func badVarsAreUsageErrors() {
    #expect(throws: RunnerUsageError.self) { try RunOptions.parseVariables(["novalue"]) }
    #expect(throws: RunnerUsageError.self) { try RunOptions.parseVariables(["=x"]) }
    #expect(throws: RunnerUsageError.self) { try RunOptions.parseVariables(["a b=1"]) }
    #expect(throws: RunnerUsageError.self) { try RunOptions.parseReport("xml=out.xml") }
    #expect((try? RunOptions.parseVariables(["k=a=b"]))?["k"] == .string("a=b"))
  }

  @Test func dryRunCallsNothing() async throws {
    let text =
      "profile update alice\nsession update s1 coupons=[SUMMER10]\nexpect $last.effects != []\n"
    let harness = RunnerHarness(files: ["d.tw": text])
    let outcome = await harness.run(RunOptions(files: ["d.tw"], dryRun: true))
    #expect(outcome.exitCode == 0)
    #expect(harness.backendsOpened == 0)
    #expect(harness.calls.count == 0)
    #expect(harness.output.contains("dry run: 1 file, 3 statements, references ok, nothing called"))
  }

  @Test func dryRunReportsUnknownVariables() async throws {
    let text = "let a = 1\nexpect $a == $b\n"
    let harness = RunnerHarness(files: ["d.tw": text])
    let outcome = await harness.run(RunOptions(files: ["d.tw"], dryRun: true))
    #expect(outcome.exitCode == 2)
    #expect(harness.backendsOpened == 0)
    #expect(harness.errors.contains("d.tw:2:14: error: unknown variable $b"))
  }

  @Test func junitReportIsWellFormedWithTheFailureLocation() async throws {
    let directory = FileManager.default.temporaryDirectory.appending(
      path: "talon-junit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appending(path: "report.xml").path
    let files = [
      "ok.tw": "expect 1 == 1\n",
      "dir/bad <&>.tw": "let s = \"a<b & 'c' \\\"d\\\"\"\nexpect $s == \"x\"\n",
      "later.tw": "expect 2 == 2\n",
    ]
    let harness = RunnerHarness(files: files)
    let outcome = await harness.run(
      RunOptions(files: ["ok.tw", "dir/bad <&>.tw", "later.tw"], failFast: true, junitPath: path))
    #expect(outcome.exitCode == 1)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let document = try XMLDocument(data: data)
    let root = try #require(document.rootElement())
    #expect(root.name == "testsuites")
    #expect(root.attribute(forName: "tests")?.stringValue == "3")
    #expect(root.attribute(forName: "failures")?.stringValue == "1")
    #expect(root.attribute(forName: "skipped")?.stringValue == "1")
    let cases = try document.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
    #expect(
      cases.map { $0.attribute(forName: "name")?.stringValue } == [
        "ok.tw", "dir/bad <&>.tw", "later.tw",
      ])
    let failure = try #require(cases[1].elements(forName: "failure").first)
    let message = try #require(failure.attribute(forName: "message")?.stringValue)
    #expect(message.hasPrefix("dir/bad <&>.tw:2:8: expected $s == \"x\""))
    #expect(failure.stringValue?.contains("expect $s == \"x\"\n       ^") == true)
    #expect(cases[2].elements(forName: "skipped").count == 1)
    #expect(cases[0].childCount == 0)
  }

  @Test func xmlEscapingDropsCharactersXMLCannotHold() {
    #expect(JUnitReport.escape("a<b>&\"'\u{01}\t") == "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}\t")
  }

  @Test func stepModeRunsSkipsAndQuits() async throws {
    let text =
      "echo (\"A\" + \"1\")\necho (\"B\" + \"2\")\necho (\"C\" + \"3\")\necho (\"D\" + \"4\")\n"
    let harness = RunnerHarness(files: ["s.tw": text])
    let input = ScriptedStepInput([.run, .skip, .run, .quit])
    let outcome = await harness.run(RunOptions(files: ["s.tw"], step: true), stepInput: input)
    #expect(outcome.exitCode == 0)
    #expect(input.prompts == 4)
    #expect(harness.output.contains("\nA1\n"))
    #expect(!harness.output.contains("B2"))
    #expect(harness.output.contains("\nC3\n"))
    #expect(!harness.output.contains("D4"))
    #expect(
      harness.output.contains(
        "stopped: 1 file, 2 statements, 0 expectations passed, 0 failed, 1 skipped"))
  }

  @Test func stepModeOpensTheShellHookOnTheFilesInterpreter() async throws {
    let text = "let a = 1\nexpect $fromShell == 7\n"
    let harness = RunnerHarness(files: ["h.tw": text])
    let handoffs = Mutex<[(backend: String, line: Int)]>([])
    let shell: InteractiveShell = { handoff in
      handoffs.withLock { $0.append((handoff.backend.name, handoff.location.line)) }
      _ = await handoff.interpreter.run(line: "let fromShell = 7")
    }
    let input = ScriptedStepInput([.run, .shell, .run])
    let outcome = await harness.run(
      RunOptions(files: ["h.tw"], step: true, interactiveShell: shell), stepInput: input)
    #expect(outcome.exitCode == 0)
    #expect(input.prompts == 3)
    let seen = handoffs.withLock { $0 }
    #expect(seen.map(\.backend) == ["embedded"])
    #expect(seen.map(\.line) == [2])
    #expect(harness.output.components(separatedBy: "next h.tw:2").count == 3)
  }

  @Test func withoutAShellHookAskingForTheShellOnlyAsksAgain() async throws {
    let harness = RunnerHarness(files: ["n.tw": "echo (\"A\" + \"1\")\n"])
    let input = ScriptedStepInput([.shell, .run])
    let outcome = await harness.run(RunOptions(files: ["n.tw"], step: true), stepInput: input)
    #expect(outcome.exitCode == 0)
    #expect(input.prompts == 2)
    #expect(harness.output.contains("\nA1\n"))
  }

  @Test func quietShowsOnlyFailuresAndTheSummary() async throws {
    let harness = RunnerHarness(files: ["q.tw": "echo loud\nprofile update alice\nexpect 1 == 2\n"])
    let outcome = await harness.run(RunOptions(files: ["q.tw"], verbosity: .quiet))
    #expect(outcome.exitCode == 1)
    #expect(
      harness.output
        == "FAILED: 1 file, 3 statements, 0 expectations passed, 1 failed, \(harness.output.split(separator: " ").last ?? "")"
    )
    #expect(harness.errors.contains("q.tw:3:8: error: expected 1 == 2"))
  }

  @Test func captionsShowOnlyWhenVerbose() async throws {
    let text = """
      #> # The shop
      #> sells **shoes**

      #> Alice arrives
      profile update alice
      #> - the end
      """
    let harness = RunnerHarness(files: ["c.tw": text])
    let outcome = await harness.run(RunOptions(files: ["c.tw"]))
    #expect(outcome.exitCode == 0)
    #expect(!harness.output.contains("shop"))
    #expect(!harness.output.contains("#>"))
    #expect(harness.output.contains("1 statement,"))
    let verbose = RunnerHarness(files: ["c.tw": text])
    _ = await verbose.run(RunOptions(files: ["c.tw"], verbosity: .verbose))
    #expect(verbose.output.contains("\n  The shop\n\n  sells shoes\n"))
    #expect(verbose.output.contains("\n  Alice arrives\n     5  profile update alice  -> 200"))
    #expect(verbose.output.contains("\n  • the end\n"))
    #expect(verbose.output.contains("1 statement,"))
  }

  @Test func verboseShowsNestedStatementsAndFullResults() async throws {
    let text = "for who in [ann, bob] {\n  profile update $who\n}\n"
    let harness = RunnerHarness(files: ["n.tw": text])
    let outcome = await harness.run(RunOptions(files: ["n.tw"], verbosity: .verbose))
    #expect(outcome.exitCode == 0)
    #expect(harness.output.contains("done (2 statements, 2 API calls)"))
    #expect(harness.output.contains("200 updateCustomerProfileV2 bob: customer_profile_created"))
    #expect(harness.output.contains("\"integrationId\": \"bob\""))
  }
}
