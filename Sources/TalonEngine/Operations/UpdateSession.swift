import Foundation
import TalonAPI

/// The v1 and v2 session updates: the state machine, re-evaluation, commit on close and
/// rollback on cancel of a closed session.
///
/// Decided here: a new session may be created directly closed or cancelled; cancelling runs no
/// campaigns (an open session just ends; a closed one answers the rollback effects); repeating
/// the close (state closed or absent, nothing else changed) answers the stored session and the
/// stored close event with no effects, and commits nothing. `cancelled -> cancelled` is a 409.
/// The built-in events of session updates carry empty `attributes`.
extension OperationContext {
  func updateSession(id: String, patch: SessionPatch, content: Set<ResponseContent>) throws
    -> SessionOutcome
  {
    try requireParameter(id, "customerSessionId")
    try patch.validate()
    let existing = try store.session(id)
    var session: StoredSession
    let target = patch.state ?? existing?.state ?? .open
    var eventType: String
    if let existing {
      if let profileId = patch.profileId, !profileId.isEmpty, !existing.profileId.isEmpty,
        profileId != existing.profileId
      {
        throw IntegrationError.conflict(
          "session \(id) belongs to another profile", pointer: patch.pointerPrefix + "/profileId")
      }
      switch existing.state {
      case .closed:
        if patch.state == .cancelled {
          return try revoke(existing, content: content, todays: patch.isTodays)
        }
        if target == .closed && patch.isRepeat(of: existing) {
          return try repeatedClose(existing, content: content)
        }
        throw IntegrationError.conflict(
          "session \(id) is closed; it can only be cancelled",
          pointer: patch.pointerPrefix + "/state")
      case .partiallyReturned:
        if patch.state == .cancelled {
          return try revoke(existing, content: content, todays: patch.isTodays)
        }
        throw IntegrationError.conflict(
          "session \(id) is partially returned; it can only be cancelled",
          pointer: patch.pointerPrefix + "/state")
      case .cancelled:
        throw IntegrationError.conflict(
          "session \(id) is cancelled and cannot change", pointer: patch.pointerPrefix + "/state")
      default:
        break
      }
      session = patch.applied(to: existing)
      eventType = "talon_session_updated"
    } else {
      session = patch.applied(to: StoredSession(integrationId: id, profileId: "", now: now))
      eventType = "talon_session_created"
    }
    if target == .closed { eventType = "talon_session_closed" }
    if target == .cancelled { eventType = "talon_session_cancelled" }
    session.state = target

    var profile = session.profileId.isEmpty ? nil : try profileOrNew(session.profileId)
    profile?.lastActivity = now
    session.firstSession = (profile?.closedSessions ?? 0) == 0

    var outcome: SessionOutcome
    var triggered: [Int] = []
    if target == .cancelled {
      session.discounts = []
      let event = try store.insert(
        event(type: eventType, profileId: session.profileId, sessionId: id, effects: []))
      outcome = SessionOutcome(session: session, profile: profile, event: event, effects: [])
    } else {
      var run = CampaignRun(
        store: store, pack: pack, runtime: runtime, now: now, session: session, profile: profile,
        eventType: eventType, closing: target == .closed)
      run.selection = CampaignSelection(
        evaluableCampaignIds: patch.evaluableCampaignIds, isDry: isDry)
      run.isTodaysRoute = patch.isTodaysRoute
      run.collectsFailureReasons = content.contains(.ruleFailureReasons)
      try run.run()
      session = run.session
      profile = run.profile
      session.discounts = run.discounts
      var event = try store.insert(
        event(
          type: eventType, profileId: session.profileId, sessionId: id, effects: run.effects,
          couponRejection: run.couponRejection, referralRejection: run.referralRejection))
      if target == .closed {
        try commit(run, session: &session, profile: &profile, event: &event)
      }
      outcome = SessionOutcome(
        session: session, profile: profile, event: event, effects: run.effects,
        createdCoupons: run.createdCoupons, createdReferrals: run.createdReferrals)
      outcome.ruleFailureReasons = run.ruleFailureReasons
      triggered = run.triggeredCampaignIds
    }
    if let profile { try store.save(profile) }
    session.updateCount = (session.updateCount ?? 0) + 1
    session.updated = now
    try store.save(session)
    outcome.session = session
    outcome.profile = profile
    try complete(&outcome, triggered: triggered, content: content)
    return outcome
  }

  /// The answer to a repeated close: what is stored, no effects, nothing committed.
  private func repeatedClose(_ session: StoredSession, content: Set<ResponseContent>) throws
    -> SessionOutcome
  {
    let profile = session.profileId.isEmpty ? nil : try store.profile(session.profileId)
    var event =
      try session.closeEventId.flatMap { try store.event($0) }
      ?? self.event(
        type: "talon_session_closed", profileId: session.profileId,
        sessionId: session.integrationId, effects: [])
    event.effects = []
    var outcome = SessionOutcome(session: session, profile: profile, event: event, effects: [])
    try complete(&outcome, triggered: [], content: content)
    return outcome
  }
}
