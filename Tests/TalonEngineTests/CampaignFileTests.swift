import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Campaign files")
struct CampaignFileTests {
  /// A valid document whose first campaign's rules or other parts can be replaced.
  static func document(
    application: String = #"{"id": 1}"#, campaign: String? = nil, rules: String? = nil,
    extra: String = ""
  ) -> String {
    let rules =
      rules ?? #"[{"title": "ok", "condition": true, "effects": [["setDiscount", "d", 1]]}]"#
    let campaign = campaign ?? #"{"id": 1, "name": "c", "ruleset": {"rules": \#(rules)}}"#
    return #"""
      {"application": \#(application), "loyaltyPrograms": [{"id": 1, "name": "p", "title": "P"}],
       "campaigns": [\#(campaign)\#(extra)]}
      """#
  }

  static func failure(_ text: String) -> CampaignFileError? {
    do {
      _ = try CampaignPack.parse(Data(text.utf8), source: "test.json")
      return nil
    } catch {
      return error as? CampaignFileError
    }
  }

  @Test func demoPackLoads() throws {
    let pack = try CampaignPack.demo
    #expect(pack.application.apiKey == "demo-shop-api-key")
    #expect(pack.application.key == "fefecafedeadbeef")
    #expect(pack.campaigns.map(\.id) == [1, 2, 3, 4, 5, 6, 7, 8])
    #expect(pack.campaigns.allSatisfy { !$0.campaign.description.isEmpty })
    let coupons = pack.campaigns.flatMap(\.coupons).map(\.value)
    #expect(coupons.contains("SUMMER10") && coupons.contains("VIP-ONLY"))
    let fromFile = try CampaignPack.load(
      from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appending(path: "../../examples/demo-shop.json").path)
    #expect(fromFile.campaigns.count == pack.campaigns.count)
  }

  @Test func defaultsAreFilledIn() throws {
    let pack = try CampaignPack.parse(Data(Self.document().utf8), source: "t")
    let campaign = try #require(pack.campaigns.first).campaign
    #expect(pack.application.currency == "EUR")
    #expect(pack.application.key == nil && pack.application.apiKey == nil)
    #expect(campaign.state == .enabled && campaign.features.isEmpty && campaign.limits.isEmpty)
    #expect(campaign.description == "" && campaign.tags.isEmpty && campaign.userId == 0)
    #expect(campaign.applicationId == 1 && campaign.activeRulesetId == 1)
    #expect(RFC3339.string(from: campaign.created) == "2020-01-01T00:00:00Z")
    let violations = try TestEngine.validator.validate(encoding: campaign, against: "Campaign")
    #expect(violations.isEmpty)
  }

  @Test func errorDescriptionNamesFilePointerAndProblem() {
    let rules = #"""
      [{"title": "a", "condition": true, "effects": []},
       {"title": "b", "condition": ["foo", 1], "effects": []}]
      """#
    let error = Self.failure(Self.document(rules: rules))
    #expect(
      error?.description
        == "test.json: /campaigns/0/ruleset/rules/1/condition: unknown operator 'foo'")
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var pointer: String
    var message: String
    var testDescription: String { name }
  }

  static func rule(_ condition: String, effects: String = "[]") -> String {
    #"[{"title": "r", "condition": \#(condition), "effects": \#(effects)}]"#
  }

  static let cases: [Case] = [
    Case(name: "not JSON", text: "{", pointer: "", message: "invalid JSON"),
    Case(
      name: "not an object", text: "[]", pointer: "",
      message: "expected a campaign document (an object), got array"),
    Case(
      name: "missing application", text: #"{"campaigns": []}"#, pointer: "/application",
      message: "'application' is required"),
    Case(
      name: "missing application id", text: document(application: #"{"name": "x"}"#),
      pointer: "/application/id", message: "'id' is required"),
    Case(
      name: "bad currency", text: document(application: #"{"id": 1, "currency": "euro"}"#),
      pointer: "/application/currency", message: "'euro' is not an ISO 4217 currency code"),
    Case(
      name: "bad key", text: document(application: #"{"id": 1, "key": "xyz"}"#),
      pointer: "/application/key",
      message: "the application key must be an even number of hex digits"),
    Case(
      name: "missing campaign name",
      text: document(campaign: #"{"id": 1, "ruleset": {"rules": []}}"#),
      pointer: "/campaigns/0/name", message: "'name' is required"),
    Case(
      name: "missing ruleset", text: document(campaign: #"{"id": 1, "name": "c"}"#),
      pointer: "/campaigns/0/ruleset", message: "'ruleset' is required"),
    Case(
      name: "bad state enum",
      text: document(
        campaign: #"{"id": 1, "name": "c", "state": "paused", "ruleset": {"rules": []}}"#),
      pointer: "/campaigns/0/state",
      message: #"'paused' is not one of "enabled", "disabled", "archived""#),
    Case(
      name: "bad feature enum",
      text: document(
        campaign: #"{"id": 1, "name": "c", "features": ["gifts"], "ruleset": {"rules": []}}"#),
      pointer: "/campaigns/0/features/0",
      message: #"'gifts' is not one of "coupons", "referrals", "loyalty""#),
    Case(
      name: "bad limit action",
      text: document(
        campaign:
          #"{"id": 1, "name": "c", "limits": [{"action": "fly", "limit": 1}], "ruleset": {"rules": []}}"#
      ),
      pointer: "/campaigns/0/limits/0/action",
      message:
        #"'fly' is not one of "redeemCoupon", "redeemReferral", "setDiscount", "createCoupon", "setDiscountEffect""#
    ),
    Case(
      name: "bad limit entity",
      text: document(
        campaign:
          #"{"id": 1, "name": "c", "limits": [{"action": "redeemCoupon", "limit": 1, "entities": ["Cart"]}], "ruleset": {"rules": []}}"#
      ),
      pointer: "/campaigns/0/limits/0/entities/0",
      message: #"'Cart' is not one of "Coupon", "Referral", "Profile", "Identifier""#),
    Case(
      name: "duplicate coupon",
      text: document(
        campaign:
          #"{"id": 1, "name": "c", "ruleset": {"rules": []}, "coupons": [{"value": "XXXX"}]}"#,
        extra:
          #", {"id": 2, "name": "d", "ruleset": {"rules": []}, "coupons": [{"value": "XXXX"}]}"#
      ),
      pointer: "/campaigns/1/coupons/0/value", message: "duplicate coupon 'XXXX'"),
    Case(
      name: "short coupon value",
      text: document(
        campaign: #"{"id": 1, "name": "c", "ruleset": {"rules": []}, "coupons": [{"value": "AB"}]}"#
      ),
      pointer: "/campaigns/0/coupons/0/value", message: "a coupon value needs at least 4 characters"
    ),
    Case(
      name: "short code pattern",
      text: document(
        campaign:
          ###"{"id": 1, "name": "c", "referralSettings": {"couponPattern": "##"}, "ruleset": {"rules": []}}"###
      ),
      pointer: "/campaigns/0/referralSettings/couponPattern",
      message: "the pattern needs at least 4 characters (codes have at least 4)"),
    Case(
      name: "duplicate campaign id",
      text: document(extra: #", {"id": 1, "name": "d", "ruleset": {"rules": []}}"#),
      pointer: "/campaigns/1/id", message: "duplicate campaign id 1"),
    Case(
      name: "unknown operator", text: document(rules: rule(#"["foo", 1]"#)),
      pointer: "/campaigns/0/ruleset/rules/0/condition", message: "unknown operator 'foo'"),
    Case(
      name: "wrong arity", text: document(rules: rule(#"["not", true, false]"#)),
      pointer: "/campaigns/0/ruleset/rules/0/condition",
      message: "'not' takes 1 argument, got 2"),
    Case(
      name: "nested wrong arity", text: document(rules: rule(#"["and", true, [">", 1]]"#)),
      pointer: "/campaigns/0/ruleset/rules/0/condition/2",
      message: "'>' takes at least 2 arguments, got 1"),
    Case(
      name: "effect in a condition",
      text: document(rules: rule(#"["setDiscount", "x", 1]"#)),
      pointer: "/campaigns/0/ruleset/rules/0/condition",
      message: "'setDiscount' is an effect; effects belong in a rule's effects"),
    Case(
      name: "unknown effect",
      text: document(rules: rule("true", effects: #"[["explode", 1]]"#)),
      pointer: "/campaigns/0/ruleset/rules/0/effects/0", message: "unknown effect 'explode'"),
    Case(
      name: "not an effect", text: document(rules: rule("true", effects: #"[["+", 1, 2]]"#)),
      pointer: "/campaigns/0/ruleset/rules/0/effects/0", message: "'+' is not an effect"),
    Case(
      name: "unknown loyalty program",
      text: document(rules: rule("true", effects: #"[["addLoyaltyPoints", 9, 10]]"#)),
      pointer: "/campaigns/0/ruleset/rules/0/effects/0/1",
      message: "unknown loyalty program 9"),
    Case(
      name: "bad lambda",
      text: document(rules: rule(#"["exists", ["list", 1], 5]"#)),
      pointer: "/campaigns/0/ruleset/rules/0/condition/2",
      message: #"expected a lambda [["Item"], body]"#),
    Case(
      name: "path element not a string",
      text: document(rules: rule(#"[".", "Session", true]"#)),
      pointer: "/campaigns/0/ruleset/rules/0/condition/2",
      message: "path elements must be strings"),
    Case(
      name: "missing rule title",
      text: document(rules: #"[{"condition": true, "effects": []}]"#),
      pointer: "/campaigns/0/ruleset/rules/0/title", message: "'title' is required"),
    Case(
      name: "bad date",
      text: document(
        campaign: #"{"id": 1, "name": "c", "startTime": "soon", "ruleset": {"rules": []}}"#),
      pointer: "/campaigns/0/startTime", message: "'soon' is not an RFC 3339 date-time"),
    Case(
      name: "bad valid characters",
      text: document(
        campaign:
          #####"{"id": 1, "name": "c", "couponSettings": {"validCharacters": ["A-"], "couponPattern": "####"}, "ruleset": {"rules": []}}"#####
      ),
      pointer: "/campaigns/0/couponSettings/validCharacters/0",
      message: #"expected a character or a range like "A-Z""#),
    Case(
      name: "negative usage limit",
      text: document(
        campaign:
          #"{"id": 1, "name": "c", "ruleset": {"rules": []}, "coupons": [{"value": "XXXX", "usageLimit": -1}]}"#
      ),
      pointer: "/campaigns/0/coupons/0/usageLimit", message: "must be at least 0"),
  ]

  @Test(arguments: cases)
  func invalidFileIsRefused(_ testCase: Case) throws {
    let error = try #require(Self.failure(testCase.text))
    #expect(error.pointer == testCase.pointer)
    if testCase.name == "not JSON" {
      #expect(error.message.hasPrefix(testCase.message))
    } else {
      #expect(error.message == testCase.message)
    }
    #expect(error.source == "test.json")
  }

  @Test func unreadableFileIsRefused() {
    #expect(throws: CampaignFileError.self) {
      try CampaignPack.load(from: "/nonexistent/campaigns.json")
    }
  }
}
