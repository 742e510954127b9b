import Foundation
import TalonTestSupport
import Testing

/// Every workflow under `workflows/` (and `examples/demo.tw`) must pass both against the embedded engine and against a
/// fresh `talon serve` per file over HTTP, with the same expectations.
@Suite("The workflows, embedded and over HTTP")
struct WorkflowTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The workflows, by path from the repository root.
  static var workflows: [String] {
    let folder = repository.appending(path: "workflows")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".tw") }.sorted().map { "workflows/" + $0 }
  }

  /// The workflows and the stakeholder demo, which must pass in a plain run too.
  static var scripts: [String] { workflows + ["examples/demo.tw"] }

  static let seed = "7"
  static let apiKey = "demo-shop-api-key"

  @Test func thereAreAtLeastEightWorkflows() {
    #expect(Self.workflows.count >= 8)
  }

  @Test(arguments: scripts)
  func passesAgainstTheEmbeddedEngine(_ name: String) throws {
    let path = Self.repository.appending(path: name).path
    let outcome = try TalonBinary.run(["run", "--seed", Self.seed, path])
    #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("passed: 1 file"))
    #expect(!outcome.standardOutput.contains(" 0 expectations passed"))
  }

  /// Scripts with a campaign file of their own (`TestControlTests` runs the time rules over
  /// HTTP too).
  static let scriptsWithTheirCampaigns = [("examples/time-rules.tw", "examples/time-rules.json")]

  @Test(arguments: scriptsWithTheirCampaigns)
  func passesWithItsOwnCampaignFile(_ name: String, _ campaigns: String) throws {
    let outcome = try TalonBinary.run([
      "run", "--seed", Self.seed, "--campaigns", Self.repository.appending(path: campaigns).path,
      Self.repository.appending(path: name).path,
    ])
    #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("passed: 1 file"))
    #expect(!outcome.standardOutput.contains(" 0 expectations passed"))
  }

  @Test(arguments: scripts)
  func passesOverHTTPAgainstTalonServe(_ name: String) async throws {
    let path = Self.repository.appending(path: name).path
    let server = try await ServeProcess.start(
      ["--port", "0", "--seed", Self.seed, "--memory", "--test-control"])
    let outcome = try TalonBinary.run(
      ["run", "--url", server.url, "--api-key", Self.apiKey, "--seed", Self.seed, path])
    let status = try await server.stop()
    #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("passed: 1 file"))
    #expect(status == 0)
  }

}
