import Foundation
import Logging
import TalonAPI
import TalonTestSupport
import Testing

@testable import TalonHTTP

/// `Authorization: ApiKey-v1` and `Content-Signature` on a real server
/// (`docs/behaviour.md`, "Authentication").
@Suite("Authentication of talon serve")
struct AuthenticationTests {
  let eventBody = #"{"type": "viewed", "attributes": {}, "sessionId": "s1"}"#

  private func signature(_ body: String, signer: Int = TestKeys.applicationId) -> String {
    let key = ApplicationKey(hex: TestKeys.applicationKey)
    return key.map {
      ContentSignature.sign(body: Array(body.utf8), applicationId: signer, key: $0).headerValue
    } ?? ""
  }

  @Test func missingAndWrongKeysAre401() async throws {
    let api = ScriptedAPI()
    let server = try await TestServer.start(api: api)
    let missing = try await RawHTTP.send(
      "POST", server.url + "/v1/events", json: eventBody, apiKey: nil)
    #expect(missing.status == 401)
    #expect(missing.error?.errors?.first?.title == "unauthorized")
    #expect(missing.headers["WWW-Authenticate"] == ["ApiKey-v1"])
    expectValidBody(missing)
    let wrong = try await RawHTTP.send(
      "POST", server.url + "/v1/events", json: eventBody, apiKey: "not-the-key")
    #expect(wrong.status == 401)
    expectValidBody(wrong)
    let prefix = try await RawHTTP.send(
      "POST", server.url + "/v1/events", json: eventBody, apiKey: String(TestKeys.apiKey.dropLast())
    )
    #expect(prefix.status == 401)
    #expect(await api.calls.isEmpty)

    try await server.withClient(apiKey: "not-the-key") { client in
      let error = await #expect(throws: IntegrationError.self) {
        _ = try await client.getReservedCoupons(integrationId: "p1")
      }
      #expect(error?.status == 401)
    }
    try await server.stop()
  }

  @Test func goodSignatureIsAcceptedAndBadSignatureIs400() async throws {
    let api = ScriptedAPI()
    let server = try await TestServer.start(api: api)
    let good = try await RawHTTP.send(
      "POST", server.url + "/v1/events", json: eventBody,
      headers: [("Content-Signature", signature(eventBody))], apiKey: nil)
    #expect(good.status == 201)
    expectValidBody(good, operation: .trackEvent)

    let tampered = try await RawHTTP.send(
      "POST", server.url + "/v1/events", json: eventBody + " ",
      headers: [("Content-Signature", signature(eventBody))], apiKey: nil)
    #expect(tampered.status == 400)
    #expect(tampered.error?.message == "HMAC signature mismatch.")
    expectValidBody(tampered)

    // No body: signed over "{}".
    let bodiless = try await RawHTTP.send(
      "GET", server.url + "/v1/coupon_reservations/coupons/p1",
      headers: [("Content-Signature", signature("{}"))], apiKey: nil)
    #expect(bodiless.status == 200)

    let otherSigner = try await RawHTTP.send(
      "POST", server.url + "/v1/events", json: eventBody,
      headers: [("Content-Signature", signature(eventBody, signer: 99))], apiKey: nil)
    #expect(otherSigner.status == 401)
    expectValidBody(otherSigner)
    #expect(await api.count(.trackEvent) == 1)
    try await server.stop()
  }

  @Test func aValidKeySufficesWithABadSignatureAndAGoodSignatureWithAWrongKey() async throws {
    let server = try await TestServer.start(api: ScriptedAPI())
    let keyWins = try await RawHTTP.send(
      "POST", server.url + "/v1/events", json: eventBody,
      headers: [("Content-Signature", "signer=1; signature=00")])
    #expect(keyWins.status == 201)
    let signatureChecked = try await RawHTTP.send(
      "POST", server.url + "/v1/events", json: eventBody,
      headers: [("Content-Signature", signature(eventBody))], apiKey: "wrong")
    #expect(signatureChecked.status == 201)
    try await server.stop()
  }

  @Test func theV2SessionUpdateRefusesSignatureOnlyAuthentication() async throws {
    let api = ScriptedAPI()
    let server = try await TestServer.start(api: api)
    let body = #"{"customerSession": {"profileId": "p1"}}"#
    let response = try await RawHTTP.send(
      "PUT", server.url + "/v2/customer_sessions/s1", json: body,
      headers: [("Content-Signature", signature(body))], apiKey: nil)
    #expect(response.status == 401)
    expectValidBody(response)
    #expect(await api.calls.isEmpty)

    // The signing client refuses before sending, naming the fix.
    try await server.withClient(
      apiKey: nil, appId: TestKeys.applicationId, appKey: TestKeys.applicationKey
    ) { client in
      let error = await #expect(
        throws: TalonHTTPError.apiKeyRequired(operation: "UpdateCustomerSessionV2")
      ) {
        _ = try await client.updateCustomerSessionV2(
          customerSessionId: "s1",
          body: IntegrationRequest(customerSession: NewCustomerSessionV2(profileId: "p1")))
      }
      #expect(error?.description.contains("--api-key") == true)
      // Every other operation works signed.
      let state = try await client.trackEvent(
        body: NewEvent(type: "viewed", attributes: [:], sessionId: "s1"))
      #expect(state.event.type == "viewed")
      try await client.deleteCustomerData(integrationId: "p1")
    }
    #expect(await api.count(.deleteCustomerData) == 1)
    try await server.stop()
  }

  /// Today's operations take the API key only, as today's reference declares.
  @Test(arguments: [
    ("GET", "/v2/customer_sessions/s1", ""), ("PUT", "/v2/customer_sessions/s1/reopen", ""),
    ("POST", "/v2/customer_sessions/s1/returns", #"{"return": {"returnedCartItems": []}}"#),
  ])
  func todaysOperationsRefuseSignatures(_ method: String, _ path: String, _ body: String)
    async throws
  {
    let api = ScriptedAPI()
    let server = try await TestServer.start(api: api)
    let signed = try await RawHTTP.send(
      method, server.url + path, body: body.isEmpty ? nil : Data(body.utf8),
      headers: [("Content-Signature", signature(body.isEmpty ? "{}" : body))], apiKey: nil)
    #expect(signed.status == 401)
    expectValidBody(signed)
    #expect(await api.calls.isEmpty)
    let keyed = try await RawHTTP.send(
      method, server.url + path, body: body.isEmpty ? nil : Data(body.utf8))
    #expect(keyed.status == 200)
    #expect(await api.calls.count == 1)
    try await server.stop()
  }

  @Test func aLoopbackServerWithoutKeysIsOpen() async throws {
    let server = try await TestServer.start(
      api: ScriptedAPI(), configuration: ServerConfiguration(host: "127.0.0.1", port: 0))
    let response = try await RawHTTP.send(
      "POST", server.url + "/v1/events", json: eventBody, apiKey: nil)
    #expect(response.status == 201)
    try await server.stop()
  }

  @Test func configurationRefusesAPublicBindWithoutAnExplicitKey() throws {
    let api = ScriptedAPI()
    let logger = Logger(label: "test")
    #expect(throws: TalonHTTPError.publicBindWithoutAPIKey(host: "0.0.0.0")) {
      _ = try IntegrationServer(
        api: api, configuration: ServerConfiguration(host: "0.0.0.0", port: 0), logger: logger)
    }
    #expect(throws: TalonHTTPError.publicBindWithoutAPIKey(host: "192.168.1.5")) {
      _ = try IntegrationServer(
        api: api,
        configuration: ServerConfiguration(
          host: "192.168.1.5", port: 0, apiKey: "demo", apiKeyIsExplicit: false),
        logger: logger)
    }
    #expect(throws: Never.self) {
      _ = try IntegrationServer(
        api: api, configuration: ServerConfiguration(host: "0.0.0.0", port: 0, apiKey: "mine"),
        logger: logger)
    }
    #expect(throws: TalonHTTPError.invalidApplicationKey) {
      _ = try IntegrationServer(
        api: api,
        configuration: ServerConfiguration(port: 0, applicationId: 1, applicationKey: "xyz"),
        logger: logger)
    }
    #expect(ServerConfiguration(host: "::1").isLoopback)
    #expect(ServerConfiguration(host: "localhost").isLoopback)
    #expect(!ServerConfiguration(host: "0.0.0.0").isLoopback)
  }

  /// The byte-level reading of `Authorization` agrees with the Foundation one it replaced.
  @Test(arguments: [
    "ApiKey-v1 key", "apikey-V1 key", "APIKEY-V1 key", "ApiKey-v1    key  ", "  ApiKey-v1 key",
    "\tApiKey-v1 key\t", "ApiKey-v1\tkey", "ApiKey-v1 ke\ty", "ApiKey-v1 ke y", "ApiKey-v1",
    "ApiKey-v1 ", "ApiKey-v1 \t ", "Bearer key", "ApiKey-v2 key", "ApiKey-v11 key", "", " ",
    "ApiKey-v1 kéy", "ApiKey-v1\u{00A0}key", "\u{2003}ApiKey-v1 key", "ApiKey-v1 key\u{3000}",
  ])
  func authorizationSchemeAndKeyAreReadAsBefore(value: String) {
    #expect(
      RequestAuthenticator.apiKey(fromAuthorization: value)
        == RequestAuthenticator.unicodeAPIKey(fromAuthorization: value))
  }
}
