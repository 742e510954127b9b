import Foundation
import TalonAPI

/// A small, real `IntegrationAPI` for driving the HTTP server in tests: it records every call
/// of any catalogue operation (operation, first path parameter, decoded body as JSON, query
/// flags), answers with `Fixtures`, and
/// can be scripted to fail (errors queued per operation) or to hold a call until released.
actor ScriptedAPI: IntegrationAPI {
  struct Call: Equatable, Sendable {
    var operation: IntegrationOperation
    var parameter: String?
    var body: JSONValue?
    var flags: [String: Bool] = [:]
  }

  private(set) var calls: [Call] = []
  private var failures: [IntegrationOperation: [any Error]] = [:]
  private var holds: [IntegrationOperation: (entered: Signal, release: Signal)] = [:]

  /// Makes the next call of `operation` throw `error` (queued in order).
  func failNext(_ operation: IntegrationOperation, with error: any Error) {
    failures[operation, default: []].append(error)
  }

  /// Makes calls of `operation` wait for `release` after firing `entered`.
  func hold(_ operation: IntegrationOperation, entered: Signal, release: Signal) {
    holds[operation] = (entered, release)
  }

  func count(_ operation: IntegrationOperation) -> Int {
    calls.filter { $0.operation == operation }.count
  }

  func send<Request, Answer>(
    _ operation: APIOperation<Request, Answer>, _ arguments: OperationArguments, body: Request
  ) async throws -> APIAnswer<Answer> {
    let entry = operation.operation
    var flags: [String: Bool] = [:]
    for (name, value) in arguments.query { flags[name] = value.bool }
    calls.append(
      Call(
        operation: entry, parameter: arguments.path.first,
        body: entry.requestSchema == nil ? JSONValue?.none : try JSONValue(encoding: body),
        flags: flags))
    if let hold = holds[entry] {
      hold.entered.fire()
      await hold.release.wait()
    }
    if var queue = failures[entry], !queue.isEmpty {
      let error = queue.removeFirst()
      failures[entry] = queue
      throw error
    }
    let silent = (try? Silence.isSilent(arguments)) ?? true
    let answer = Self.answer(
      entry, arguments.path.first ?? "", flags: flags, silent: silent, body: body)
    guard let typed = answer as? Answer else {
      throw IntegrationError(status: 501, message: "ScriptedAPI has no answer for \(entry)")
    }
    return APIAnswer(typed)
  }

  /// The fixture answering `operation`.
  private static func answer(
    _ operation: IntegrationOperation, _ id: String, flags: [String: Bool], silent: Bool,
    body: any Sendable
  ) -> any Sendable {
    switch operation {
    case .updateCustomerProfile:
      return Fixtures.state(sessionId: "", profileId: id, eventType: "talon_profile_updated")
    case .updateCustomerSession:
      return Fixtures.state(
        sessionId: id, profileId: (body as? NewCustomerSession)?.profileId ?? "p1",
        eventType: "talon_session_updated")
    case .updateCustomerSessionV2:
      return Fixtures.stateV2(sessionId: id)
    case .trackEvent:
      let event = body as? NewEvent
      return Fixtures.state(
        sessionId: event?.sessionId ?? "", profileId: event?.profileId ?? "p1",
        eventType: event?.type ?? "")
    case .createCouponReservation:
      return Fixtures.coupon(id)
    case .getReservedCoupons:
      return InlineResponse2001(totalResultSize: 1, data: [Fixtures.coupon("SUMMER10")])
    case .getReservedCustomers:
      return InlineResponse200(totalResultSize: 1, data: [Fixtures.profile("p1")])
    case .createReferral:
      return Fixtures.referral(advocate: (body as? NewReferral)?.advocateProfileIntegrationId ?? "")
    case .getCustomerInventory:
      return CustomerInventory(
        profile: flags["profile"] == true ? Fixtures.profile(id) : nil,
        referrals: flags["referrals"] == true ? [Fixtures.referral(advocate: id)] : nil)
    case .getCustomerSession:
      return IntegrationCustomerSessionResponse(
        customerSession: Fixtures.stateV2(sessionId: id).customerSession)
    case .reopenCustomerSession:
      return ReopenSessionResponse(effects: [Fixtures.rollbackCoupon])
    case .returnCartItems:
      var state = Fixtures.stateV2(sessionId: id)
      state.effects = [Fixtures.rollbackCoupon]
      return state
    case .getLoyaltyBalances:
      return LoyaltyBalances(balance: LoyaltyBalance(activePoints: 5), subledgerBalances: [:])
    case .getLoyaltyProgramProfileTransactions:
      return LoyaltyTransactionPage(hasMore: false, data: [])
    case .getLoyaltyProgramProfilePoints:
      return LoyaltyPointsPage(hasMore: true, data: [])
    case .integrationGetAllCampaigns:
      return IntegrationCampaignPage(
        hasMore: false, data: [IntegrationCampaign(applicationId: 1, id: 1, name: "c")])
    case .updateCustomerProfileV2:
      return IntegrationResponseV2(customerProfile: Fixtures.profile(id))
    case .updateCustomerProfilesV2:
      let ids = (body as? MultipleCustomerProfileIntegrationRequest)?.customerProfiles ?? []
      return SilentAnswer(
        silent
          ? nil
          : MultipleCustomerProfileIntegrationResponseV2(
            integrationStates: ids.map {
              CustomerProfileUpdateV2Response(customerProfile: Fixtures.profile($0.integrationId))
            }))
    case .trackEventV2:
      let profile = (body as? IntegrationEventV2Request)?.profileId ?? "p1"
      return SilentAnswer(
        silent ? nil : IntegrationResponseV2(customerProfile: Fixtures.profile(profile)))
    case .createReferralsForMultipleAdvocates:
      let advocates =
        (body as? NewReferralsForMultipleAdvocates)?.advocateProfileIntegrationIds ?? []
      return SilentAnswer(
        silent
          ? nil
          : InlineResponse201(
            totalResultSize: advocates.count,
            data: advocates.map { Fixtures.referral(advocate: $0) }))
    default:
      return NoContent()
    }
  }
}
