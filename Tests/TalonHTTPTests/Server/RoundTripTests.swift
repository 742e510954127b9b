import Foundation
import TalonAPI
import Testing

@testable import TalonHTTP

/// Every operation through the HTTP client against a real server backed by `ScriptedAPI`: the
/// API receives exactly what the client sent and the client returns exactly what the API gave.
@Suite("Round trips through talon serve")
struct RoundTripTests {
  @Test func everyOperationRoundTripsThroughTheClient() async throws {
    let api = ScriptedAPI()
    let server = try await TestServer.start(api: api)
    try await server.withClient { client in
      let profileBody = NewCustomerProfile(attributes: ["name": "Ada", "age": 36])
      let profile = try await client.updateCustomerProfile(
        integrationId: "p 1/ü", body: profileBody)
      #expect(
        profile
          == Fixtures.state(sessionId: "", profileId: "p 1/ü", eventType: "talon_profile_updated"))

      let sessionBody = NewCustomerSession(
        profileId: "p1", coupon: "SUMMER10", state: .open,
        cartItems: [
          CartItem(name: "Shoe", sku: "SKU-1", quantity: 2, price: Decimal(string: "59.99") ?? 0)
        ])
      let session = try await client.updateCustomerSession(
        customerSessionId: "s1", body: sessionBody)
      #expect(
        session
          == Fixtures.state(sessionId: "s1", profileId: "p1", eventType: "talon_session_updated"))

      let v2Body = IntegrationRequest(
        customerSession: NewCustomerSessionV2(profileId: "p1", couponCodes: ["SUMMER10"]),
        responseContent: [.customerSession])
      let v2 = try await client.updateCustomerSessionV2(customerSessionId: "s2", body: v2Body)
      #expect(v2 == Fixtures.stateV2(sessionId: "s2"))

      let eventBody = NewEvent(
        profileId: "p1", type: "viewed", attributes: ["page": "home"], sessionId: "s1")
      let event = try await client.trackEvent(body: eventBody)
      #expect(event == Fixtures.state(sessionId: "s1", profileId: "p1", eventType: "viewed"))

      let reservation = CouponReservations(integrationIDs: ["p1", "p2"])
      let coupon = try await client.createCouponReservation(
        couponValue: "SUMMER10", body: reservation)
      #expect(coupon == Fixtures.coupon("SUMMER10"))
      try await client.deleteCouponReservation(couponValue: "SUMMER10", body: reservation)

      #expect(
        try await client.getReservedCoupons(integrationId: "p1")
          == InlineResponse2001(totalResultSize: 1, data: [Fixtures.coupon("SUMMER10")]))
      #expect(
        try await client.getReservedCustomers(couponValue: "SUMMER10")
          == InlineResponse200(totalResultSize: 1, data: [Fixtures.profile("p1")]))

      let referralBody = NewReferral(campaignId: 2, advocateProfileIntegrationId: "p1")
      #expect(
        try await client.createReferral(body: referralBody) == Fixtures.referral(advocate: "p1"))

      let inventory = try await client.getCustomerInventory(
        integrationId: "p1", profile: true, referrals: false)
      #expect(inventory == CustomerInventory(profile: Fixtures.profile("p1"), referrals: nil))
      try await client.deleteCustomerData(integrationId: "p1")

      // Today's profile, event and bulk operations; silent calls answer nothing (204).
      let profileV2 = CustomerProfileIntegrationRequestV2(
        attributes: ["tier": "gold"], responseContent: [.customerProfile])
      #expect(
        try await client.updateCustomerProfileV2(
          integrationId: "p2", body: profileV2, runRuleEngine: true)
          == IntegrationResponseV2(customerProfile: Fixtures.profile("p2")))
      let bulk = MultipleCustomerProfileIntegrationRequest(customerProfiles: [
        CustomerProfileUpdateItem(integrationId: "p3")
      ])
      #expect(try await client.updateCustomerProfilesV2(body: bulk) == nil)
      #expect(
        try await client.updateCustomerProfilesV2(body: bulk, silent: false)
          == MultipleCustomerProfileIntegrationResponseV2(integrationStates: [
            CustomerProfileUpdateV2Response(customerProfile: Fixtures.profile("p3"))
          ]))
      let eventV2 = IntegrationEventV2Request(type: "viewed", profileId: "p4")
      #expect(try await client.trackEventV2(body: eventV2) == nil)
      #expect(
        try await client.trackEventV2(body: eventV2, silent: false)
          == IntegrationResponseV2(customerProfile: Fixtures.profile("p4")))
      let referrals = NewReferralsForMultipleAdvocates(
        campaignId: 2, advocateProfileIntegrationIds: ["p5", "p6"], usageLimit: 1)
      #expect(try await client.createReferralsForMultipleAdvocates(body: referrals) == nil)
      #expect(
        try await client.createReferralsForMultipleAdvocates(body: referrals, silent: false)
          == InlineResponse201(
            totalResultSize: 2,
            data: [Fixtures.referral(advocate: "p5"), Fixtures.referral(advocate: "p6")]))
      #expect(
        try await client.getCustomerSession(customerSessionId: "s2")
          == IntegrationCustomerSessionResponse(
            customerSession: Fixtures.stateV2(sessionId: "s2").customerSession))
      #expect(
        try await client.reopenCustomerSession(customerSessionId: "s2")
          == ReopenSessionResponse(effects: [Fixtures.rollbackCoupon]))
      let returnBody = ReturnIntegrationRequest(
        return: NewReturn(returnedCartItems: [ReturnedCartItem(position: 0, quantity: 1)]),
        responseContent: [.previousReturns])
      let returned = try await client.returnCartItems(
        customerSessionId: "s2", body: returnBody, dry: true)
      #expect(returned.effects == [Fixtures.rollbackCoupon])

      #expect(
        try await client.getLoyaltyBalances(
          loyaltyProgramId: 7, integrationId: "p 1", endDate: Fixtures.created
        ).balance?.activePoints == 5)
      #expect(
        try await client.getLoyaltyProgramProfileTransactions(
          loyaltyProgramId: 7, integrationId: "p1",
          query: ["customerSessionIDs": .strings(["s1", "s2"])])
          == LoyaltyTransactionPage(
            hasMore: false, data: []))
      #expect(
        try await client.getLoyaltyProgramProfilePoints(loyaltyProgramId: 7, integrationId: "p1")
          .hasMore)
      #expect(
        try await client.integrationGetAllCampaigns(query: ["campaignIds": .strings(["1", "2"])])
          .data.map(\.name) == ["c"])
      let calls = await api.calls
      #expect(
        calls.map(\.operation) == [
          .updateCustomerProfile, .updateCustomerSession, .updateCustomerSessionV2, .trackEvent,
          .createCouponReservation, .deleteCouponReservation, .getReservedCoupons,
          .getReservedCustomers, .createReferral, .getCustomerInventory, .deleteCustomerData,
          .updateCustomerProfileV2, .updateCustomerProfilesV2, .updateCustomerProfilesV2,
          .trackEventV2, .trackEventV2, .createReferralsForMultipleAdvocates,
          .createReferralsForMultipleAdvocates, .getCustomerSession, .reopenCustomerSession,
          .returnCartItems, .getLoyaltyBalances, .getLoyaltyProgramProfileTransactions,
          .getLoyaltyProgramProfilePoints, .integrationGetAllCampaigns,
        ])
      #expect(Set(calls.map(\.operation)) == Set(IntegrationOperation.allCases))
      #expect(calls[0].parameter == "p 1/ü")
      #expect(calls[0].body == (try JSONValue(encoding: profileBody)))
      #expect(calls[1].body == (try JSONValue(encoding: sessionBody)))
      #expect(calls[2].body == (try JSONValue(encoding: v2Body)))
      #expect(calls[3].body == (try JSONValue(encoding: eventBody)))
      #expect(calls[5].body == (try JSONValue(encoding: reservation)))
      #expect(calls[8].body == (try JSONValue(encoding: referralBody)))
      #expect(calls[9].flags == ["profile": true, "referrals": false])
      #expect(calls[11].flags == ["runRuleEngine": true])
      #expect(calls[11].body == (try JSONValue(encoding: profileV2)))
      #expect(calls[15].body == (try JSONValue(encoding: eventV2)))
      #expect(calls[17].body == (try JSONValue(encoding: referrals)))
      #expect(calls[20].body == (try JSONValue(encoding: returnBody)))
      #expect(calls[20].flags == ["dry": true])
    }
    try await server.stop()
  }

  /// The same operations sent raw: statuses are the reference's success codes and every body
  /// validates against the operation's response schema.
  @Test(arguments: IntegrationOperation.allCases)
  func rawAnswersHaveTheSuccessStatusAndValidate(_ operation: IntegrationOperation) async throws {
    let api = ScriptedAPI()
    let server = try await TestServer.start(api: api)
    let bodies: [IntegrationOperation: String] = [
      .updateCustomerProfile: #"{"attributes": {"a": 1}}"#,
      .updateCustomerSession: #"{"profileId": "p1", "state": "closed", "total": 19.99}"#,
      .updateCustomerSessionV2:
        #"{"customerSession": {"profileId": "p1"}, "responseContent": ["customerSession"]}"#,
      .trackEvent: #"{"type": "viewed", "attributes": {}, "sessionId": "s1"}"#,
      .createCouponReservation: #"{"integrationIDs": ["p1"]}"#,
      .deleteCouponReservation: #"{"integrationIDs": ["p1"]}"#,
      .createReferral: #"{"campaignId": 2, "advocateProfileIntegrationId": "p1"}"#,
      .returnCartItems: #"{"return": {"returnedCartItems": [{"position": 0}]}}"#,
      .updateCustomerProfileV2: #"{"attributes": {"a": 1}}"#,
      .updateCustomerProfilesV2: #"{"customerProfiles": [{"integrationId": "p1"}]}"#,
      .trackEventV2: #"{"type": "viewed", "profileId": "p1"}"#,
      .createReferralsForMultipleAdvocates:
        #"{"campaignId": 2, "advocateProfileIntegrationIds": ["p1"], "usageLimit": 1}"#,
    ]
    let path = operation.path(with: operation.pathParameters.map { _ in "CODE-x1" })
    // Operations with `silent` answer their first success status with silent=no.
    let query =
      operation == .getCustomerInventory
      ? "?profile=true&referrals=true"
      : operation.queryParameter("silent") != nil ? "?silent=no" : ""
    let response = try await RawHTTP.send(
      operation.method, server.url + path + query, body: bodies[operation].map { Data($0.utf8) })
    #expect(response.status == operation.successStatus)
    expectValidBody(response, operation: operation)
    #expect(await api.count(operation) == 1)
    if operation.responseSchema != nil {
      #expect(response.headers["Content-Type"].first?.hasPrefix("application/json") == true)
    }
    try await server.stop()
  }

  /// `silent` (docs/behaviour.md, "Silent answers"): absent or `yes` is a 204 without a body,
  /// `no` the body with the first success status (other values are the engine's 400).
  @Test func silentCallsAnswer204WithoutABody() async throws {
    let api = ScriptedAPI()
    let server = try await TestServer.start(api: api)
    let url = server.url + "/v1/referrals_for_multiple_advocates"
    let body = #"{"campaignId": 2, "advocateProfileIntegrationIds": ["p1"], "usageLimit": 1}"#
    for query in ["", "?silent=yes"] {
      let silent = try await RawHTTP.send("POST", url + query, json: body)
      #expect(silent.status == 204)
      #expect(silent.body.isEmpty)
    }
    let loud = try await RawHTTP.send("POST", url + "?silent=no", json: body)
    #expect(loud.status == 201)
    #expect(loud.json?["totalResultSize"] == 1)
    // Today's operations take the API key only: a signature is refused.
    let signed = try await RawHTTP.send(
      "PUT", server.url + "/v2/customer_profiles", json: #"{"customerProfiles": []}"#,
      headers: [("Content-Signature", "signer=1; signature=00")], apiKey: nil)
    #expect(signed.status == 401)
    #expect(await api.count(.createReferralsForMultipleAdvocates) == 3)
    try await server.stop()
  }

  /// Today's request bodies are decoded as their types: a wrong type or a missing member is a
  /// 400 naming its JSON pointer, and the API is not called.
  @Test func todaysBodiesOfTheWrongShapeAreRefusedWithTheirPointer() async throws {
    let api = ScriptedAPI()
    let server = try await TestServer.start(api: api)
    let cases: [(String, String, String, String)] = [
      ("POST", "/v2/events", #"{"type": 5, "profileId": "p1"}"#, "/type"),
      (
        "PUT", "/v2/customer_profiles", #"{"customerProfiles": [{"attributes": {}}]}"#,
        "/customerProfiles/0/integrationId"
      ),
      (
        "PUT", "/v2/customer_profiles/p1", #"{"audiencesChanges": {"adds": ["x"], "deletes": []}}"#,
        "/audiencesChanges/adds/0"
      ),
      (
        "POST", "/v1/referrals_for_multiple_advocates",
        #"{"campaignId": 3, "advocateProfileIntegrationIds": ["p1"]}"#, "/usageLimit"
      ),
    ]
    for (method, path, body, pointer) in cases {
      let response = try await RawHTTP.send(method, server.url + path, json: body)
      #expect(response.status == 400, "\(path): \(response.text)")
      #expect(response.error?.errors?.first?.source.pointer == pointer, "\(path): \(response.text)")
    }
    let junk = try await RawHTTP.send("POST", server.url + "/v2/events", json: #"{"type": "#)
    #expect(junk.status == 400)
    #expect(await api.calls.isEmpty)
    try await server.stop()
  }

  @Test func healthAndReferenceDocumentNeedNoKey() async throws {
    let server = try await TestServer.start(api: ScriptedAPI())
    let health = try await RawHTTP.send("GET", server.url + "/v1/status/health", apiKey: nil)
    #expect(health.status == 200)
    #expect(health.json == ["status": "ok"])
    let document = try await RawHTTP.send("GET", server.url + "/openapi.json", apiKey: nil)
    #expect(document.status == 200)
    #expect(document.body == ServedDocument.data)
    try await server.stop()
  }

  @Test func accessLogHasOneLinePerRequestWithoutSecretsOrBodies() async throws {
    let server = try await TestServer.start(api: ScriptedAPI())
    let response = try await RawHTTP.send(
      "POST", server.url + "/v1/events",
      json: #"{"type": "secret-body-marker", "attributes": {}, "sessionId": "s1"}"#,
      headers: [("X-Request-Id", "req-42")])
    #expect(response.status == 201)
    #expect(response.headers["X-Request-Id"] == ["req-42"])
    let generated = try await RawHTTP.send("GET", server.url + "/nowhere")
    let generatedId = generated.headers["X-Request-Id"].first ?? ""
    #expect(!generatedId.isEmpty)
    try await server.stop()

    let lines = server.log.all.filter { $0.message == "request" }
    #expect(lines.count == 2)
    #expect(lines.first?.metadata["method"] == "POST")
    #expect(lines.first?.metadata["path"] == "/v1/events")
    #expect(lines.first?.metadata["status"] == "201")
    #expect(lines.first?.metadata["request_id"] == "req-42")
    #expect(lines.first.flatMap { Double($0.metadata["duration_ms"] ?? "") } != nil)
    #expect(lines.first?.metadata["duration_ms"]?.split(separator: ".").last?.count == 3)
    #expect(lines.last?.metadata["status"] == "404")
    #expect(lines.last?.metadata["request_id"] == generatedId)
    let everything = server.log.all.map { "\($0.message) \($0.metadata)" }.joined()
    #expect(!everything.contains(TestKeys.apiKey))
    #expect(!everything.contains("secret-body-marker"))
  }

  @Test func accessLogDurationsHaveThreeDecimals() {
    #expect(IntegrationResponder.milliseconds(0) == "0.000")
    #expect(IntegrationResponder.milliseconds(0.0004) == "0.000")
    #expect(IntegrationResponder.milliseconds(0.5) == "0.500")
    #expect(IntegrationResponder.milliseconds(1.2346) == "1.235")
    #expect(IntegrationResponder.milliseconds(12.04) == "12.040")
    #expect(IntegrationResponder.milliseconds(1.9996) == "2.000")
    #expect(IntegrationResponder.milliseconds(-3) == "0.000")
  }
}
