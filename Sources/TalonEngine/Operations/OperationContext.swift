import Foundation
import TalonAPI

/// Everything one operation works with: its transaction, the campaigns, the clock reading taken
/// at its start and the random source. Operations are methods on it, one file per family.
struct OperationContext {
  let store: StoreTransaction
  let pack: CampaignPack
  let runtime: EngineRuntime
  let now: Date

  /// `accountId` of every profile and ledger entry (the embedded engine has one account).
  static let accountId = 1
  /// Ledger entries never expire (decided here); the wire needs a date.
  static let noExpiry = Date(timeIntervalSince1970: 253_402_300_799)

  var applicationId: Int { pack.application.id }

  /// The stored profile, or a new empty one (not yet saved).
  func profileOrNew(_ id: String) throws -> StoredProfile {
    try store.profile(id) ?? StoredProfile(integrationId: id, now: now)
  }

  /// Refuses an empty path parameter, and one with a control character (`IdentifierRule`),
  /// so that callers in process meet the same rule as the HTTP server's.
  func requireParameter(_ value: String, _ name: String) throws {
    guard !value.isEmpty else {
      throw IntegrationError.badRequest(
        "\(name) must not be empty", title: "minLength", parameter: name)
    }
    try IdentifierRule.checkParameter(value, name: name)
  }

  // MARK: Wire forms

  func wire(_ profile: StoredProfile) -> CustomerProfile {
    let memberships = profile.loyaltyJoined.compactMap { key, joined in
      Int(key).map { LoyaltyMembership(joined: joined, loyaltyProgramId: $0) }
    }.sorted { $0.loyaltyProgramId < $1.loyaltyProgramId }
    return CustomerProfile(
      integrationId: profile.integrationId, created: profile.created,
      attributes: .object(profile.attributes), accountId: Self.accountId,
      closedSessions: profile.closedSessions, totalSales: profile.totalSales,
      loyaltyMemberships: memberships.isEmpty ? nil : memberships,
      lastActivity: profile.lastActivity)
  }

  /// The profile of an anonymous session: empty, with id "" (decided here).
  func anonymousProfile(created: Date) -> CustomerProfile {
    CustomerProfile(
      integrationId: "", created: created, accountId: Self.accountId, closedSessions: 0,
      totalSales: 0, lastActivity: created)
  }

  func wireV1(_ session: StoredSession) -> CustomerSession {
    var discounts: [String: Decimal] = [:]
    for discount in session.discounts { discounts[discount.name, default: 0] += discount.value }
    return CustomerSession(
      integrationId: session.integrationId, created: session.created,
      applicationId: applicationId, profileId: session.profileId,
      coupon: session.couponCodes.first ?? "", referral: session.referralCode,
      state: session.state, cartItems: session.cartItems, identifiers: session.identifiers,
      total: session.total, attributes: .object(session.attributes),
      firstSession: session.firstSession, discounts: discounts)
  }

  func wireV2(_ session: StoredSession) -> CustomerSessionV2 {
    CustomerSessionV2(
      integrationId: session.integrationId, created: session.created,
      applicationId: applicationId, profileId: session.profileId,
      couponCodes: session.couponCodes, referralCode: session.referralCode,
      state: session.state, cartItems: session.cartItems,
      additionalCosts: session.additionalCosts, identifiers: session.identifiers,
      attributes: .object(session.attributes), firstSession: session.firstSession,
      total: session.cartItemTotal + session.additionalCostTotal,
      cartItemTotal: session.cartItemTotal, additionalCostTotal: session.additionalCostTotal)
  }

  /// The profile's balances in every program of the application (0 where it has none).
  func loyalty(of profileId: String) throws -> Loyalty {
    let balances = profileId.isEmpty ? [:] : try store.balances(profile: profileId)
    var programs: [String: LoyaltyProgramLedgers] = [:]
    for program in pack.loyaltyPrograms {
      programs[String(program.id)] = LoyaltyProgramLedgers(
        title: program.title, name: program.name,
        ledger: LoyaltyProgramBalance(currentBalance: Decimal(balances[program.id] ?? 0)))
    }
    return Loyalty(programs: programs)
  }

  /// The campaign with its counters from the store.
  func wire(_ definition: CampaignDefinition) throws -> Campaign {
    var campaign = definition.campaign
    func counter(_ action: LimitAction) throws -> Int {
      let value = try store.counter(campaign: definition.id, action: action.rawValue, entity: "")
      return NSDecimalNumber(decimal: Functions.round(value, .down)).intValue
    }
    campaign.couponRedemptionCount = try counter(.redeemCoupon)
    campaign.referralRedemptionCount = try counter(.redeemReferral)
    campaign.discountCount = try counter(.setDiscount)
    campaign.discountEffectCount = try counter(.setDiscountEffect)
    campaign.couponCreationCount = try counter(.createCoupon)
    return campaign
  }

  func event(
    type: String, profileId: String, sessionId: String?, attributes: JSONValue = .emptyObject,
    effects: [Effect], couponRejection: CouponRejectionReason? = nil,
    referralRejection: ReferralRejectionReason? = nil
  ) -> Event {
    let meta =
      couponRejection == nil && referralRejection == nil
      ? nil
      : Meta(couponRejectionReason: couponRejection, referralRejectionReason: referralRejection)
    return Event(
      id: 0, created: now, applicationId: applicationId, profileId: profileId, type: type,
      attributes: attributes, sessionId: sessionId, effects: effects.map(\.v1Array),
      ledgerEntries: [], meta: meta)
  }
}
