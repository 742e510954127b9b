import Foundation
import TalonAPI

/// Everything one operation works with: its transaction, the campaigns, the clock reading taken
/// at its start and the random source. Operations are methods on it, one file per family.
struct OperationContext {
  let store: StoreTransaction
  let pack: CampaignPack
  let runtime: EngineRuntime
  let now: Date
  /// True in a dry run (`dry=true`): the work answers as usual and the engine rolls its
  /// transaction back (`docs/behaviour.md`, "Dry runs").
  var isDry = false

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

  /// The profile as today's generation shows it: with its internal id (0 before it is stored).
  func wireIdentified(_ profile: StoredProfile) throws -> CustomerProfile {
    var wired = wire(profile)
    wired.id = try store.rowId(profile: profile.integrationId) ?? 0
    return wired
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

  func wireV2(_ session: StoredSession) throws -> CustomerSessionV2 {
    var wired = CustomerSessionV2(
      integrationId: session.integrationId, created: session.created,
      applicationId: applicationId, profileId: session.profileId,
      couponCodes: session.couponCodes, referralCode: session.referralCode,
      state: session.state, cartItems: session.cartItems,
      additionalCosts: session.additionalCosts, identifiers: session.identifiers,
      attributes: .object(session.attributes), firstSession: session.firstSession,
      total: session.cartItemTotal + session.additionalCostTotal,
      cartItemTotal: session.cartItemTotal, additionalCostTotal: session.additionalCostTotal)
    wired.id = try store.rowId(session: session.integrationId) ?? 0
    if session.returns != nil {
      let returned = session.returnedQuantities
      for position in wired.cartItems.indices {
        let back = returned[position, default: 0]
        wired.cartItems[position].returnedQuantity = back
        wired.cartItems[position].remainingQuantity = wired.cartItems[position].quantity - back
      }
    }
    wired.updateCount = session.updateCount ?? 1
    wired.updated = session.updated ?? session.created
    return wired
  }

  /// The profile's balances in every program of the application (0 where it has none).
  func loyalty(of profileId: String) throws -> Loyalty {
    let balances = profileId.isEmpty ? [:] : try store.balances(profile: profileId)
    let spent = profileId.isEmpty ? [:] : try store.spentPoints(profile: profileId)
    var programs: [String: LoyaltyProgramLedgers] = [:]
    for program in pack.loyaltyPrograms {
      // Points are booked when a session closes and never expire (docs/behaviour.md), so
      // nothing is pending or expired and the tentative balance is the current one.
      let current = Decimal(balances[program.id] ?? 0)
      var balance = LoyaltyProgramBalance(currentBalance: current)
      balance.pendingBalance = 0
      balance.expiredBalance = 0
      balance.spentBalance = Decimal(spent[program.id] ?? 0)
      balance.tentativeCurrentBalance = current
      var ledgers = LoyaltyProgramLedgers(title: program.title, name: program.name, ledger: balance)
      ledgers.id = program.id
      programs[String(program.id)] = ledgers
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
    campaign.frontendState = "running"
    campaign.storesImported = false
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
