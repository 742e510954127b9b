import Foundation
import TalonAPI

@testable import TalonScript

/// An in-test `IntegrationAPI` (the real engine is built elsewhere): records every call of any
/// catalogue operation with its first path parameter and JSON body, and answers with small but schema-valid results. It keeps
/// each session's profile and cart so that context rules can be observed.
class RecordingAPI: IntegrationAPI, @unchecked Sendable {
  /// One recorded call.
  struct Call: Sendable {
    var operation: IntegrationOperation
    var path: String?
    var body: JSONValue?
    var query: [String: Bool] = [:]
    /// What the reference schema of the request body says about it (empty: valid).
    var violations: [SchemaViolation] = []
    /// All path and query values, typed.
    var arguments = OperationArguments()
  }

  private let lock = NSLock()
  /// Whether each request body is checked against its reference schema (slow; on by default).
  let validates: Bool

  init(validates: Bool = true) {
    self.validates = validates
  }

  private var storedCalls: [Call] = []
  private var sessions: [String: (profile: String, cart: [CartItem])] = [:]
  private var queuedEffects: [[Effect]] = []
  private var queuedFailures: [any Error] = []
  private var queuedAnswers: [JSONValue] = []
  static let epoch = Date(timeIntervalSince1970: 1_591_012_800)

  var calls: [Call] { lock.withLock { storedCalls } }
  var lastCall: Call? { calls.last }

  /// The effects the next v2 session update returns.
  func queueEffects(_ effects: [Effect]) { lock.withLock { queuedEffects.append(effects) } }
  /// The JSON the next call's answer carries, as a remote backend's answer carries the JSON it
  /// received.
  func queueAnswerJSON(_ answer: JSONValue) { lock.withLock { queuedAnswers.append(answer) } }
  /// Makes the next call fail with this error.
  func queueFailure(_ error: IntegrationError) { lock.withLock { queuedFailures.append(error) } }
  /// Makes the next call fail with an error that is no answer, as a transport failure is.
  func queueTransportFailure(_ error: any Error) {
    lock.withLock { queuedFailures.append(error) }
  }

  private func record(
    _ operation: IntegrationOperation, path: String?, body: (any Encodable)?,
    query: [String: Bool] = [:], arguments: OperationArguments = OperationArguments()
  ) throws -> JSONValue? {
    let json = try body.map { try JSONValueEncoder.encode($0) }
    var violations: [SchemaViolation] = []
    if validates, let json, let schema = operation.requestSchema {
      violations = SchemaValidator().validate(json, against: schema)
    }
    return try lock.withLock {
      storedCalls.append(
        Call(
          operation: operation, path: path, body: json, query: query, violations: violations,
          arguments: arguments))
      if !queuedFailures.isEmpty { throw queuedFailures.removeFirst() }
      // `JSONValue` is itself nil-expressible: name the optional's none explicitly.
      return queuedAnswers.isEmpty ? Optional<JSONValue>.none : queuedAnswers.removeFirst()
    }
  }

  static func profile(_ id: String) -> CustomerProfile {
    CustomerProfile(
      integrationId: id, created: epoch, accountId: 1, closedSessions: 0, totalSales: 0,
      lastActivity: epoch)
  }

  static func event(_ type: String, session: String?, profile: String?) -> Event {
    Event(
      id: 1, created: epoch, applicationId: 1, profileId: profile, type: type, sessionId: session)
  }

  static func coupon(_ code: String) -> Coupon {
    Coupon(id: 1, created: epoch, campaignId: 1, value: code, usageLimit: 0, usageCounter: 0)
  }

  private func v1State(session id: String, profile: String, cart: [CartItem], type: String)
    -> IntegrationState
  {
    IntegrationState(
      session: CustomerSession(
        integrationId: id, created: Self.epoch, applicationId: 1, profileId: profile,
        cartItems: cart, firstSession: true),
      profile: Self.profile(profile), event: Self.event(type, session: id, profile: profile))
  }

  private func storeSession(_ id: String, profile: String?, cart: [CartItem]?) -> (
    profile: String, cart: [CartItem]
  ) {
    lock.withLock {
      var stored = sessions[id] ?? (profile: "", cart: [])
      if let profile, !profile.isEmpty { stored.profile = profile }
      if let cart { stored.cart = cart }
      sessions[id] = stored
      return stored
    }
  }

  func send<Request, Answer>(
    _ operation: APIOperation<Request, Answer>, _ arguments: OperationArguments, body: Request
  ) async throws -> APIAnswer<Answer> {
    let entry = operation.operation
    var query: [String: Bool] = [:]
    for (name, value) in arguments.query { query[name] = value.bool }
    let id = arguments.path.first
    let json = try record(
      entry, path: id, body: entry.requestSchema == nil ? nil : body, query: query,
      arguments: arguments)
    let silent = (try? Silence.isSilent(arguments)) ?? true
    let answer = self.answer(entry, id ?? "", query: query, silent: silent, body: body)
    guard let typed = answer as? Answer else {
      throw IntegrationError(status: 501, message: "RecordingAPI has no answer for \(entry)")
    }
    return APIAnswer(typed, json: json)
  }

  /// The answer to `operation`, keeping each session's profile and cart.
  private func answer(
    _ operation: IntegrationOperation, _ id: String, query: [String: Bool], silent: Bool,
    body: any Sendable
  ) -> any Sendable {
    switch (operation, body) {
    case (.updateCustomerProfile, _):
      return v1State(session: "", profile: id, cart: [], type: "talon_profile_updated")
    case (.updateCustomerSession, let body as NewCustomerSession):
      let stored = storeSession(id, profile: body.profileId, cart: body.cartItems)
      return v1State(
        session: id, profile: stored.profile, cart: stored.cart, type: "talon_session_updated")
    case (.updateCustomerSessionV2, let body as IntegrationRequest):
      return v2State(id, body)
    case (.trackEvent, let body as NewEvent):
      let stored = storeSession(body.sessionId, profile: body.profileId, cart: nil)
      return v1State(
        session: body.sessionId, profile: stored.profile, cart: stored.cart, type: body.type)
    case (.createCouponReservation, _):
      return Self.coupon(id)
    case (.getReservedCoupons, _):
      return InlineResponse2001(totalResultSize: 1, data: [Self.coupon("FAV10")])
    case (.getReservedCustomers, _):
      return InlineResponse200(totalResultSize: 1, data: [Self.profile("alice")])
    case (.createReferral, let body as NewReferral):
      return Referral(
        id: 1, created: Self.epoch, campaignId: body.campaignId,
        advocateProfileIntegrationId: body.advocateProfileIntegrationId,
        friendProfileIntegrationId: body.friendProfileIntegrationId, code: "REF-ABCD",
        usageCounter: 0, usageLimit: 0)
    case (.getCustomerInventory, _):
      return CustomerInventory(
        profile: query["profile"] == true ? Self.profile(id) : nil,
        referrals: query["referrals"] == true ? [] : nil)
    case (.getCustomerSession, _):
      let stored = storeSession(id, profile: nil, cart: nil)
      let total = stored.cart.reduce(Decimal(0)) { $0 + $1.price * Decimal($1.quantity) }
      return IntegrationCustomerSessionResponse(
        customerSession: CustomerSessionV2(
          integrationId: id, created: Self.epoch, applicationId: 1, profileId: stored.profile,
          state: .closed, cartItems: stored.cart, firstSession: true, total: total,
          cartItemTotal: total))
    case (.reopenCustomerSession, _):
      return ReopenSessionResponse(effects: [])
    case (.returnCartItems, _):
      return IntegrationStateV2()
    case (.getLoyaltyBalances, _):
      return LoyaltyBalances(balance: LoyaltyBalance(activePoints: 70, spentPoints: 100))
    case (.getLoyaltyProgramProfileTransactions, _):
      return LoyaltyTransactionPage(hasMore: false, data: [])
    case (.getLoyaltyProgramProfilePoints, _):
      return LoyaltyPointsPage(hasMore: false, data: [])
    case (.integrationGetAllCampaigns, _):
      return IntegrationCampaignPage(
        hasMore: false,
        data: [
          IntegrationCampaign(
            applicationId: 1, id: 1, name: "Big basket", features: [.loyalty],
            rules: [IntegrationCampaignRule(title: "5% off big baskets")])
        ])
    case (.updateCustomerProfileV2, let body as CustomerProfileIntegrationRequestV2):
      return v2Response(
        profile: id, type: "customer_profile_updated", content: body.responseContent ?? [])
    case (.updateCustomerProfilesV2, let body as MultipleCustomerProfileIntegrationRequest):
      return SilentAnswer(
        silent
          ? nil
          : MultipleCustomerProfileIntegrationResponseV2(
            integrationStates: (body.customerProfiles ?? []).map {
              CustomerProfileUpdateV2Response(customerProfile: Self.profile($0.integrationId))
            }))
    case (.trackEventV2, let body as IntegrationEventV2Request):
      return SilentAnswer(
        silent
          ? nil
          : v2Response(
            profile: body.profileId ?? "", type: body.type, content: body.responseContent ?? []))
    case (.createReferralsForMultipleAdvocates, let body as NewReferralsForMultipleAdvocates):
      let referrals = body.advocateProfileIntegrationIds.enumerated().map { index, advocate in
        Referral(
          id: index + 1, created: Self.epoch, campaignId: body.campaignId,
          advocateProfileIntegrationId: advocate, code: "REF-\(index + 1)", usageCounter: 0,
          usageLimit: body.usageLimit)
      }
      return SilentAnswer(
        silent ? nil : InlineResponse201(totalResultSize: referrals.count, data: referrals))
    default:
      return NoContent()
    }
  }

  /// Today's answer of a profile update or event, with the queued effects.
  private func v2Response(profile: String, type: String, content: [ResponseContent])
    -> IntegrationResponseV2
  {
    let effects = lock.withLock { queuedEffects.isEmpty ? [] : queuedEffects.removeFirst() }
    return IntegrationResponseV2(
      customerProfile: content.contains(.customerProfile) ? Self.profile(profile) : nil,
      event: content.contains(.event)
        ? Self.event(type, session: nil, profile: profile) : nil,
      effects: effects)
  }

  private func v2State(_ id: String, _ body: IntegrationRequest) -> IntegrationStateV2 {
    let stored = storeSession(
      id, profile: body.customerSession.profileId, cart: body.customerSession.cartItems)
    let effects = lock.withLock { queuedEffects.isEmpty ? [] : queuedEffects.removeFirst() }
    let total = stored.cart.reduce(Decimal(0)) { $0 + $1.price * Decimal($1.quantity) }
    let content = body.responseContent ?? []
    return IntegrationStateV2(
      customerSession: content.contains(.customerSession)
        ? CustomerSessionV2(
          integrationId: id, created: Self.epoch, applicationId: 1,
          profileId: stored.profile, couponCodes: body.customerSession.couponCodes,
          state: body.customerSession.state ?? .open, cartItems: stored.cart, firstSession: true,
          total: total, cartItemTotal: total)
        : nil,
      customerProfile: content.contains(.customerProfile) ? Self.profile(stored.profile) : nil,
      effects: effects)
  }
}

/// A `RecordingAPI` with a virtual clock, standing in for the embedded engine's `BackendClock`.
final class RecordingClockAPI: RecordingAPI, BackendClock, @unchecked Sendable {
  private let clockLock = NSLock()
  private var time = RecordingAPI.epoch

  func now() async -> Date { clockLock.withLock { time } }
  func setClock(to date: Date) async throws { clockLock.withLock { time = date } }
  func advanceClock(by seconds: TimeInterval) async throws {
    clockLock.withLock { time += seconds }
  }
}
