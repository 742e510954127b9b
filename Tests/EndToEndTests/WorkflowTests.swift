import Foundation
import TalonTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Every workflow under `workflows/` (and the two demos of `examples/`) must pass both against
/// the embedded engine and against a fresh `talon serve` per file over HTTP, with the same
/// expectations.
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

  /// The workflows and the stakeholder demos, which must pass in a plain run too.
  static var scripts: [String] { workflows + demos }

  static let demos = ["examples/demo.tw", "examples/loyalty-demo.tw"]

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

  /// `--report html=FILE` of a demo is a handout: every caption, each before its statement,
  /// and the receipts.
  @Test func theDemoReportIsAHandoutWithCaptionsAndReceipts() throws {
    let html = FileManager.default.temporaryDirectory.appending(
      path: "talon-handout-\(UUID().uuidString).html")
    defer { try? FileManager.default.removeItem(at: html) }
    let demo = Self.repository.appending(path: "examples/demo.tw")
    let outcome = try TalonBinary.run([
      "run", "--seed", Self.seed, "--report", "html=\(html.path)", demo.path,
    ])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    // A caption starts at a `#>` line that does not follow another.
    let lines = try String(contentsOf: demo, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    let captionCount = lines.indices.filter { index in
      lines[index].hasPrefix("#>") && (index == 0 || !lines[index - 1].hasPrefix("#>"))
    }.count
    let document = try XMLDocument(contentsOf: html)
    func strings(_ xpath: String) throws -> [String] {
      try document.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
    }
    let captions = "//li[@class='narration']/div[@class='caption']"
    #expect(try strings(captions).count == captionCount)
    #expect(try strings(captions + "/h2").first == "The demo shop")
    #expect(try strings(captions + "/h3").contains("A free gift at 150"))
    #expect(try strings(captions + "//strong").contains("SUMMER10"))
    #expect(try strings(captions + "/ul/li").contains("a free tote bag from 150"))
    let gift = "//li[@class='narration'][div/h3='A free gift at 150']/following-sibling::li[1]"
    #expect(try strings(gift + "/code").first == "session update")
    #expect(try strings(gift + "//tr[@class='free']").first?.contains("TOTE-01") == true)
    let receipts = try strings("//div[@class='receipt']")
    #expect(receipts.count >= 9)
    #expect(receipts.contains { $0.contains("Shoe week") || $0.contains("20% off shoes") })
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
