import Foundation
import TalonAPI
import TalonTestSupport
import Testing

/// Several applications with the real binary: `--app` for the shell, `talon run` and
/// `talon campaigns export`, recordings that name their application, and `talon serve`
/// choosing the application by key (`docs/behaviour.md`, "Several applications").
@Suite("Several applications, the binary")
struct SeveralApplicationsCommandTests {
  static let document = #"""
    {"applications": [
      {"application": {"id": 1, "name": "Shop", "apiKey": "shop-key"},
       "campaigns": [{"id": 1, "name": "Shop coupons", "ruleset": {"rules": [
         {"title": "10 off", "condition": ["couponValid"], "effects": [["setDiscount", "c", 10]]}]},
         "coupons": [{"value": "SHOP10"}]}]},
      {"application": {"id": 2, "name": "Outlet", "currency": "USD", "apiKey": "outlet-key"},
       "campaigns": [{"id": 2, "name": "Outlet coupons", "ruleset": {"rules": [
         {"title": "5 off", "condition": ["couponValid"], "effects": [["setDiscount", "c", 5]]}]},
         "coupons": [{"value": "OUTLET5"}]}]}
    ]}
    """#

  static let environment = ["TALON_API_KEY": "", "TALON_URL": ""]

  static func campaignFile(_ folder: TemporaryFolder) throws -> String {
    let path = folder.path("apps.json")
    try document.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func theShellNeedsAnApplicationAndListsThem() throws {
    let folder = try TemporaryFolder()
    let file = try Self.campaignFile(folder)
    for extra in [[], ["--app", "Warehouse"]] {
      let outcome = try TalonBinary.run(
        ["--memory", "--campaigns", file] + extra + ["-c", "campaigns"],
        environment: Self.environment)
      #expect(outcome.status == 2, "\(outcome.standardError)")
      #expect(outcome.standardError.contains("(applications: 1 'Shop', 2 'Outlet')"))
    }
    let chosen = try TalonBinary.run(
      ["--memory", "--campaigns", file, "--app", "Outlet", "-c", "campaigns", "-c", "coupons"],
      environment: Self.environment)
    #expect(chosen.status == 0, "\(chosen.standardError)")
    #expect(chosen.standardOutput.hasPrefix("Outlet (USD), \(file): 1 campaign"))
    #expect(chosen.standardOutput.contains("OUTLET5"))
    #expect(!chosen.standardOutput.contains("SHOP10"))
  }

  @Test func talonRunUsesTheApplicationItIsGiven() throws {
    let folder = try TemporaryFolder()
    let file = try Self.campaignFile(folder)
    let workflow = folder.path("outlet.tw")
    try """
    session update s1 profile=ann coupons=[OUTLET5] items=[{sku: A, name: A, price: 40, quantity: 1}]
    expect $last.effects[0].effectType == "acceptCoupon"

    """.write(toFile: workflow, atomically: true, encoding: .utf8)
    let outlet = try TalonBinary.run(
      ["run", "--campaigns", file, "--app", "2", workflow], environment: Self.environment)
    #expect(outlet.status == 0, "\(outlet.standardOutput)\(outlet.standardError)")
    let shop = try TalonBinary.run(
      ["run", "--campaigns", file, "--app", "Shop", workflow], environment: Self.environment)
    #expect(shop.status == 1, "\(shop.standardOutput)\(shop.standardError)")
    let missing = try TalonBinary.run(
      ["run", "--campaigns", file, workflow], environment: Self.environment)
    #expect(missing.status == 2)
    #expect(missing.standardError.contains("choose one with --app"))
  }

  @Test func aRecordingNamesItsApplicationAndTheReplayUsesIt() throws {
    let folder = try TemporaryFolder()
    let file = try Self.campaignFile(folder)
    let recording = folder.path("outlet.tw")
    let outcome = try TalonBinary.run(
      ["--memory", "--seed", "1", "--campaigns", file, "--app", "Outlet"],
      input: """
        record start \(recording)
        session update s1 profile=ann coupons=[OUTLET5] items=[{sku: A, name: A, price: 40, quantity: 1}]
        expect $last.effects[0].effectType == "acceptCoupon"
        record stop

        """, environment: Self.environment)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    let text = try String(contentsOfFile: recording, encoding: .utf8)
    #expect(text.contains("\n# application: 2\n"))
    #expect(text.contains("--campaigns apps.json --app 2 outlet.tw"))
    let replay = try TalonBinary.run(["run", recording], environment: Self.environment)
    #expect(replay.status == 0, "\(replay.standardOutput)\(replay.standardError)")
  }

  @Test func exportPrintsTheWholeFileOrOneApplication() throws {
    let folder = try TemporaryFolder()
    let file = try Self.campaignFile(folder)
    let whole = try TalonBinary.run(["campaigns", "export", "--campaigns", file])
    #expect(whole.status == 0)
    #expect(whole.standardOutput == Self.document + "\n")
    let one = try TalonBinary.run(
      ["campaigns", "export", "--campaigns", file, "--app", "Outlet"])
    #expect(one.status == 0, "\(one.standardError)")
    let exported = try JSONValue(parsing: Data(one.standardOutput.utf8))
    #expect(exported["application"]?["name"]?.stringValue == "Outlet")
    #expect(exported["applications"] == nil)
    #expect(exported["campaigns"]?[0]?["id"]?.jsonText == "2")
  }

  @Test func serveChoosesTheApplicationByKey() async throws {
    let folder = try TemporaryFolder()
    let file = try Self.campaignFile(folder)
    let server = try await ServeProcess.start(
      ["--port", "0", "--memory", "--campaigns", file, "--test-control"],
      environment: Self.environment)
    for (key, id) in [("shop-key", "1"), ("outlet-key", "2")] {
      let answer = try await fetch(server.url + "/v1/integration/campaigns", apiKey: key)
      #expect(answer.status == 200)
      let json = try JSONValue(parsing: Data(answer.body.utf8))
      #expect(json["data"]?.arrayValue?.compactMap { $0["id"]?.jsonText } == [id])
    }
    let refused = try await fetch(server.url + "/v1/integration/campaigns", apiKey: "demo")
    #expect(refused.status == 401)
    #expect(try await server.stop() == 0)
    #expect(server.errorText.contains("serving 2 applications: 1 'Shop', 2 'Outlet'"))

    let keyed = try ServeProcess(
      ["--port", "0", "--memory", "--campaigns", file, "--api-key", "one-key"],
      environment: Self.environment)
    #expect(try await keyed.waitForExit() != 0)
    #expect(keyed.errorText.contains("with several, each application's apiKey"))
  }
}
