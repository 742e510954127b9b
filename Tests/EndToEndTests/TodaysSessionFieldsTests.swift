import Foundation
import TalonAPI
import TalonEngine
import TalonHTTP
import TalonTestSupport
import Testing

/// Today's v2 session fields over HTTP (`talon serve`'s server in process on loopback, the
/// embedded engine behind it) and runtime rule failures through the real binary
/// (docs/behaviour.md, "Cart items", "Response content", "Rule failure reasons").
@Suite("Today's session fields over HTTP and in the binary")
struct TodaysSessionFieldsTests {
  static let dividingPack = #"""
    {"application": {"id": 1, "apiKey": "k"},
     "campaigns": [{"id": 3, "name": "Baskets", "ruleset": {"rules": [
       {"title": "Big basket", "condition": [">=", ["/", [".", "Session", "Total"], 0], 1],
        "effects": [["setDiscount", "big", 1]]},
       {"title": "Always", "condition": true, "effects": [["setDiscount", "always", 1]]}]}}]}
    """#

  func withServer(_ body: (String) async throws -> Void) async throws {
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(store: .memory, campaigns: try .demo, seed: 7))
    let server = try await LoopbackServer.start(
      api: engine,
      configuration: ServerConfiguration(
        host: "127.0.0.1", port: 0, apiKey: demoAPIKey, applicationId: 1))
    do {
      try await body(server.url)
      try await server.stop()
    } catch {
      try? await server.stop()
      throw error
    }
    engine.close()
  }

  func put(_ url: String, _ path: String, _ body: String) async throws -> RawResponse {
    try await RawExchange.send("PUT", url + path, body: Data(body.utf8), apiKey: demoAPIKey)
  }

  @Test func skuOnlyItemsPassOnV2AndAreRefusedOnV1() async throws {
    try await withServer { url in
      let v2 = try await put(
        url, "/v2/customer_sessions/s1",
        #"""
        {"customerSession": {"cartItems": [{"sku": "TEE", "quantity": 2}]},
         "responseContent": ["customerSession"]}
        """#)
      #expect(v2.status == 200, "\(v2.text)")
      #expect(v2.json?["customerSession"]?["cartItems"]?[0]?["name"] == "TEE")
      #expect(v2.json?["customerSession"]?["cartItems"]?[0]?["price"] == 0)
      let v1 = try await put(
        url, "/v1/customer_sessions/s2", #"{"cartItems": [{"sku": "TEE", "quantity": 2}]}"#)
      #expect(v1.status == 400)
      #expect(
        Set(v1.error?.errors?.compactMap(\.source.pointer) ?? [])
          == ["/cartItems/0/name", "/cartItems/0/price"])
    }
  }

  @Test func responseContentValuesAndFailureReasonsOverHTTP() async throws {
    try await withServer { url in
      let unknown = try await put(
        url, "/v2/customer_sessions/s1",
        #"{"customerSession": {}, "responseContent": ["ruleFailureReasons", "everything"]}"#)
      #expect(unknown.status == 400)
      #expect(unknown.error?.errors?.first?.source.pointer == "/responseContent/1")
      let asked = try await put(
        url, "/v2/customer_sessions/s1?dry=true",
        #"""
        {"customerSession": {"cartItems": [{"sku": "MUG", "quantity": 1, "price": 30}],
                             "evaluableCampaignIds": [1]},
         "responseContent": ["ruleFailureReasons", "awardedGiveaways", "campaignEligibility"]}
        """#)
      #expect(asked.status == 200, "\(asked.text)")
      let reasons = try #require(asked.json?["ruleFailureReasons"]?.arrayValue)
      #expect(reasons.count == 1)
      #expect(reasons.first?["campaignID"] == 1)
      #expect(reasons.first?["conditionIndex"] != nil)
      #expect(asked.json?["awardedGiveaways"] == [])
      #expect(asked.json?["campaignEligibility"] == nil)
      #expect(
        SchemaValidator().validate(try #require(asked.json), against: "IntegrationStateV2") == [])
    }
  }

  @Test func theShellWarnsAboutARuleThatFailsAtRunTime() async throws {
    let folder = try TemporaryFolder()
    let file = folder.path("divide.json")
    try Data(Self.dividingPack.utf8).write(to: URL(fileURLWithPath: file))
    let outcome = try await TalonBinary.run(
      [
        "--memory", "--campaigns", file, "-c",
        "session update s1 items=[{sku: A, price: 10, quantity: 1}]",
      ])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(
      outcome.standardError == #"warning: campaign 3 rule 1 "Big basket": division by zero"# + "\n")
    #expect(outcome.standardOutput.contains("always"))
  }

  @Test func talonRunWarnsAfterTheResult() async throws {
    let folder = try TemporaryFolder()
    let pack = folder.path("divide.json")
    try Data(Self.dividingPack.utf8).write(to: URL(fileURLWithPath: pack))
    let script = folder.path("divide.tw")
    try Data("session update s1 items=[{sku: A, price: 10, quantity: 1}]\n".utf8).write(
      to: URL(fileURLWithPath: script))
    let outcome = try await TalonBinary.run(["run", "--campaigns", pack, script])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(
      outcome.standardError.contains(#"warning: campaign 3 rule 1 "Big basket": division by zero"#))
  }
}
