import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TalonAPI
import TalonEngine
import Testing

@testable import TalonHTTP

/// Two applications on one server and one store, in process (`app.test(.router)`): the
/// credentials choose the application, and no key reads another application's data
/// (`docs/behaviour.md`, "Several applications").
@Suite("Several applications on one server")
struct SeveralApplicationsTests {
  static let document = #"""
    {"applications": [
      {"application": {"id": 1, "name": "Shop", "apiKey": "shop-key", "key": "aa11"},
       "loyaltyPrograms": [{"id": 1, "name": "points"}],
       "campaigns": [
         {"id": 1, "name": "Shop coupons", "ruleset": {"rules": [
           {"title": "10 off", "condition": ["couponValid"], "effects": [["setDiscount", "c", 10]]}]},
          "coupons": [{"value": "SHOP10"}]},
         {"id": 3, "name": "Shop points", "ruleset": {"rules": [
           {"title": "points", "condition": true,
            "effects": [["addLoyaltyPoints", 1, ["floor", [".", "Session", "CartItemTotal"]]]]}]}}]},
      {"application": {"id": 2, "name": "Outlet", "currency": "USD", "apiKey": "outlet-key",
                       "key": "bb22"},
       "loyaltyPrograms": [{"id": 2, "name": "outlet points"}],
       "campaigns": [
         {"id": 2, "name": "Outlet coupons", "ruleset": {"rules": [
           {"title": "5 off", "condition": ["couponValid"], "effects": [["setDiscount", "c", 5]]}]},
          "coupons": [{"value": "OUTLET5"}]}]}
    ]}
    """#

  /// The two applications' engines on one in-memory store, served with test control.
  static func application() throws -> some ApplicationProtocol {
    let files = try CampaignFiles.parse(Data(document.utf8), source: "apps.json")
    let engines = try EmbeddedEngine.open(
      EngineConfiguration(store: .memory, campaigns: files.packs[0], seed: 3),
      applications: files.packs)
    let served = zip(files.packs, engines).map { pack, engine in
      ServedApplication(
        api: engine, id: pack.application.id, apiKey: pack.application.apiKey,
        applicationKey: pack.application.key,
        testControl: TestControl(reset: { try await engine.reset() }, clock: engine))
    }
    return try buildServerApplication(
      applications: served, configuration: ServerConfiguration(port: 0),
      logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
  }

  /// Sends one request with `key` (or headers of its own) and answers the status and the JSON.
  @discardableResult
  static func send(
    _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String,
    key: String?, body: String? = nil, headers extra: HTTPFields = [:]
  ) async throws -> (status: Int, json: JSONValue?) {
    var headers = extra
    if let key { headers[.authorization] = "ApiKey-v1 \(key)" }
    headers[.contentType] = "application/json"
    // The router test framework's context has no request id of its own; the client's counts.
    headers[HTTPFields.Element.Name("X-Request-Id")!] = "several-applications"
    let response = try await client.execute(
      uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    let data = Data(buffer: response.body)
    return (Int(response.status.code), data.isEmpty ? nil : try JSONValue(parsing: data))
  }

  static func session(_ coupon: String, profile: String = "alice", state: String = "open")
    -> String
  {
    #"""
    {"customerSession": {"profileId": "\#(profile)", "couponCodes": ["\#(coupon)"],
      "state": "\#(state)", "cartItems": [{"name": "a", "sku": "A", "quantity": 1, "price": 42}]},
     "responseContent": ["customerSession"]}
    """#
  }

  static func effectTypes(_ json: JSONValue?) -> [String] {
    json?["effects"]?.arrayValue?.compactMap { $0["effectType"]?.stringValue } ?? []
  }

  @Test func theSameProfileIdInTwoApplicationsIsTwoProfiles() async throws {
    try await Self.application().test(.router) { client in
      for (key, tier) in [("shop-key", "gold"), ("outlet-key", "bronze")] {
        let stored = try await Self.send(
          client, .put, "/v2/customer_profiles/alice", key: key,
          body: #"{"attributes": {"tier": "\#(tier)"}}"#)
        #expect(stored.status == 200)
      }
      for (key, tier) in [("shop-key", "gold"), ("outlet-key", "bronze")] {
        let inventory = try await Self.send(
          client, .get, "/v1/customer_profiles/alice/inventory?profile=true", key: key)
        #expect(inventory.status == 200)
        #expect(inventory.json?["profile"]?["attributes"]?["tier"]?.stringValue == tier)
      }
      let nobody = try await Self.send(
        client, .get, "/v1/customer_profiles/bob/inventory", key: "outlet-key")
      #expect(nobody.status == 404)
    }
  }

  @Test func aCouponOfOneApplicationIsUnknownInTheOther() async throws {
    try await Self.application().test(.router) { client in
      let own = try await Self.send(
        client, .put, "/v2/customer_sessions/s1", key: "shop-key", body: Self.session("SHOP10"))
      #expect(Self.effectTypes(own.json).contains("acceptCoupon"))
      let foreign = try await Self.send(
        client, .put, "/v2/customer_sessions/s1", key: "outlet-key",
        body: Self.session("SHOP10"))
      #expect(foreign.status == 200)
      let rejection = foreign.json?["effects"]?.arrayValue?.first {
        $0["effectType"]?.stringValue == "rejectCoupon"
      }
      #expect(rejection?["props"]?["rejectionReason"]?.stringValue == "CouponNotFound")
      // Session s1 of the shop is still the shop's, with its coupon.
      let shopSession = try await Self.send(
        client, .get, "/v2/customer_sessions/s1", key: "shop-key")
      #expect(shopSession.json?["customerSession"]?["couponCodes"]?[0]?.stringValue == "SHOP10")
    }
  }

  @Test func loyaltyBalancesAreKeptPerApplication() async throws {
    try await Self.application().test(.router) { client in
      let closed = try await Self.send(
        client, .put, "/v2/customer_sessions/s1", key: "shop-key",
        body: Self.session("NONE", state: "closed"))
      #expect(Self.effectTypes(closed.json).contains("addLoyaltyPoints"))
      let shop = try await Self.send(
        client, .get, "/v1/loyalty_programs/1/profile/alice/balances", key: "shop-key")
      #expect(shop.status == 200, "\(String(describing: shop.json))")
      #expect(shop.json?["balance"]?["activePoints"]?.jsonText == "42")
      // The outlet has no program 1 (program ids are global), and alice has no points in its own.
      let foreignProgram = try await Self.send(
        client, .get, "/v1/loyalty_programs/1/profile/alice/balances", key: "outlet-key")
      #expect(foreignProgram.status == 404)
      try await Self.send(
        client, .put, "/v2/customer_profiles/alice", key: "outlet-key", body: "{}")
      let outlet = try await Self.send(
        client, .get, "/v1/loyalty_programs/2/profile/alice/balances", key: "outlet-key")
      #expect(outlet.status == 200)
      #expect(outlet.json?["balance"]?["activePoints"]?.jsonText == "0")
    }
  }

  @Test func aKeyOfNoApplicationIsTalonOnes401() async throws {
    try await Self.application().test(.router) { client in
      for key in ["nobodys-key", "shop-key-", "SHOP-KEY"] {
        let answer = try await Self.send(client, .get, "/v1/integration/campaigns", key: key)
        #expect(answer.status == 401)
        #expect(answer.json?["message"]?.stringValue == "invalid API key")
        #expect(answer.json?["errors"]?[0]?["title"]?.stringValue == "unauthorized")
      }
      let none = try await Self.send(client, .get, "/v1/integration/campaigns", key: nil)
      #expect(none.status == 401)
    }
  }

  @Test func theSignerChoosesTheApplication() async throws {
    try await Self.application().test(.router) { client in
      let body = #"{"profileId": "signed", "type": "viewed", "attributes": {}, "sessionId": "e1"}"#
      func signature(_ id: Int, _ hex: String) -> String {
        ContentSignature.sign(
          body: Array(body.utf8), applicationId: id, key: ApplicationKey(hex: hex)!
        ).headerValue
      }
      let signed = try await Self.send(
        client, .post, "/v1/events", key: nil, body: body,
        headers: [HTTPFields.Element.Name("Content-Signature")!: signature(2, "bb22")])
      #expect(signed.status == 201, "\(String(describing: signed.json))")
      let outlet = try await Self.send(
        client, .get, "/v1/customer_profiles/signed/inventory", key: "outlet-key")
      #expect(outlet.status == 200)
      let shop = try await Self.send(
        client, .get, "/v1/customer_profiles/signed/inventory", key: "shop-key")
      #expect(shop.status == 404)
      // Application 2's id with application 1's key does not verify; an unknown signer is a 401.
      let crossed = try await Self.send(
        client, .post, "/v1/events", key: nil, body: body,
        headers: [HTTPFields.Element.Name("Content-Signature")!: signature(2, "aa11")])
      #expect(crossed.status == 400)
      let unknown = try await Self.send(
        client, .post, "/v1/events", key: nil, body: body,
        headers: [HTTPFields.Element.Name("Content-Signature")!: signature(9, "aa11")])
      #expect(unknown.status == 401)
    }
  }

  @Test func eachKeyListsItsApplicationsCampaigns() async throws {
    try await Self.application().test(.router) { client in
      for (key, ids) in [("shop-key", ["1", "3"]), ("outlet-key", ["2"])] {
        let answer = try await Self.send(client, .get, "/v1/integration/campaigns", key: key)
        #expect(answer.status == 200)
        #expect(answer.json?["data"]?.arrayValue?.compactMap { $0["id"]?.jsonText } == ids)
      }
    }
  }

  @Test func testControlResetsAndMovesOnlyTheKeysApplication() async throws {
    try await Self.application().test(.router) { client in
      for key in ["shop-key", "outlet-key"] {
        try await Self.send(
          client, .put, "/v2/customer_profiles/alice", key: key, body: "{}")
      }
      let reset = try await Self.send(client, .post, "/talon/test/reset", key: "outlet-key")
      #expect(reset.status == 204)
      let gone = try await Self.send(
        client, .get, "/v1/customer_profiles/alice/inventory", key: "outlet-key")
      #expect(gone.status == 404)
      let kept = try await Self.send(
        client, .get, "/v1/customer_profiles/alice/inventory", key: "shop-key")
      #expect(kept.status == 200)
      let advanced = try await Self.send(
        client, .post, "/talon/test/clock/advance", key: "shop-key", body: #"{"seconds": 3600}"#)
      #expect(advanced.json?["now"]?.stringValue == "2020-06-01T13:00:00Z")
      let other = try await Self.send(client, .get, "/talon/test/clock", key: "outlet-key")
      #expect(other.json?["now"]?.stringValue == "2020-06-01T12:00:00Z")
      let refused = try await Self.send(client, .post, "/talon/test/reset", key: "nobodys-key")
      #expect(refused.status == 401)
    }
  }

  @Test func everyApplicationNeedsAKeyOfItsOwn() throws {
    let api = try EmbeddedEngine(
      configuration: EngineConfiguration(store: .memory, campaigns: try .demo))
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    #expect(throws: TalonHTTPError.applicationWithoutOwnKey(id: 2)) {
      _ = try IntegrationServer(
        applications: [
          ServedApplication(api: api, id: 1, apiKey: "k"),
          ServedApplication(api: api, id: 2, apiKey: nil),
        ], configuration: ServerConfiguration(port: 0), logger: logger)
    }
    #expect(throws: TalonHTTPError.applicationWithoutOwnKey(id: 2)) {
      _ = try IntegrationServer(
        applications: [
          ServedApplication(api: api, id: 1, apiKey: "k"),
          ServedApplication(api: api, id: 2, apiKey: "k"),
        ], configuration: ServerConfiguration(port: 0), logger: logger)
    }
  }
}
