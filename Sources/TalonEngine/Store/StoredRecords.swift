import Foundation
import TalonAPI

/// A customer profile as the store keeps it. Loyalty balances live in the ledger table.
struct StoredProfile: Codable, Sendable {
  var integrationId: String
  var created: Date
  var attributes: [String: JSONValue]
  var closedSessions: Int
  var totalSales: Decimal
  var lastActivity: Date
  /// When the profile first received points of each program, keyed by program id.
  var loyaltyJoined: [String: Date]

  init(integrationId: String, now: Date) {
    self.integrationId = integrationId
    created = now
    attributes = [:]
    closedSessions = 0
    totalSales = 0
    lastActivity = now
    loyaltyJoined = [:]
  }
}

/// A customer session as the store keeps it: the merged state of every update, plus what its
/// close committed (so that a cancel can roll exactly that back).
struct StoredSession: Codable, Sendable {
  var integrationId: String
  var created: Date
  var profileId: String
  var state: SessionState
  var cartItems: [CartItem]
  var couponCodes: [String]
  var referralCode: String
  var identifiers: [String]?
  var attributes: [String: JSONValue]
  var additionalCosts: [String: AdditionalCost]?
  /// The v1 `total` the client sent, if any; otherwise totals are computed from the cart.
  var explicitTotal: Decimal?
  var firstSession: Bool
  /// Codes created by `createCoupon` / `createReferral`, keyed by `campaignId/ruleIndex`, so
  /// re-evaluating the same session gives the same codes.
  var createdCoupons: [String: String]
  var createdReferrals: [String: String]
  /// The discounts of the last evaluation, in effect order (v1 `discounts`).
  var discounts: [NamedAmount]
  /// What closing this session committed; nil while open or after a rollback.
  var commitment: Commitment?
  /// The event stored when the session was closed (answered again on a repeated close).
  var closeEventId: Int?
  /// How many updates the session has had and when the last one was (today's generation;
  /// nil in stores written before they were kept).
  var updateCount: Int?
  var updated: Date?
  /// The returns of cart items made on this session since it closed, oldest first (today's
  /// generation; nil before the first).
  var returns: [StoredReturn]?

  init(integrationId: String, profileId: String, now: Date) {
    self.integrationId = integrationId
    created = now
    self.profileId = profileId
    state = .open
    cartItems = []
    couponCodes = []
    referralCode = ""
    identifiers = nil
    attributes = [:]
    additionalCosts = nil
    explicitTotal = nil
    firstSession = true
    createdCoupons = [:]
    createdReferrals = [:]
    discounts = []
    commitment = nil
    closeEventId = nil
  }

  /// Σ price × quantity over the cart.
  var cartItemTotal: Decimal {
    cartItems.reduce(Decimal(0)) { $0 + $1.price * Decimal($1.quantity) }
  }

  /// Σ of the additional costs.
  var additionalCostTotal: Decimal {
    (additionalCosts ?? [:]).values.reduce(Decimal(0)) { $0 + $1.price }
  }

  /// How many units of each cart position returns gave back.
  var returnedQuantities: [Int: Int] {
    var counts: [Int: Int] = [:]
    for item in (returns ?? []).flatMap(\.items) {
      counts[item.position, default: 0] += item.quantity
    }
    return counts
  }

  /// Σ price × quantity over the units returns gave back.
  var returnedValue: Decimal {
    returnedQuantities.reduce(Decimal(0)) { sum, entry in
      entry.key < cartItems.count ? sum + cartItems[entry.key].price * Decimal(entry.value) : sum
    }
  }

  /// The session value discounts apply to: the v1 explicit total, or cart plus costs.
  var total: Decimal {
    explicitTotal ?? (cartItemTotal + additionalCostTotal)
  }
}

/// One return of cart items (ReturnCartItems): its id, time, event and the units that came back.
struct StoredReturn: Codable, Sendable, Hashable {
  struct Item: Codable, Sendable, Hashable {
    var position: Int
    var quantity: Int
    var sku: String
  }

  var id: Int
  var created: Date
  var eventId: Int
  var items: [Item]
}

/// A discount's name and amount.
struct NamedAmount: Codable, Sendable, Hashable {
  var name: String
  var value: Decimal
}

/// What one close committed: undone exactly by a cancel of the closed session.
struct Commitment: Codable, Sendable {
  /// Coupon values whose usage counter went up by one.
  var coupons: [String]
  /// Referral ids whose usage counter went up by one.
  var referralIds: [Int]
  /// Counter increments (campaign statistics and limits).
  var counters: [CounterDelta]
  /// What was added to the profile's `totalSales`.
  var totalSales: Decimal
  /// Whether the profile's `closedSessions` went up.
  var countedSession: Bool
  /// The effects of the close, from which a cancel derives `rollbackCoupon` and
  /// `rollbackDiscount` with the same campaign, ruleset and rule.
  var effects: [Effect]
}

/// One change of a counter row.
struct CounterDelta: Codable, Sendable, Hashable {
  var campaignId: Int
  var action: String
  var entity: String
  var amount: Decimal
}

/// One row of the loyalty ledger.
package struct LedgerRow: Sendable, Hashable {
  var id: Int
  var profileId: String
  var programId: Int
  var sessionId: String
  var eventId: Int
  var amount: Int
  var reason: String
  var created: Date

  package init(
    id: Int, profileId: String, programId: Int, sessionId: String, eventId: Int, amount: Int,
    reason: String, created: Date
  ) {
    self.id = id
    self.profileId = profileId
    self.programId = programId
    self.sessionId = sessionId
    self.eventId = eventId
    self.amount = amount
    self.reason = reason
    self.created = created
  }
}
