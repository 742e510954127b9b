import Foundation
import Synchronization
import TalonAPI

/// What one call of the differential script gave: the JSON of its result, or the status and
/// `ErrorResponse` body of its `IntegrationError`, or another failure (which the test rejects).
enum CallOutcome: Hashable, Sendable, CustomStringConvertible {
  case success(JSONValue)
  case noContent
  case failure(status: Int, body: JSONValue)
  case unexpected(String)

  var description: String {
    switch self {
    case .success(let json): "success \(json.jsonText)"
    case .noContent: "no content"
    case .failure(let status, let body): "\(status) \(body.jsonText)"
    case .unexpected(let text): "unexpected failure: \(text)"
    }
  }
}

/// The record of one run of the script: each call's label, operation and outcome, in order.
final class Transcript: @unchecked Sendable {
  struct Step: Sendable {
    var label: String
    var operation: IntegrationOperation
    var outcome: CallOutcome
  }

  private let recorded = Mutex<[Step]>([])
  var steps: [Step] { recorded.withLock { $0 } }

  /// Calls `body` and records its outcome; the result when it succeeded.
  @discardableResult
  func call<T: Encodable & Sendable>(
    _ label: String, _ operation: IntegrationOperation, _ body: () async throws -> T
  ) async -> T? {
    do {
      let value = try await body()
      record(label, operation, (try? JSONValue(encoding: value)).map(CallOutcome.success))
      return value
    } catch {
      record(label, operation, Self.outcome(of: error))
      return nil
    }
  }

  /// The same for the operations that answer 204 without a body.
  func callWithoutResult(
    _ label: String, _ operation: IntegrationOperation, _ body: () async throws -> Void
  ) async {
    do {
      try await body()
      record(label, operation, .noContent)
    } catch {
      record(label, operation, Self.outcome(of: error))
    }
  }

  private func record(_ label: String, _ operation: IntegrationOperation, _ outcome: CallOutcome?) {
    let step = Step(
      label: label, operation: operation,
      outcome: outcome ?? .unexpected("the result does not encode"))
    recorded.withLock { $0.append(step) }
  }

  private static func outcome(of error: any Error) -> CallOutcome {
    guard let error = error as? IntegrationError,
      let body = try? JSONValue(encoding: error.response)
    else { return .unexpected("\(error)") }
    return .failure(status: error.status, body: body)
  }
}

/// One scripted sequence of Integration API calls over the demo pack, run against any
/// `IntegrationAPI`: profiles (create, merge, remove an attribute), sessions v1 and v2 through
/// open, close, repeated close, cancel (revoke) and illegal transitions, coupons (accepted,
/// unknown, limited, reserved-only), events (custom, notification, created coupon, `talon_`
/// refused), reservations (create, list both ways, delete, unknown coupon), referrals (create,
/// redeem by a friend, wrong campaign), inventory and customer data deletion. Values a call
/// returns (a referral code) feed later calls of the same run, so each backend is driven by
/// its own answers.
enum DifferentialScript {
  static func run(_ api: any IntegrationAPI, into transcript: Transcript) async {
    await profiles(api, transcript)
    await sessionsV2(api, transcript)
    await sessionLifecycle(api, transcript)
    await sessionsV1(api, transcript)
    await events(api, transcript)
    await reservations(api, transcript)
    await referrals(api, transcript)
    await loyaltyAndCampaigns(api, transcript)
    await inventoryAndDeletion(api, transcript)
    await todaysProfilesAndEvents(api, transcript)
  }

  static func v2(
    _ profile: String?, codes: [String]? = nil, referral: String? = nil,
    state: SessionState? = nil, cart: [CartItem]? = nil, attributes: JSONValue? = nil,
    content: [ResponseContent]? = ResponseContent.known
  ) -> IntegrationRequest {
    IntegrationRequest(
      customerSession: NewCustomerSessionV2(
        profileId: profile, couponCodes: codes, referralCode: referral, state: state,
        cartItems: cart, attributes: attributes),
      responseContent: content)
  }

  private static func profiles(_ api: any IntegrationAPI, _ t: Transcript) async {
    await t.call("alice created", .updateCustomerProfile) {
      try await api.updateCustomerProfile(
        integrationId: "alice",
        body: NewCustomerProfile(attributes: ["name": "Alice", "tier": "gold"]))
    }
    await t.call("alice tier removed", .updateCustomerProfile) {
      try await api.updateCustomerProfile(
        integrationId: "alice", body: NewCustomerProfile(attributes: ["tier": nil, "city": "Oslo"]))
    }
    await t.call("bob created", .updateCustomerProfile) {
      try await api.updateCustomerProfile(integrationId: "bob", body: NewCustomerProfile())
    }
  }

  private static func sessionsV2(_ api: any IntegrationAPI, _ t: Transcript) async {
    let cart = testCart(10)
    await t.call("v2 open with coupons", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "alice-1",
        body: v2("alice", codes: ["SUMMER10", "NOPE", "SPRING19", "BLACKFRIDAY"], cart: cart))
    }
    let close = v2("alice", codes: ["SUMMER10", "NOPE"], state: .closed, cart: cart)
    await t.call("v2 close", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(customerSessionId: "alice-1", body: close)
    }
    await t.call("v2 repeated close", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(customerSessionId: "alice-1", body: close)
    }
    await t.call("v2 change of a closed session", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "alice-1", body: v2("alice", cart: testCart(2)))
    }
    await t.call("v2 other profile", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(customerSessionId: "alice-1", body: v2("bob"))
    }
    await t.call("v2 revoke", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "alice-1", body: v2(nil, state: .cancelled))
    }
    await t.call("v2 reopen a cancelled session", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "alice-1", body: v2(nil, state: .open))
    }
    await t.call("v2 burn points", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "alice-2",
        body: v2("alice", state: .closed, cart: cart, attributes: ["usePoints": true]))
    }
    await t.call("v2 anonymous", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "anon/1 ü", body: v2("", cart: testCart(3), content: nil))
    }
    await t.call("v2 cancel an open session", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "anon/1 ü", body: v2(nil, state: .cancelled, content: [.event]))
    }
    await t.call("v2 evaluable campaigns only", .updateCustomerSessionV2) {
      var body = v2("bob", codes: ["SUMMER10", "VIP-ONLY"], cart: cart)
      body.customerSession.evaluableCampaignIds = [2]
      return try await api.updateCustomerSessionV2(
        customerSessionId: "bob-evaluable", body: body, dry: true)
    }
    await t.call("v2 rule failure reasons and a sku-only item", .updateCustomerSessionV2) {
      let body = v2(
        "bob", codes: ["VIP-ONLY"],
        cart: [CartItem(name: "SKU-ONLY", sku: "SKU-ONLY", quantity: 2, price: 0)],
        content: [.ruleFailureReasons, .awardedGiveaways, .previousReturns, .campaignEligibility])
      return try await api.updateCustomerSessionV2(customerSessionId: "bob-reasons", body: body)
    }
    await t.call("v2 unknown responseContent", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "alice-3", body: v2("alice", content: ["everything"]))
    }
  }

  /// Today's lifecycle: read, return part of a closed session, reopen, and their errors.
  private static func sessionLifecycle(_ api: any IntegrationAPI, _ t: Transcript) async {
    await t.call("get a session", .getCustomerSession) {
      try await api.getCustomerSession(customerSessionId: "alice-2")
    }
    await t.call("get an unknown session", .getCustomerSession) {
      try await api.getCustomerSession(customerSessionId: "nobody-1")
    }
    await t.call("close a session to return from", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "alice-r", body: v2("alice", state: .closed, cart: testCart(4)))
    }
    func returning(_ items: [ReturnedCartItem]) -> ReturnIntegrationRequest {
      ReturnIntegrationRequest(
        return: NewReturn(returnedCartItems: items),
        responseContent: [
          .customerSession, .customerProfile, .coupons, .triggeredCampaigns, .referral, .loyalty,
          .event, .previousReturns,
        ])
    }
    await t.call("return one unit", .returnCartItems) {
      try await api.returnCartItems(
        customerSessionId: "alice-r", body: returning([ReturnedCartItem(position: 0, quantity: 1)]))
    }
    await t.call("return an unknown position", .returnCartItems) {
      try await api.returnCartItems(
        customerSessionId: "alice-r", body: returning([ReturnedCartItem(position: 99)]))
    }
    await t.call("return more than is left", .returnCartItems) {
      try await api.returnCartItems(
        customerSessionId: "alice-r",
        body: returning([ReturnedCartItem(position: 1, quantity: 1000)]))
    }
    await t.call("reopen a partially returned session", .reopenCustomerSession) {
      try await api.reopenCustomerSession(customerSessionId: "alice-r")
    }
    await t.call("close to reopen", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "alice-o", body: v2("alice", state: .closed, cart: testCart(2)))
    }
    await t.call("reopen", .reopenCustomerSession) {
      try await api.reopenCustomerSession(customerSessionId: "alice-o")
    }
  }

  private static func sessionsV1(_ api: any IntegrationAPI, _ t: Transcript) async {
    await t.call("v1 open with FLASH3", .updateCustomerSession) {
      try await api.updateCustomerSession(
        customerSessionId: "bob-1",
        body: NewCustomerSession(profileId: "bob", coupon: "FLASH3", cartItems: testCart(4)))
    }
    await t.call("v1 other profile", .updateCustomerSession) {
      try await api.updateCustomerSession(
        customerSessionId: "bob-1", body: NewCustomerSession(profileId: "alice"))
    }
    await t.call("v1 close with a total", .updateCustomerSession) {
      try await api.updateCustomerSession(
        customerSessionId: "bob-1", body: NewCustomerSession(state: .closed, total: 120))
    }
    await t.call("v1 illegal closed to open", .updateCustomerSession) {
      try await api.updateCustomerSession(
        customerSessionId: "bob-1", body: NewCustomerSession(state: .open))
    }
  }

  private static func events(_ api: any IntegrationAPI, _ t: Transcript) async {
    await t.call("newsletter event", .trackEvent) {
      try await api.trackEvent(
        body: NewEvent(
          profileId: "bob", type: "newsletter_signup", attributes: ["name": "Bob"],
          sessionId: "bob-2"))
    }
    await t.call("plain event", .trackEvent) {
      try await api.trackEvent(body: NewEvent(profileId: "carol", type: "viewed", sessionId: "c-1"))
    }
    await t.call("talon_ event refused", .trackEvent) {
      try await api.trackEvent(body: NewEvent(profileId: "bob", type: "talon_x", sessionId: "b-3"))
    }
    await t.call("event on another profile's session", .trackEvent) {
      try await api.trackEvent(
        body: NewEvent(profileId: "carol", type: "viewed", sessionId: "bob-1"))
    }
  }

  private static func reservations(_ api: any IntegrationAPI, _ t: Transcript) async {
    let both = CouponReservations(integrationIDs: ["alice", "dave"])
    await t.call("reserve VIP-ONLY", .createCouponReservation) {
      try await api.createCouponReservation(couponValue: "VIP-ONLY", body: both)
    }
    await t.call("reserve again (idempotent)", .createCouponReservation) {
      try await api.createCouponReservation(couponValue: "VIP-ONLY", body: both)
    }
    await t.call("reserve an unknown coupon", .createCouponReservation) {
      try await api.createCouponReservation(couponValue: "NO-SUCH", body: both)
    }
    await t.call("alice's reserved coupons", .getReservedCoupons) {
      try await api.getReservedCoupons(integrationId: "alice")
    }
    await t.call("VIP-ONLY's customers", .getReservedCustomers) {
      try await api.getReservedCustomers(couponValue: "VIP-ONLY")
    }
    await t.call("unknown coupon's customers", .getReservedCustomers) {
      try await api.getReservedCustomers(couponValue: "NO-SUCH")
    }
    await t.call("v2 VIP-ONLY reserved", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "alice-4", body: v2("alice", codes: ["VIP-ONLY"], cart: testCart(5)))
    }
    await t.callWithoutResult("unreserve dave", .deleteCouponReservation) {
      try await api.deleteCouponReservation(
        couponValue: "VIP-ONLY", body: CouponReservations(integrationIDs: ["dave"]))
    }
    await t.callWithoutResult("unreserve an unknown coupon", .deleteCouponReservation) {
      try await api.deleteCouponReservation(
        couponValue: "NO-SUCH", body: CouponReservations(integrationIDs: ["dave"]))
    }
    await t.call("v2 VIP-ONLY not reserved", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "dave-1", body: v2("dave", codes: ["VIP-ONLY"], cart: testCart(5)))
    }
  }

  private static func referrals(_ api: any IntegrationAPI, _ t: Transcript) async {
    let referral = await t.call("referral for alice", .createReferral) {
      try await api.createReferral(
        body: NewReferral(campaignId: 3, advocateProfileIntegrationId: "alice"))
    }
    await t.call("referral of a non-referral campaign", .createReferral) {
      try await api.createReferral(
        body: NewReferral(campaignId: 1, advocateProfileIntegrationId: "alice"))
    }
    let code = referral?.code ?? "REF-MISSING"
    await t.call("advocate uses own code", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "alice-5", body: v2("alice", referral: code, cart: testCart(2)))
    }
    await t.call("friend closes with the code", .updateCustomerSessionV2) {
      try await api.updateCustomerSessionV2(
        customerSessionId: "erin-1",
        body: v2("erin", referral: code, state: .closed, cart: testCart(6)))
    }
  }

  /// Today's loyalty reads over alice's ledger, the campaign listing, and today's referral and
  /// inventory fields.
  private static func loyaltyAndCampaigns(_ api: any IntegrationAPI, _ t: Transcript) async {
    await t.call("alice's balances", .getLoyaltyBalances) {
      try await api.getLoyaltyBalances(loyaltyProgramId: 1, integrationId: "alice")
    }
    await t.call("balances of an unknown program", .getLoyaltyBalances) {
      try await api.getLoyaltyBalances(loyaltyProgramId: 42, integrationId: "alice")
    }
    await t.call("alice's transactions", .getLoyaltyProgramProfileTransactions) {
      try await api.getLoyaltyProgramProfileTransactions(
        loyaltyProgramId: 1, integrationId: "alice")
    }
    await t.call("a page of alice's transactions", .getLoyaltyProgramProfileTransactions) {
      try await api.getLoyaltyProgramProfileTransactions(
        loyaltyProgramId: 1, integrationId: "alice",
        query: ["pageSize": .integer(1), "customerSessionIDs": .strings(["alice-2", "alice-3"])])
    }
    await t.call("alice's unspent points", .getLoyaltyProgramProfilePoints) {
      try await api.getLoyaltyProgramProfilePoints(loyaltyProgramId: 1, integrationId: "alice")
    }
    await t.call("points of an unknown status", .getLoyaltyProgramProfilePoints) {
      try await api.getLoyaltyProgramProfilePoints(
        loyaltyProgramId: 1, integrationId: "alice", query: ["status": .string("spent")])
    }
    await t.call("running campaigns", .integrationGetAllCampaigns) {
      try await api.integrationGetAllCampaigns()
    }
    await t.call("two campaigns by id", .integrationGetAllCampaigns) {
      try await api.integrationGetAllCampaigns(query: ["campaignIds": .strings(["2", "4"])])
    }
    var limited = NewReferral(campaignId: 3, advocateProfileIntegrationId: "alice")
    limited.usageLimit = 2
    limited.attributes = ["channel": "email"]
    await t.call("referral with its own limit", .createReferral) {
      try await api.createReferral(body: limited)
    }
    await t.call("alice's inventory, today's parts", .getCustomerInventory) {
      try await api.getCustomerInventory(
        integrationId: "alice", profile: nil, referrals: true, coupons: true, loyalty: true,
        giveaways: true, achievements: true)
    }
  }

  private static func inventoryAndDeletion(_ api: any IntegrationAPI, _ t: Transcript) async {
    await t.call("alice's inventory", .getCustomerInventory) {
      try await api.getCustomerInventory(integrationId: "alice", profile: true, referrals: true)
    }
    await t.call("inventory without flags", .getCustomerInventory) {
      try await api.getCustomerInventory(integrationId: "bob", profile: nil, referrals: nil)
    }
    await t.call("unknown profile's inventory", .getCustomerInventory) {
      try await api.getCustomerInventory(integrationId: "nobody", profile: true, referrals: true)
    }
    await t.callWithoutResult("delete bob", .deleteCustomerData) {
      try await api.deleteCustomerData(integrationId: "bob")
    }
    await t.call("deleted bob's inventory", .getCustomerInventory) {
      try await api.getCustomerInventory(integrationId: "bob", profile: true, referrals: nil)
    }
    await t.callWithoutResult("delete an unknown profile", .deleteCustomerData) {
      try await api.deleteCustomerData(integrationId: "nobody")
    }
  }

  /// Today's profile, event and bulk operations, silent and not, with their refusals.
  private static func todaysProfilesAndEvents(_ api: any IntegrationAPI, _ t: Transcript) async {
    let content: [ResponseContent] = [.customerProfile, .triggeredCampaigns, .loyalty, .event]
    await t.call("v2 profile with rules", .updateCustomerProfileV2) {
      try await api.updateCustomerProfileV2(
        integrationId: "erin",
        body: CustomerProfileIntegrationRequestV2(
          attributes: ["name": "Erin"], responseContent: content), runRuleEngine: true)
    }
    await t.call("v2 profile without rules", .updateCustomerProfileV2) {
      try await api.updateCustomerProfileV2(
        integrationId: "erin", body: CustomerProfileIntegrationRequestV2(attributes: ["a": 1]))
    }
    await t.call("v2 profile dry", .updateCustomerProfileV2) {
      try await api.updateCustomerProfileV2(
        integrationId: "ghost", body: CustomerProfileIntegrationRequestV2(responseContent: content),
        runRuleEngine: true, dry: true)
    }
    await t.call("v2 profile content without rules", .updateCustomerProfileV2) {
      try await api.updateCustomerProfileV2(
        integrationId: "erin", body: CustomerProfileIntegrationRequestV2(responseContent: content))
    }
    let bulk = MultipleCustomerProfileIntegrationRequest(customerProfiles: [
      CustomerProfileUpdateItem(integrationId: "fay", attributes: ["tier": "silver"]),
      CustomerProfileUpdateItem(integrationId: "erin", attributes: ["a": nil]),
    ])
    await t.call("bulk profiles, silent", .updateCustomerProfilesV2) {
      try await api.updateCustomerProfilesV2(body: bulk)
    }
    await t.call("bulk profiles", .updateCustomerProfilesV2) {
      try await api.updateCustomerProfilesV2(body: bulk, silent: false)
    }
    await t.call("bulk profile without id", .updateCustomerProfilesV2) {
      try await api.updateCustomerProfilesV2(
        body: MultipleCustomerProfileIntegrationRequest(customerProfiles: [
          CustomerProfileUpdateItem(integrationId: "")
        ]), silent: false)
    }
    let signup = IntegrationEventV2Request(
      type: "newsletter_signup", profileId: "fay", attributes: ["name": "Fay"],
      responseContent: content)
    await t.call("v2 event", .trackEventV2) {
      try await api.trackEventV2(body: signup, silent: false)
    }
    await t.call("v2 event, silent", .trackEventV2) {
      try await api.trackEventV2(body: signup)
    }
    await t.call("v2 event dry", .trackEventV2) {
      try await api.trackEventV2(body: signup, silent: false, dry: true)
    }
    await t.call("v2 event without profile", .trackEventV2) {
      try await api.trackEventV2(body: IntegrationEventV2Request(type: "viewed"), silent: false)
    }
    let advocates = NewReferralsForMultipleAdvocates(
      campaignId: 3, advocateProfileIntegrationIds: ["erin", "fay"], usageLimit: 2,
      attributes: ["channel": "web"], referralPattern: "DIFF-####")
    await t.call("referrals for advocates", .createReferralsForMultipleAdvocates) {
      try await api.createReferralsForMultipleAdvocates(body: advocates, silent: false)
    }
    await t.call("referrals for advocates, silent", .createReferralsForMultipleAdvocates) {
      try await api.createReferralsForMultipleAdvocates(body: advocates)
    }
    await t.call("referrals of a non-referral campaign", .createReferralsForMultipleAdvocates) {
      try await api.createReferralsForMultipleAdvocates(
        body: NewReferralsForMultipleAdvocates(
          campaignId: 1, advocateProfileIntegrationIds: ["erin"], usageLimit: 1))
    }
  }
}
