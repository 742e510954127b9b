import Foundation
import TalonAPI

/// Undoing a close: what cancelling a closed (or partially returned) session and reopening a
/// closed one share (`docs/behaviour.md`, "Session lifecycle").
extension OperationContext {
  /// Undoes exactly what the close committed and returns had not undone yet: coupon and
  /// referral usage, counters (campaign budgets and per-profile limits), every ledger entry
  /// of the session (the returns' included) and the profile's totals. Answers the rollback
  /// effects in the order of the close's effects; `todays` adds today's
  /// `rollbackAddedLoyaltyPoints`, `rollbackDeductedLoyaltyPoints` and `rollbackReferral` to
  /// the 2020 `rollbackCoupon` and `rollbackDiscount` (the v1 routes answer as in 2020).
  func rollBackClose(
    _ session: inout StoredSession, profile: inout StoredProfile?, todays: Bool
  ) throws -> [Effect] {
    guard let commitment = session.commitment else { return [] }
    for value in commitment.coupons { try store.addCouponUsage(value, -1) }
    for id in commitment.referralIds { try store.addReferralUsage(id: id, -1) }
    for delta in commitment.counters { try store.add(delta, sign: -1) }
    try store.deleteLedger(session: session.integrationId)
    if commitment.countedSession, var counted = profile {
      counted.closedSessions = max(0, counted.closedSessions - 1)
      counted.totalSales -= commitment.totalSales
      profile = counted
    }
    var effects: [Effect] = []
    for effect in commitment.effects {
      guard let props = rollback(of: effect, session: session, todays: todays) else { continue }
      effects.append(
        Effect(
          campaignId: effect.campaignId, rulesetId: effect.rulesetId,
          ruleIndex: effect.ruleIndex, ruleName: effect.ruleName, props: props))
    }
    session.commitment = nil
    session.discounts = []
    return effects
  }

  /// The effect that undoes `effect` of the close, if it needs one.
  private func rollback(of effect: Effect, session: StoredSession, todays: Bool) -> EffectProps? {
    switch effect.typedProps {
    case .acceptCoupon(let value): return .rollbackCoupon(value: value)
    case .setDiscount(let name, let value):
      return .rollbackDiscount(name: name, value: value)
    case .setDiscountPerItem(let name, let value, let position):
      // A return already rolled back the share of the units it gave back.
      let left = value - Self.itemShare(of: value, position: position, session: session)
      return left > 0 ? .rollbackDiscount(name: name, value: left) : nil
    case .acceptReferral(let value) where todays: return .rollbackReferral(value: value)
    case .addLoyaltyPoints(_, let program, let subLedger, let value, let recipient, _) where todays:
      let left = value - Self.pointsTakenBack(of: value, session: session)
      guard left > 0 else { return nil }
      return .rollbackAddedLoyaltyPoints(
        programId: program, subLedgerId: subLedger, value: left, recipientIntegrationId: recipient)
    case .deductLoyaltyPoints(_, let program, let subLedger, let value) where todays:
      return .rollbackDeductedLoyaltyPoints(
        programId: program, subLedgerId: subLedger, value: value,
        recipientIntegrationId: session.profileId)
    default: return nil
    }
  }

  /// The part of `points` added by the close that returns of `returnedValue` (the session's
  /// returns so far when nil) take back: the returned share of the cart's value, in whole
  /// points rounded down, and everything once every unit is back. With a cart worth nothing,
  /// the share of the units counts instead.
  static func pointsTakenBack(
    of points: Decimal, session: StoredSession, returned: [Int: Int]? = nil
  ) -> Decimal {
    let returned = returned ?? session.returnedQuantities
    let units = session.cartItems.reduce(0) { $0 + $1.quantity }
    let unitsBack = returned.values.reduce(0, +)
    guard unitsBack > 0, units > 0 else { return 0 }
    if unitsBack >= units { return points }
    var value = Decimal(0)
    for (position, quantity) in returned where position < session.cartItems.count {
      value += session.cartItems[position].price * Decimal(quantity)
    }
    // Multiplied before dividing, so that a share that is a whole number of points stays one.
    let taken =
      session.cartItemTotal > 0
      ? points * value / session.cartItemTotal : points * Decimal(unitsBack) / Decimal(units)
    return Functions.round(taken, .down)
  }

  /// The part of a per-item `amount` on `position` that belongs to the units returns gave back
  /// (`returned` units, the session's returns so far when nil).
  static func itemShare(
    of amount: Decimal, position: Int, session: StoredSession, returned: Int? = nil
  ) -> Decimal {
    guard position < session.cartItems.count, session.cartItems[position].quantity > 0 else {
      return 0
    }
    let back = returned ?? session.returnedQuantities[position, default: 0]
    if back >= session.cartItems[position].quantity { return amount }
    return amount * Decimal(back) / Decimal(session.cartItems[position].quantity)
  }
}
