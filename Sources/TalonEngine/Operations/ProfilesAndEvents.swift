import Foundation
import TalonAPI

/// UpdateCustomerProfile and TrackEvent.
///
/// Decided here: a profile update runs the campaigns against an empty session (only profile and
/// event rules can hold) and creates no codes; a custom event runs them against its session as
/// stored (created empty and open when missing), with `Event.Type` / `Event.Attributes` set.
/// Neither commits anything except rule attribute updates and created codes; loyalty points an
/// event rule gives are shown, not booked (points are booked when a session closes).
extension OperationContext {
  func updateProfile(id: String, body: NewCustomerProfile) throws -> SessionOutcome {
    try requireParameter(id, "integrationId")
    let existing = try store.profile(id)
    var profile = existing ?? StoredProfile(integrationId: id, now: now)
    try merge(body.attributes, pointer: "/attributes", into: &profile)
    profile.lastActivity = now
    let eventType = existing == nil ? "talon_profile_created" : "talon_profile_updated"
    let latest = try store.latestSession(ofProfile: id)
    var empty = StoredSession(integrationId: "", profileId: id, now: now)
    empty.firstSession = profile.closedSessions == 0
    var run = CampaignRun(
      store: store, pack: pack, runtime: runtime, now: now, session: empty, profile: profile,
      eventType: eventType, eventAttributes: body.attributes ?? .emptyObject,
      allowsCreation: false)
    try run.run()
    profile = run.profile ?? profile
    try store.save(profile)
    let event = try store.insert(
      event(
        type: eventType, profileId: id, sessionId: nil,
        attributes: body.attributes ?? .emptyObject, effects: run.effects))
    var outcome = SessionOutcome(
      session: latest ?? empty, profile: profile, event: event, effects: run.effects)
    try complete(&outcome, triggered: [], content: [.coupons, .loyalty])
    return outcome
  }

  func trackEvent(_ body: NewEvent) throws -> SessionOutcome {
    guard !body.type.isEmpty else {
      throw IntegrationError.badRequest(
        "type must not be empty", title: "minLength", pointer: "/type")
    }
    guard !body.type.hasPrefix("talon_") else {
      throw IntegrationError.badRequest(
        "type must not start with talon_ (reserved for built-in events)", title: "enum",
        pointer: "/type")
    }
    guard !body.sessionId.isEmpty else {
      throw IntegrationError.badRequest(
        "sessionId must not be empty", title: "minLength", pointer: "/sessionId")
    }
    guard body.attributes.objectValue != nil else {
      throw IntegrationError.badRequest(
        "attributes must be an object", title: "type", pointer: "/attributes")
    }
    try IdentifierRule.checkField(body.type, pointer: "/type")
    try IdentifierRule.checkField(body.sessionId, pointer: "/sessionId")
    let profileId = body.profileId ?? ""
    try IdentifierRule.checkField(profileId, pointer: "/profileId")
    var session: StoredSession
    if let existing = try store.session(body.sessionId) {
      if !profileId.isEmpty, !existing.profileId.isEmpty, profileId != existing.profileId {
        throw IntegrationError.conflict(
          "session \(body.sessionId) belongs to another profile", pointer: "/profileId")
      }
      session = existing
      if session.profileId.isEmpty { session.profileId = profileId }
    } else {
      session = StoredSession(integrationId: body.sessionId, profileId: profileId, now: now)
    }
    var profile = session.profileId.isEmpty ? nil : try profileOrNew(session.profileId)
    profile?.lastActivity = now
    if session.state == .open { session.firstSession = (profile?.closedSessions ?? 0) == 0 }
    var run = CampaignRun(
      store: store, pack: pack, runtime: runtime, now: now, session: session, profile: profile,
      eventType: body.type, eventAttributes: body.attributes)
    try run.run()
    session = run.session
    profile = run.profile
    if let profile { try store.save(profile) }
    try store.save(session)
    let event = try store.insert(
      event(
        type: body.type, profileId: session.profileId, sessionId: body.sessionId,
        attributes: body.attributes, effects: run.effects, couponRejection: run.couponRejection,
        referralRejection: run.referralRejection))
    var outcome = SessionOutcome(
      session: session, profile: profile, event: event, effects: run.effects,
      createdCoupons: run.createdCoupons, createdReferrals: run.createdReferrals)
    try complete(&outcome, triggered: [], content: [.coupons, .loyalty])
    return outcome
  }
}
