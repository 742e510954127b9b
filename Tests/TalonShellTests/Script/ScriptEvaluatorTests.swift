import Foundation
import Synchronization
import TalonAPI
import TalonEngine
import TalonScript
import Testing

@testable import TalonShell

/// The evaluator adapter in process, over a real in-memory embedded engine: shell commands,
/// nested output, the completion snapshot and the prompt context.
@Suite("Script evaluator")
struct ScriptEvaluatorTests {
  /// Collects what the evaluator prints during evaluation.
  final class Printed: Sendable {
    private let text = Mutex("")
    func append(_ more: String) { text.withLock { $0 += more } }
    var all: String { text.withLock { $0 } }
  }

  static func embedded() throws -> ShellBackend {
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(store: .memory, campaigns: .demo, seed: 3))
    return ShellBackend(
      api: engine, name: "embedded", reset: { try await engine.reset() },
      isFresh: { try await engine.isFresh() }, description: "embedded (memory)",
      couponCodes: ["SUMMER10"], shutdown: { engine.close() })
  }

  func evaluator(
    _ backend: ShellBackend, factory: BackendFactory? = nil, answer: Bool = true,
    printed: Printed = Printed()
  ) -> ScriptEvaluator {
    ScriptEvaluator(
      backend: backend, factory: factory,
      environment: ScriptEnvironment(variables: ["HOME": "/h"], seed: 3),
      write: { printed.append($0) }, confirm: { _ in answer })
  }

  @Test func theSnapshotAndThePromptFollowEachEvaluation() async throws {
    let shell = evaluator(try Self.embedded())
    #expect(await shell.promptContext == PromptContext(backend: "embedded"))
    _ = await shell.evaluate("session update s1 profile=ann coupons=[SUMMER10]")
    _ = await shell.evaluate("let n = 2")
    #expect(
      await shell.promptContext == PromptContext(backend: "embedded", profile: "ann", session: "s1")
    )
    let state = shell.state.current
    #expect(state.profiles == ["ann"])
    #expect(state.sessions == ["s1"])
    #expect(state.coupons.contains("SUMMER10"))
    #expect(state.variables["n"] == 2)
    #expect(state.last["effects"] != nil)
    #expect(state.environmentNames == ["HOME"])
  }

  @Test func completionOffersTheCampaignsAndTheIdsEarlierRunsStored() async throws {
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(store: .memory, campaigns: .demo, seed: 3))
    _ = try await engine.updateCustomerSessionV2(
      customerSessionId: "earlier-session",
      body: IntegrationRequest(customerSession: NewCustomerSessionV2(profileId: "earlier-profile")))
    let shell = evaluator(
      ShellBackend(api: engine, name: "embedded", shutdown: { engine.close() }))
    _ = await shell.evaluate("use profile ann")
    let state = shell.state.current
    #expect(state.profiles == ["ann", "earlier-profile"])
    #expect(state.sessions == ["earlier-session"])
    #expect(state.campaignIds == (1...8).map(String.init))
  }

  @Test func shellCommandsAndTheirLocatedErrors() async throws {
    let shell = evaluator(try Self.embedded())
    #expect(await shell.evaluate("set output json") == .output("output: json"))
    #expect(await shell.renderer.format == .json)
    #expect(await shell.evaluate("{b: 1}") == .output("{\"b\":1}"))
    #expect(
      await shell.evaluate("set output loud")
        == .error(
          "<input>:1:12: error: set output takes json or pretty or summary here, not 'loud' (usage: set output json|pretty|summary)\nset output loud\n           ^",
          exitCode: 2))
    guard case .error(let scheme, exitCode: 3) = await shell.evaluate("connect ftp://x") else {
      Issue.record("connect ftp://x did not fail")
      return
    }
    #expect(
      scheme.hasPrefix(
        "<input>:1:9: error: connect takes an http:// or https:// URL, or 'embedded'; not 'ftp://x'"
      ))
    guard case .error(let unavailable, exitCode: 3) = await shell.evaluate("connect embedded")
    else {
      Issue.record("connect without a factory did not fail")
      return
    }
    #expect(unavailable.hasPrefix("<input>:1:1: error: connect is not available here"))
    guard case .output(let usage) = await shell.evaluate("help reset") else {
      Issue.record("help reset gave no output")
      return
    }
    #expect(usage.hasPrefix("usage: reset [force]\n"))
    #expect(usage.contains("works only in the interactive shell"))
    #expect(usage.contains("example:\n  reset"))
    guard case .output(let help) = await shell.evaluate("help") else {
      Issue.record("help gave no output")
      return
    }
    #expect(help.contains("\n  set output "))
    #expect(help.contains("Shell commands (not in .tw files):\n  connect "))
  }

  @Test func resetAsksAndRefusesARemoteBackend() async throws {
    let refusing = evaluator(try Self.embedded(), answer: false)
    _ = await refusing.evaluate("profile update ann")
    #expect(await refusing.evaluate("reset") == .output("reset cancelled"))
    #expect(await refusing.promptContext.profile == "ann")

    let agreeing = evaluator(try Self.embedded(), answer: true)
    _ = await agreeing.evaluate("profile update ann")
    #expect(await agreeing.evaluate("reset") == .output("the embedded store is empty"))
    #expect(await agreeing.promptContext.profile == nil)
    #expect(agreeing.state.current.last == .null)

    let remote = evaluator(ShellBackend(api: try Self.embedded().api, name: "h.example"))
    guard case .error(let refused, exitCode: 3) = await remote.evaluate("reset force") else {
      Issue.record("reset of a remote backend did not fail")
      return
    }
    #expect(
      refused.hasPrefix(
        "<input>:1:1: error: reset works only with the embedded engine or a `talon serve --test-control`; this shell talks to h.example"
      ))
  }

  @Test func connectSwitchesBackendsAndTheHistorySecret() async throws {
    let history = History(fileURL: nil)
    let first = try Self.embedded()
    let factory: BackendFactory = { target in
      guard case .remote(let url, let key) = target else { return try Self.embedded() }
      return ShellBackend(
        api: try Self.embedded().api, name: "remote", apiKey: key, description: url)
    }
    let shell = evaluator(first, factory: factory)
    await shell.configure(history: history, color: false)
    _ = await shell.evaluate("profile update ann")
    #expect(
      await shell.evaluate("connect https://h.example key=sk-9 force")
        == .output("connected to https://h.example"))
    #expect(await shell.promptContext == PromptContext(backend: "remote"))
    #expect(history.activeSecrets == ["sk-9"])
    #expect(await shell.evaluate("connect embedded") == .output("connected to embedded (memory)"))
    #expect(history.activeSecrets == [])
  }

  @Test func nestedResultsArePrintedAsTheyFinish() async throws {
    let printed = Printed()
    let shell = evaluator(try Self.embedded(), printed: printed)
    let outcome = await shell.evaluate(
      "for who in [ann, bob] {\n  echo hi $who\n  profile update $who\n}")
    #expect(outcome == .output(""))
    let lines = printed.all.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[0] == "hi ann")
    #expect(lines[1].hasPrefix("UpdateCustomerProfileV2 ann: 200, 0 effects, "))
    #expect(lines[2] == "hi bob")

    _ = await shell.evaluate("set output summary")
    _ = await shell.evaluate("repeat 1 {\n  profile update cid\n}")
    #expect(printed.all.hasSuffix("profile cid\n  no effects\n"))
  }

  @Test func failuresCarryTheRunnersExitCodes() async throws {
    let shell = evaluator(try Self.embedded())
    guard case .error(let message, let code) = await shell.evaluate("expect 1 == 2") else {
      Issue.record("expected a failure")
      return
    }
    #expect(code == 1)
    #expect(message.hasPrefix("<input>:1:8: error: expected 1 == 2"))
    guard case .error(_, let parse) = await shell.evaluate("echo (") else {
      Issue.record("expected a parse error")
      return
    }
    #expect(parse == 2)
    guard case .error(_, let api) = await shell.evaluate("coupon holders NOPE") else {
      Issue.record("expected an API error")
      return
    }
    #expect(api == 3)
    #expect(await shell.evaluate("exit 4") == .exit(4))
  }

  @Test func aPassingExpectErrorIsRecordedAsTypedAndAFailingOneIsNot() async throws {
    let file = FileManager.default.temporaryDirectory.appending(path: "rec-\(UUID().uuidString).tw")
    defer { try? FileManager.default.removeItem(at: file) }
    let shell = evaluator(try Self.embedded())
    guard case .output = await shell.evaluate("record start \(file.path)") else {
      Issue.record("record start failed")
      return
    }
    _ = await shell.evaluate("profile update paul")
    _ = await shell.evaluate("profile delete-data paul")
    #expect(await shell.evaluate("expect error 404  profile inventory paul") == .output(""))
    #expect(shell.state.current.last["status"] == 404)
    guard
      case .error(let message, let code) = await shell.evaluate(
        "expect error 404 profile update paul")
    else {
      Issue.record("expect error on a success must fail")
      return
    }
    #expect(code == 1)
    #expect(message.hasPrefix("<input>:1:8: error: expected error 404, got 200 (success)"))
    _ = await shell.evaluate("record stop")
    let text = try String(contentsOf: file, encoding: .utf8)
    let statements = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(
      statements == [
        "profile update paul", "profile delete-data paul",
        "expect error 404  profile inventory paul",
      ])
  }

  @Test func aStartupFileReportsItsErrorWithFileAndLine() async throws {
    let file = FileManager.default.temporaryDirectory.appending(path: "rc-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    try "set output json\n\nlet a = [\n  1,\n]\nset output nope\necho never\n".write(
      to: file, atomically: true, encoding: .utf8)
    let shell = evaluator(try Self.embedded())
    let output = Printed()
    let errors = Printed()
    let ok = await StartupFile(path: file.path, environment: [:]).run(
      with: shell, output: { output.append($0) }, errors: { errors.append($0) })
    #expect(!ok)
    // The whole file is checked first: its syntax error stops it before anything runs.
    #expect(output.all == "")
    #expect(
      errors.all.hasPrefix(
        "\(file.path):6:12: error: set output takes json or pretty or summary here, not 'nope'"))
    #expect(shell.state.current.variables["a"] == nil)
    try "let a = [\n  1,\n]\necho $a\necho $nope\n".write(
      to: file, atomically: true, encoding: .utf8)
    let failing = await StartupFile(path: file.path, environment: [:]).run(
      with: shell, output: { output.append($0) }, errors: { errors.append($0) })
    #expect(!failing)
    #expect(errors.all.contains("\(file.path):5:6: error: unknown variable $nope"))
    #expect(shell.state.current.variables["a"] == [1])

    let missing = await StartupFile(path: nil, environment: ["HOME": "/nonexistent"]).run(
      with: shell, output: { _ in }, errors: { errors.append($0) })
    #expect(missing)
  }
}
