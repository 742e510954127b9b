import Foundation
import TalonAPI
import TalonRunner
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("talon run: reports, parallel files, run ids and dry runs that follow run")
struct RunnerReportTests {
  static let checkout = """
    profile update alice tier=gold
    session update s1 items=[{sku: SHOE-1, name: Runner, price: 120, quantity: 1, category: shoes}, \\
      {sku: SOCK-1, name: Socks, price: 10, quantity: 2, category: apparel}] coupons=[SUMMER10]
    expect $last.customerSession.couponCodes == [SUMMER10]
    expect $last.customerSession.total == 999 "the total"
    expect $last.customerSession.state == "closed"
    """

  static func temporaryFile(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appending(path: "talon-\(UUID().uuidString)-\(name)")
      .path
  }

  @Test func junitHasOneFailurePerCaseWithEveryMessage() async throws {
    let path = Self.temporaryFile("junit.xml")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let harness = RunnerHarness(files: ["c.tw": Self.checkout])
    let outcome = await harness.run(
      RunOptions(files: ["c.tw"], keepGoing: true, reports: [.init(kind: .junit, path: path)]))
    #expect(outcome.exitCode == 1)
    let document = try XMLDocument(contentsOf: URL(fileURLWithPath: path))
    let testCase = try #require(
      try document.nodes(forXPath: "//testcase").first as? XMLElement)
    let failures = testCase.elements(forName: "failure")
    #expect(failures.count == 1)
    let message = try #require(failures.first?.attribute(forName: "message")?.stringValue)
    #expect(message.hasPrefix("c.tw:5:8: the total: expected"))
    #expect(message.hasSuffix("(and 1 more)"))
    let body = failures.first?.stringValue ?? ""
    #expect(body.contains("c.tw:5:8: error: the total"))
    #expect(body.contains("c.tw:6:8: error: expected $last.customerSession.state == \"closed\""))
  }

  @Test func jsonReportHoldsEveryStatementAndTheReceipt() async throws {
    let path = Self.temporaryFile("report.json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let harness = RunnerHarness(files: ["c.tw": Self.checkout, "ok.tw": "expect 1 == 1\n"])
    let outcome = await harness.run(
      RunOptions(files: ["c.tw", "ok.tw"], reports: [.init(kind: .json, path: path)]))
    #expect(outcome.exitCode == 1)
    let json = try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(json["exitCode"] == 1)
    #expect(json["files"]?[0]?["passed"] == false)
    #expect(json["files"]?[1]?["passed"] == true)
    let steps = try #require(json["files"]?[0]?["steps"]?.arrayValue)
    #expect(steps.map { $0["status"]?.stringValue } == ["ok", "ok", "passed", "failed"])
    let receipt = try #require(steps[1]["receipt"])
    #expect(receipt["items"]?.arrayValue?.map { $0["sku"]?.stringValue } == ["SHOE-1", "SOCK-1"])
    #expect(receipt["totalBeforeDiscounts"] == 140)
    let shoeDiscounts = receipt["items"]?[0]?["discounts"]?.arrayValue ?? []
    #expect(shoeDiscounts.contains { $0["amount"] == 24 }, "20% off shoes on SHOE-1")
    #expect(receipt["points"]?.arrayValue?.isEmpty == false)
    #expect(json["files"]?[0]?["failures"]?[0]?["kind"] == "expectFailed")
  }

  @Test func htmlReportIsOneSelfContainedPageAPersonCanRead() async throws {
    let path = Self.temporaryFile("report.html")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let harness = RunnerHarness(files: ["c.tw": Self.checkout, "later.tw": "echo hi\n"])
    let outcome = await harness.run(
      RunOptions(
        files: ["c.tw", "later.tw"], keepGoing: true, reports: [.init(kind: .html, path: path)]))
    #expect(outcome.exitCode == 1)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    // Nothing that would reach the network or run code.
    for forbidden in ["<script", "<link", "src=", "http://", "https://", "url(", "@import"] {
      #expect(!text.contains(forbidden), "\(forbidden)")
    }
    let document = try XMLDocument(data: Data(text.utf8))
    func strings(_ xpath: String) throws -> [String] {
      try document.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
    }
    #expect(try strings("//h1").first == "talon run: FAILED")
    #expect(try strings("//section[@class='failures']/h2") == ["2 failures"])
    #expect(try strings("//section[contains(@class,'file')]/h2").count == 2)
    let receipt = "//section[@id='file-1']//div[@class='receipt']"
    #expect(try strings(receipt + "//td[@class='sku']") == ["SHOE-1", "SOCK-1"])
    let discountRows = try strings(receipt + "//tr[@class='discount']")
    #expect(discountRows.contains { $0.contains("on SHOE-1") && $0.contains("-24.00") })
    let totals = try strings(receipt + "//tr[contains(@class,'total')]")
    #expect(totals.first?.contains("140.00") == true)
    #expect(try strings(receipt + "//tr[@class='points']").count == 1)
    #expect(try strings(receipt + "//li").contains("coupon SUMMER10 accepted"))
    #expect(try strings("//li[contains(@class,'step') and contains(@class,'passed')]").count == 1)
    #expect(try strings("//li[contains(@class,'step') and contains(@class,'failed')]").count == 2)
  }

  @Test func htmlReportOfANarratedFileIsAHandout() async throws {
    let path = Self.temporaryFile("handout.html")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let text = """
      #> # The shop
      #> Shoes & socks, for **everyone**.

      profile update alice tier=gold
      #> ## A first order
      #> - a coupon
      #> - 20% off shoes
      \(Self.checkout.split(separator: "\n")[1...2].joined(separator: "\n"))
      for x in [1] {
        #> inside a loop
        let y = $x
      }
      #> Thank you
      """
    let harness = RunnerHarness(files: ["demo.tw": text])
    let outcome = await harness.run(
      RunOptions(files: ["demo.tw"], reports: [.init(kind: .html, path: path)]))
    #expect(outcome.exitCode == 0, "\(harness.errors)")
    let document = try XMLDocument(contentsOf: URL(fileURLWithPath: path))
    func strings(_ xpath: String) throws -> [String] {
      try document.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
    }
    let captions = "//ol[@class='steps']/li[@class='narration']/div[@class='caption']"
    #expect(try strings(captions + "/h2") == ["The shop"])
    #expect(try strings(captions + "/h3") == ["A first order"])
    #expect(try strings(captions + "/p/strong") == ["everyone"])
    #expect(try strings(captions + "/p").first == "Shoes & socks, for everyone.")
    #expect(try strings(captions + "/ul/li") == ["a coupon", "20% off shoes"])
    #expect(try strings(captions + "/p").suffix(2) == ["inside a loop", "Thank you"])
    // The caption comes right before its statement, whose receipt follows.
    let afterOrder = "//li[@class='narration'][div/h3='A first order']/following-sibling::li[1]"
    #expect(try strings(afterOrder + "/code").first?.hasPrefix("session update s1") == true)
    #expect(
      try strings(afterOrder + "/div[@class='receipt']//td[@class='sku']") == ["SHOE-1", "SOCK-1"])
    // A caption standing alone is no statement.
    #expect(try strings("//li[contains(@class,'step')]/code").allSatisfy { !$0.contains("#>") })
  }

  @Test func filesRunInParallelWithTheSameOutcomeAndUnmixedOutput() async throws {
    var files: [String: String] = [:]
    for index in 1...4 {
      files["f\(index).tw"] = """
        echo "start \(index)"
        sleep 0.2
        profile update alice
        expect $last.event.type == "customer_profile_created"
        echo "end \(index)"
        """
    }
    files["f3.tw"]! += "\nexpect 1 == 2\n"
    let names = (1...4).map { "f\($0).tw" }
    let parallel = RunnerHarness(files: files)
    let outcome = await parallel.run(RunOptions(files: names, jobs: 2))
    #expect(outcome.exitCode == 1)
    #expect(parallel.mostOpenAtOnce == 2)
    #expect(parallel.backendsOpened == 4)
    #expect(outcome.report?.files.map(\.file) == names)
    #expect(outcome.report?.files.map(\.passed) == [true, true, false, true])
    // Each file's lines stay together.
    for index in 1...4 {
      let output = parallel.output
      let start = try #require(output.range(of: "==> f\(index).tw"))
      let end = try #require(output.range(of: "\nend \(index)\n"))
      #expect(!output[start.upperBound..<end.lowerBound].contains("==>"))
    }
  }

  @Test func runIdIsTheSameWithinAFileAndItsScriptsAndDiffersBetweenFiles() async throws {
    let check = RunnerHarness(files: [
      "a.tw": "echo $runid\nrun lib.tw\n", "b.tw": "echo $runid\n",
      "lib.tw": "echo \"lib ${runid}\"\n",
    ])
    let outcome = await check.run(RunOptions(files: ["a.tw", "b.tw"]))
    #expect(outcome.exitCode == 0, "\(check.errors)")
    let ids = check.output.split(separator: "\n").map(String.init).filter {
      $0.count == 8 && $0.allSatisfy(\.isHexDigit)
    }
    #expect(ids.count == 2)
    #expect(ids.first != ids.last)
    #expect(check.output.contains("lib \(ids.first ?? "")"))
  }

  @Test func dryRunFollowsRunWithTheChainOfCalls() async throws {
    let harness = RunnerHarness(files: [
      "a.tw": "echo one\necho two\nrun lib/b.tw\nrun missing.tw\nrun $dynamic\n",
      "lib/b.tw": "if 1 == 1 {\n  run c.tw\n}\nrun b.tw\n",
      "lib/c.tw": "echo ok\nlet x = 12abc\n",
    ])
    let outcome = await harness.run(RunOptions(files: ["a.tw"], dryRun: true))
    #expect(outcome.exitCode == 2)
    #expect(harness.backendsOpened == 0)
    #expect(
      harness.errors.contains(
        "a.tw:3:1: in run \"lib/b.tw\": lib/b.tw:2:3: in run \"c.tw\": "
          + "lib/c.tw:2:9: error: '12abc' is not a number"), "\(harness.errors)")
    #expect(
      harness.errors.contains(
        "a.tw:4:1: in run \"missing.tw\": missing.tw: error: cannot read the file: no such file"))
    #expect(harness.errors.contains("unknown variable $dynamic"))
    #expect(harness.output.contains("dry run: 1 file, 5 statements, 3 problems"))
  }
}
