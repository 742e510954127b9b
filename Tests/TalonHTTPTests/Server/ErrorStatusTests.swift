import AsyncHTTPClient
import Foundation
import NIOCore
import TalonAPI
import Testing

@testable import TalonHTTP

/// Every documented error status of `talon serve`, each body an `ErrorResponse` that validates
/// against the reference, and the API left uncalled when the request is refused.
@Suite("Error statuses of talon serve")
struct ErrorStatusTests {
  /// Sends a raw request, checks status and body shape, and returns the decoded error.
  private func expectError(
    _ server: TestServer, _ method: String, _ path: String, json: String?, status: Int,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> ErrorResponse? {
    let response = try await RawHTTP.send(
      method, server.url + path, body: json.map { Data($0.utf8) })
    #expect(response.status == status, sourceLocation: sourceLocation)
    expectValidBody(response, sourceLocation: sourceLocation)
    return response.error
  }

  @Test func invalidJSONIs400() async throws {
    let api = ScriptedAPI()
    let server = try await TestServer.start(api: api)
    let error = try await expectError(
      server, "PUT", "/v1/customer_profiles/p1", json: #"{"attributes": "#, status: 400)
    #expect(error?.errors?.first?.title == "invalid JSON")
    let empty = try await expectError(server, "POST", "/v1/events", json: nil, status: 400)
    #expect(empty?.errors?.first?.title == "invalid JSON")
    #expect(await api.calls.isEmpty)
    try await server.stop()
  }

  @Test func missingRequiredFieldIs400WithPointer() async throws {
    let server = try await TestServer.start(api: ScriptedAPI())
    let error = try await expectError(
      server, "POST", "/v1/events", json: #"{"type": "viewed", "attributes": {}}"#, status: 400)
    #expect(error?.errors?.first?.title == "required")
    #expect(error?.errors?.first?.source.pointer == "/sessionId")
    try await server.stop()
  }

  @Test func wrongTypeIs400WithPointer() async throws {
    let server = try await TestServer.start(api: ScriptedAPI())
    let body = #"""
      {"customerSession": {"cartItems": [{"name": "Shoe", "sku": "S1", "quantity": 1, "price": "cheap"}]}}
      """#
    let error = try await expectError(
      server, "PUT", "/v2/customer_sessions/s1", json: body, status: 400)
    #expect(error?.errors?.first?.title == "type")
    #expect(error?.errors?.first?.source.pointer == "/customerSession/cartItems/0/price")
    try await server.stop()
  }

  @Test func enumViolationIs400WithTheAllowedValues() async throws {
    let server = try await TestServer.start(api: ScriptedAPI())
    let error = try await expectError(
      server, "PUT", "/v1/customer_sessions/s1", json: #"{"state": "paused"}"#, status: 400)
    #expect(error?.errors?.first?.title == "enum")
    #expect(error?.errors?.first?.source.pointer == "/state")
    #expect(
      error?.errors?.first?.details
        == #"state must be one of the following: "open", "closed", "cancelled""#)
    try await server.stop()
  }

  @Test func emptyRequiredStringIs400MinLength() async throws {
    let server = try await TestServer.start(api: ScriptedAPI())
    let error = try await expectError(
      server, "POST", "/v1/events", json: #"{"type": "", "attributes": {}, "sessionId": "s1"}"#,
      status: 400)
    #expect(error?.errors?.first?.title == "minLength")
    #expect(error?.errors?.first?.source.pointer == "/type")
    try await server.stop()
  }

  @Test func badQueryAndPathParametersAre400WithParameter() async throws {
    let server = try await TestServer.start(api: ScriptedAPI())
    let query = try await expectError(
      server, "GET", "/v1/customer_profiles/p1/inventory?profile=maybe", json: nil, status: 400)
    #expect(query?.errors?.first?.source.parameter == "profile")
    let path = try await expectError(
      server, "GET", "/v1/coupon_reservations/coupons/", json: nil, status: 400)
    #expect(path?.errors?.first?.source.parameter == "integrationId")
    try await server.stop()
  }

  @Test func undecodablePathParameterIs400() async throws {
    let dispatcher = OperationDispatcher(api: ScriptedAPI(), validator: SchemaValidator())
    await #expect(
      throws: IntegrationError.badRequest(
        "the path parameter integrationId is not valid percent-encoded UTF-8", title: "type",
        parameter: "integrationId")
    ) {
      _ = try await dispatcher.dispatch(
        .deleteCustomerData, rawParameters: ["%FF"], query: nil, body: [])
    }
  }

  @Test func unknownRouteIs404AndWrongMethodIs405() async throws {
    let server = try await TestServer.start(api: ScriptedAPI())
    _ = try await expectError(server, "GET", "/v1/nothing/here", json: nil, status: 404)
    _ = try await expectError(server, "POST", "/v1/events/", json: "{}", status: 404)
    let response = try await RawHTTP.send("GET", server.url + "/v1/events")
    #expect(response.status == 405)
    #expect(response.headers["Allow"] == ["POST"])
    expectValidBody(response)
    let reservation = try await RawHTTP.send("PUT", server.url + "/v1/coupon_reservations/C1")
    #expect(reservation.status == 405)
    #expect(reservation.headers["Allow"] == ["DELETE, POST"])
    try await server.stop()
  }

  @Test func bodyOverOneMebibyteIs413() async throws {
    let api = ScriptedAPI()
    let server = try await TestServer.start(api: api)
    let filler = String(repeating: "x", count: 1 << 20)
    let body = #"{"attributes": {"blob": "\#(filler)"}}"#
    _ = try await expectError(server, "PUT", "/v1/customer_profiles/p1", json: body, status: 413)
    #expect(await api.calls.isEmpty)
    // Just under the limit is accepted.
    let fits = String(repeating: "x", count: (1 << 20) - 40)
    let response = try await RawHTTP.send(
      "PUT", server.url + "/v1/customer_profiles/p1", json: #"{"attributes": {"b": "\#(fits)"}}"#)
    #expect(response.status == 200)
    // A chunked body (no Content-Length) over the limit is refused as well.
    var request = HTTPClientRequest(url: server.url + "/v1/customer_profiles/p2")
    request.method = .PUT
    request.headers.add(name: "Authorization", value: "ApiKey-v1 \(TestKeys.apiKey)")
    let chunks =
      [ByteBuffer(string: #"{"attributes": {"blob": ""#)]
      + Array(repeating: ByteBuffer(string: String(repeating: "y", count: 64 * 1024)), count: 17)
      + [ByteBuffer(string: #""}}"#)]
    let stream = AsyncStream<ByteBuffer> { continuation in
      for chunk in chunks { continuation.yield(chunk) }
      continuation.finish()
    }
    request.body = .stream(stream, length: .unknown)
    let chunked = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
    #expect(chunked.status.code == 413)
    #expect(await api.count(.updateCustomerProfile) == 1)
    try await server.stop()
  }

  @Test func apiErrorsPassThroughWithTheirStatusAndBody() async throws {
    let api = ScriptedAPI()
    let notFound = IntegrationError.notFound("coupon NOPE not found", parameter: "couponValue")
    let conflict = IntegrationError.conflict(
      "session s1 belongs to another profile", pointer: "/profileId")
    await api.failNext(.getReservedCustomers, with: notFound)
    await api.failNext(.updateCustomerSession, with: conflict)
    let server = try await TestServer.start(api: api)
    let raw = try await RawHTTP.send(
      "GET", server.url + "/v1/coupon_reservations/customerprofiles/NOPE")
    #expect(raw.status == 404)
    #expect(raw.error == notFound.response)
    expectValidBody(raw)

    try await server.withClient { client in
      await #expect(throws: conflict) {
        _ = try await client.updateCustomerSession(
          customerSessionId: "s1", body: NewCustomerSession(profileId: "p2"))
      }
    }
    try await server.stop()
  }

  @Test func anAPIFailureThatIsNoIntegrationErrorIs500() async throws {
    struct Broken: Error {}
    let api = ScriptedAPI()
    await api.failNext(.deleteCustomerData, with: Broken())
    let server = try await TestServer.start(api: api)
    let response = try await RawHTTP.send("DELETE", server.url + "/v1/customer_data/p1")
    #expect(response.status == 500)
    expectValidBody(response)
    try await server.stop()
  }
}
