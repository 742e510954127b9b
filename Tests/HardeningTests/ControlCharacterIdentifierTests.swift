import Foundation
import TalonAPI
import TalonEngine
import Testing

/// Issue 8, item 4: identifiers inside request bodies (profile and session ids, coupon and
/// referral codes, session identifiers, event types, reservation ids) with a control character
/// are refused like path parameters are (`IdentifierRule`): a 400 titled `type` whose
/// `source.pointer` locates the field, over HTTP and in process alike, and nothing is stored.
@Suite("Control characters in body identifiers")
struct ControlCharacterIdentifierTests {
  /// One hostile body: where it goes and which field the answer must point at.
  struct Case: Sendable, CustomTestStringConvertible {
    var operation: IntegrationOperation
    var parameter = "s1"
    var body: String
    var pointer: String

    var testDescription: String { "\(operation.operationId) \(pointer)" }

    /// The path with the parameter in place.
    var path: String {
      operation.path(with: operation.pathParameters.map { _ in parameter })
    }
  }

  /// Every identifier field of every body, each with a different control character (JSON
  /// escapes, so the body itself is valid JSON).
  static let cases: [Case] = [
    Case(
      operation: .updateCustomerSession, body: #"{"profileId": "p\u0000"}"#, pointer: "/profileId"),
    Case(
      operation: .updateCustomerSession, body: #"{"coupon": "SUMMER10\u001b[31m"}"#,
      pointer: "/coupon"),
    Case(operation: .updateCustomerSession, body: #"{"referral": "R\nX"}"#, pointer: "/referral"),
    Case(
      operation: .updateCustomerSession, body: #"{"identifiers": ["ok", "d\u007f"]}"#,
      pointer: "/identifiers/1"),
    Case(
      operation: .updateCustomerSessionV2, body: #"{"customerSession": {"profileId": "\u0001"}}"#,
      pointer: "/customerSession/profileId"),
    Case(
      operation: .updateCustomerSessionV2,
      body: #"{"customerSession": {"couponCodes": ["SUMMER10", "X\u0085"]}}"#,
      pointer: "/customerSession/couponCodes/1"),
    Case(
      operation: .updateCustomerSessionV2,
      body: #"{"customerSession": {"referralCode": "REF\r"}}"#,
      pointer: "/customerSession/referralCode"),
    Case(
      operation: .updateCustomerSessionV2,
      body: #"{"customerSession": {"profileId": "p1", "identifiers": ["\t"]}}"#,
      pointer: "/customerSession/identifiers/0"),
    Case(
      operation: .trackEvent,
      body: #"{"type": "viewed\u0000", "sessionId": "s1", "attributes": {}}"#, pointer: "/type"),
    Case(
      operation: .trackEvent,
      body: #"{"type": "viewed", "sessionId": "s\u001f", "attributes": {}}"#,
      pointer: "/sessionId"),
    Case(
      operation: .trackEvent,
      body: #"{"type": "viewed", "sessionId": "s1", "profileId": "p\u009f", "attributes": {}}"#,
      pointer: "/profileId"),
    Case(
      operation: .createCouponReservation, parameter: "SUMMER10",
      body: #"{"integrationIDs": ["p1", "p\r\n2"]}"#, pointer: "/integrationIDs/1"),
    Case(
      operation: .deleteCouponReservation, parameter: "SUMMER10",
      body: #"{"integrationIDs": ["\u0000"]}"#, pointer: "/integrationIDs/0"),
    Case(
      operation: .createReferral,
      body: #"{"campaignId": 3, "advocateProfileIntegrationId": "adv\u0000"}"#,
      pointer: "/advocateProfileIntegrationId"),
    Case(
      operation: .createReferral,
      body:
        #"{"campaignId": 3, "advocateProfileIntegrationId": "adv", "friendProfileIntegrationId": "\u001b"}"#,
      pointer: "/friendProfileIntegrationId"),
  ]

  /// The refusal every case must get: 400, title `type`, the field's pointer.
  static func expectRefusal(
    status: Int, errors: [APIError]?, message: String, _ hostile: Case, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(status == 400, "\(label) \(hostile.testDescription): \(message)")
    #expect(errors?.count == 1, "\(label) \(hostile.testDescription)")
    #expect(errors?.first?.title == "type", "\(label) \(hostile.testDescription)")
    #expect(errors?.first?.source.pointer == hostile.pointer, "\(label): \(message)")
    let field = hostile.pointer.split(separator: "/").last { Int($0) == nil } ?? ""
    #expect(message == "\(field) must not contain control characters", "\(label)")
  }

  @Test func overHTTPEachIsA400PointingAtTheFieldAndNothingIsStored() async throws {
    let live = try await LiveServer.start()
    let raw = RawClient(base: live.url)
    for hostile in Self.cases {
      let response = try await raw.send(hostile.operation.method, hostile.path, json: hostile.body)
      HostileInputTests.expectErrorShape(response, statuses: [400], hostile.testDescription)
      Self.expectRefusal(
        status: response.status, errors: response.error?.errors,
        message: response.error?.message ?? response.text, hostile, "HTTP")
    }
    #expect(try await live.engine.isFresh())
    try await raw.shutdown()
    try await live.stop()
    LoadAndRaceTests.expectNoServerErrors(live)
  }

  @Test func inProcessEachIsTheSameErrorAndNothingIsStored() async throws {
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(store: .memory, campaigns: try CampaignPack.demo))
    defer { engine.close() }
    for hostile in Self.cases {
      let error = await #expect(throws: IntegrationError.self, "\(hostile.testDescription)") {
        try await Self.call(engine, hostile)
      }
      Self.expectRefusal(
        status: error?.status ?? 0, errors: error?.response.errors,
        message: error?.response.message ?? "", hostile, "embedded")
    }
    // Path parameters follow the same rule in process as over HTTP.
    let path = await #expect(throws: IntegrationError.self) {
      _ = try await engine.updateCustomerProfile(
        integrationId: "a\u{0}b", body: NewCustomerProfile(attributes: ["tier": "gold"]))
    }
    #expect(path?.status == 400)
    #expect(path?.response.errors?.first?.source.parameter == "integrationId")
    #expect(
      path?.response.message
        == "the path parameter integrationId must not contain control characters")
    #expect(try await engine.isFresh())
  }

  @Test func otherCharactersInIdentifiersAreFine() async throws {
    let live = try await LiveServer.start()
    let raw = RawClient(base: live.url)
    // Non-ASCII letters, a no-break space (U+00A0, not a control) and an emoji are kept.
    let id = "jos\u{E9}\u{A0}\u{1F600}"
    let response = try await raw.send(
      "PUT", "/v2/customer_sessions/s-ok",
      json:
        #"{"customerSession": {"profileId": "\#(id)", "identifiers": ["\#(id)"]}, "responseContent": ["customerSession"]}"#
    )
    #expect(response.status == 200, "\(response.text.prefix(300))")
    #expect(response.json?["customerSession"]?["profileId"] == .string(id))
    #expect(try await !live.engine.isFresh())
    try await raw.shutdown()
    try await live.stop()
  }

  /// Decodes the case's body and calls the engine's operation with it.
  static func call(_ engine: EmbeddedEngine, _ hostile: Case) async throws {
    let body = Data(hostile.body.utf8)
    switch hostile.operation {
    case .updateCustomerSession:
      _ = try await engine.updateCustomerSession(
        customerSessionId: hostile.parameter,
        body: try WireCoding.decode(NewCustomerSession.self, from: body))
    case .updateCustomerSessionV2:
      _ = try await engine.updateCustomerSessionV2(
        customerSessionId: hostile.parameter,
        body: try WireCoding.decode(IntegrationRequest.self, from: body))
    case .trackEvent:
      _ = try await engine.trackEvent(body: try WireCoding.decode(NewEvent.self, from: body))
    case .createCouponReservation:
      _ = try await engine.createCouponReservation(
        couponValue: hostile.parameter,
        body: try WireCoding.decode(CouponReservations.self, from: body))
    case .deleteCouponReservation:
      try await engine.deleteCouponReservation(
        couponValue: hostile.parameter,
        body: try WireCoding.decode(CouponReservations.self, from: body))
    case .createReferral:
      _ = try await engine.createReferral(
        body: try WireCoding.decode(NewReferral.self, from: body))
    default:
      Issue.record("no case for \(hostile.operation.operationId)")
    }
  }
}
