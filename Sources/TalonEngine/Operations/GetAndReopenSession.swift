import Foundation
import TalonAPI

/// Reading a stored session and reopening a closed one (today's generation;
/// `docs/behaviour.md`, "Session lifecycle").
extension OperationContext {
  /// The stored session, or a 404 naming the parameter.
  func storedSession(_ id: String) throws -> StoredSession {
    try requireParameter(id, "customerSessionId")
    guard let session = try store.session(id) else {
      throw IntegrationError.notFound(
        "session \(id) does not exist", parameter: "customerSessionId")
    }
    return session
  }

  /// GetCustomerSession: the session as today's generation shows it.
  func getSession(id: String) throws -> IntegrationCustomerSessionResponse {
    IntegrationCustomerSessionResponse(customerSession: try wireV2(try storedSession(id)))
  }

  /// ReopenCustomerSession: a closed session becomes open again with its cart and codes, and
  /// what its close committed is rolled back (`rollBackClose`); the answer is the rollback
  /// effects. Only a closed session reopens: any other state is a 400.
  func reopenSession(id: String) throws -> ReopenSessionResponse {
    var session = try storedSession(id)
    guard session.state == .closed else {
      throw IntegrationError.badRequest(
        "session \(id) is \(session.state.rawValue): only a closed session can be reopened",
        title: "state", parameter: "customerSessionId")
    }
    var profile = session.profileId.isEmpty ? nil : try profileOrNew(session.profileId)
    let effects = try rollBackClose(&session, profile: &profile, todays: true)
    session.state = .open
    session.closeEventId = nil
    profile?.lastActivity = now
    let event = try store.insert(
      event(
        type: "talon_session_reopened", profileId: session.profileId, sessionId: id,
        effects: effects))
    if let profile { try store.save(profile) }
    try store.save(session)
    return ReopenSessionResponse(effects: todaysEffects(effects, eventId: event.id))
  }

  /// A stored return as answers show it.
  func wire(_ stored: StoredReturn, of session: StoredSession) throws -> SessionReturn {
    let anonymous = session.profileId.isEmpty
    let profileRow = anonymous ? nil : try store.rowId(profile: session.profileId)
    return SessionReturn(
      id: stored.id, created: stored.created, applicationId: applicationId,
      accountId: Self.accountId,
      returnedCartItems: stored.items.map {
        ReturnedCartItem(position: $0.position, quantity: $0.quantity, sku: $0.sku)
      },
      eventId: stored.eventId, sessionId: try store.rowId(session: session.integrationId) ?? 0,
      sessionIntegrationId: session.integrationId,
      profileId: profileRow, profileIntegrationId: anonymous ? nil : session.profileId)
  }
}
