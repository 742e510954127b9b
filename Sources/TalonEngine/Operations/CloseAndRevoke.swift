import Foundation
import TalonAPI

/// Committing a close and rolling it back when the closed session is cancelled.
extension OperationContext {
  /// Commits what the run decided: coupon and referral usage, counters, loyalty points, the
  /// profile's totals. Records it all in `session.commitment` for an exact rollback.
  func commit(
    _ run: CampaignRun, session: inout StoredSession, profile: inout StoredProfile?,
    event: inout Event
  ) throws {
    var commitment = Commitment(
      coupons: [], referralIds: [], counters: run.counters, totalSales: 0, countedSession: false,
      effects: run.effects)
    let identifiers = session.identifiers ?? []
    for coupon in run.acceptedCoupons {
      try store.addCouponUsage(coupon.value, 1)
      commitment.coupons.append(coupon.value)
      if let campaign = pack.campaign(coupon.campaignId) {
        let context = LimitContext(
          coupon: coupon.value, referral: nil, profile: session.profileId,
          identifiers: identifiers)
        commitment.counters += context.deltas(.redeemCoupon, amount: 1, campaign: campaign)
      }
    }
    if let referral = run.acceptedReferral {
      try store.addReferralUsage(id: referral.id, 1)
      commitment.referralIds.append(referral.id)
      if let campaign = pack.campaign(referral.campaignId) {
        let context = LimitContext(
          coupon: nil, referral: referral.code, profile: session.profileId,
          identifiers: identifiers)
        commitment.counters += context.deltas(.redeemReferral, amount: 1, campaign: campaign)
      }
    }
    for delta in commitment.counters { try store.add(delta) }

    var entries: [LedgerEntry] = []
    for points in run.points {
      let row = try store.insertLedger(
        profile: points.profileId, program: points.programId, session: session.integrationId,
        event: event.id, amount: points.amount, reason: points.reason, now: now)
      entries.append(
        LedgerEntry(
          id: row.id, created: now, profileId: row.profileId, accountId: Self.accountId,
          loyaltyProgramId: row.programId, eventId: event.id, amount: row.amount,
          reason: row.reason, expiryDate: Self.noExpiry))
      if points.profileId == profile?.integrationId {
        if profile?.loyaltyJoined[String(points.programId)] == nil {
          profile?.loyaltyJoined[String(points.programId)] = now
        }
      } else {
        var recipient = try profileOrNew(points.profileId)
        if recipient.loyaltyJoined[String(points.programId)] == nil {
          recipient.loyaltyJoined[String(points.programId)] = now
        }
        try store.save(recipient)
      }
    }
    if !entries.isEmpty {
      event.ledgerEntries = entries
      try store.update(event)
    }

    if profile != nil {
      profile?.closedSessions += 1
      profile?.totalSales += session.total
      commitment.totalSales = session.total
      commitment.countedSession = true
    }
    session.commitment = commitment
    session.closeEventId = event.id
  }

  /// Cancels a closed or partially returned session: undoes what its close committed
  /// (`rollBackClose`) and answers the rollback effects, today's too when `todays`. Created
  /// codes and attribute updates stay.
  func revoke(_ stored: StoredSession, content: Set<ResponseContent>, todays: Bool) throws
    -> SessionOutcome
  {
    var session = stored
    var profile = session.profileId.isEmpty ? nil : try profileOrNew(session.profileId)
    let effects = try rollBackClose(&session, profile: &profile, todays: todays)
    session.state = .cancelled
    session.discounts = []
    profile?.lastActivity = now
    let event = try store.insert(
      event(
        type: "talon_session_revoked", profileId: session.profileId,
        sessionId: session.integrationId, effects: effects))
    if let profile { try store.save(profile) }
    try store.save(session)
    var outcome = SessionOutcome(session: session, profile: profile, event: event, effects: effects)
    try complete(&outcome, triggered: [], content: content)
    return outcome
  }
}
