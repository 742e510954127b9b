import Foundation
import TalonAPI

/// UpdateCustomerProfileV2, UpdateCustomerProfilesV2 and TrackEventV2: today's profile and
/// event operations.
///
/// Decided here (docs/behaviour.md, "Profiles and events (today's generation)"): without
/// `runRuleEngine` a profile update only stores the attributes (no event, no effects); with it
/// the campaigns run against an empty session with today's built-in event
/// (`customer_profile_created` or `customer_profile_updated`) and may create codes. A v2 event
/// needs a `profileId`, has no session and runs the campaigns like a profile update with its
/// own type. The bulk update runs no rules and stores no events. `audiencesChanges` is accepted
/// and not kept (talon has no audiences).
extension OperationContext {
  /// Today's built-in profile events (the v1 routes keep `talon_profile_created` and
  /// `talon_profile_updated`).
  static let profileCreatedV2 = "customer_profile_created"
  static let profileUpdatedV2 = "customer_profile_updated"

  /// The `responseContent` values today's profile and event operations take.
  static let profileResponseContent: [ResponseContent] = [
    "customerProfile", "triggeredCampaigns", "loyalty", "event", "awardedGiveaways",
    "ruleFailureReasons", "campaignEligibility",
  ]

  /// The most profiles one bulk update takes (the reference's limit).
  static let maxBulkProfiles = 1000

  func updateProfileV2(
    id: String, body: CustomerProfileIntegrationRequestV2, runRuleEngine: Bool
  ) throws -> IntegrationResponseV2 {
    try requireParameter(id, "integrationId")
    let content = try Self.checkedContent(body.responseContent)
    if !runRuleEngine, !content.isEmpty {
      throw IntegrationError.badRequest(
        "responseContent needs the query parameter runRuleEngine=true", title: "invalid value",
        pointer: "/responseContent")
    }
    let existing = try store.profile(id)
    var profile = existing ?? StoredProfile(integrationId: id, now: now)
    try merge(body.attributes, pointer: "/attributes", into: &profile)
    profile.lastActivity = now
    guard runRuleEngine else {
      try store.save(profile)
      return IntegrationResponseV2()
    }
    let eventType = existing == nil ? Self.profileCreatedV2 : Self.profileUpdatedV2
    var (outcome, triggered) = try runProfileEvent(
      profile, type: eventType, attributes: body.attributes ?? .emptyObject,
      evaluableCampaignIds: body.evaluableCampaignIds,
      collectsFailureReasons: content.contains(.ruleFailureReasons))
    try complete(&outcome, triggered: triggered, content: content)
    return try responseV2(outcome, content: content)
  }

  func updateProfiles(_ body: MultipleCustomerProfileIntegrationRequest) throws
    -> [CustomerProfileUpdateV2Response]
  {
    let items = body.customerProfiles ?? []
    guard items.count <= Self.maxBulkProfiles else {
      throw IntegrationError.badRequest(
        "customerProfiles takes at most \(Self.maxBulkProfiles) profiles, not \(items.count)",
        title: "maxItems", pointer: "/customerProfiles")
    }
    var states: [CustomerProfileUpdateV2Response] = []
    states.reserveCapacity(items.count)
    for (index, item) in items.enumerated() {
      let pointer = "/customerProfiles/\(index)"
      guard !item.integrationId.isEmpty else {
        throw IntegrationError.badRequest(
          "integrationId must not be empty", title: "minLength",
          pointer: pointer + "/integrationId")
      }
      try IdentifierRule.checkField(item.integrationId, pointer: pointer + "/integrationId")
      var profile = try profileOrNew(item.integrationId)
      try merge(item.attributes, pointer: pointer + "/attributes", into: &profile)
      profile.lastActivity = now
      try store.save(profile)
      states.append(CustomerProfileUpdateV2Response(customerProfile: try wireIdentified(profile)))
    }
    return states
  }

  func trackEventV2(_ body: IntegrationEventV2Request) throws -> IntegrationResponseV2 {
    guard !body.type.isEmpty else {
      throw IntegrationError.badRequest(
        "type must not be empty", title: "minLength", pointer: "/type")
    }
    guard !Self.isBuiltInEvent(body.type) else {
      throw IntegrationError.badRequest(
        "type \(body.type) is reserved for built-in events", title: "enum", pointer: "/type")
    }
    try IdentifierRule.checkField(body.type, pointer: "/type")
    guard let profileId = body.profileId, !profileId.isEmpty else {
      throw IntegrationError.badRequest(
        "profileId is required: today's events belong to a profile", title: "required",
        pointer: "/profileId")
    }
    try IdentifierRule.checkField(profileId, pointer: "/profileId")
    if let attributes = body.attributes, attributes.objectValue == nil {
      throw IntegrationError.badRequest(
        "attributes must be an object", title: "type", pointer: "/attributes")
    }
    let content = try Self.checkedContent(body.responseContent)
    var profile = try profileOrNew(profileId)
    profile.lastActivity = now
    var (outcome, triggered) = try runProfileEvent(
      profile, type: body.type, attributes: body.attributes ?? .emptyObject,
      evaluableCampaignIds: body.evaluableCampaignIds,
      collectsFailureReasons: content.contains(.ruleFailureReasons))
    try complete(&outcome, triggered: triggered, content: content)
    return try responseV2(outcome, content: content)
  }

  /// True for the built-in event names of both generations.
  static func isBuiltInEvent(_ type: String) -> Bool {
    type.hasPrefix("talon_") || type == profileCreatedV2 || type == profileUpdatedV2
  }

  /// Runs the campaigns for an event of `profile` without a session, saves the profile and
  /// the event, and keeps the codes rules created; also the ids of the campaigns that applied.
  private func runProfileEvent(
    _ profile: StoredProfile, type: String, attributes: JSONValue, evaluableCampaignIds: [Int]?,
    collectsFailureReasons: Bool
  ) throws -> (SessionOutcome, [Int]) {
    var profile = profile
    var empty = StoredSession(integrationId: "", profileId: profile.integrationId, now: now)
    empty.firstSession = profile.closedSessions == 0
    var run = CampaignRun(
      store: store, pack: pack, runtime: runtime, now: now, session: empty, profile: profile,
      eventType: type, eventAttributes: attributes)
    // docs/behaviour.md, "Evaluable campaigns".
    run.selection = CampaignSelection(evaluableCampaignIds: evaluableCampaignIds, isDry: isDry)
    run.isTodaysRoute = true
    run.collectsFailureReasons = collectsFailureReasons
    try run.run()
    profile = run.profile ?? profile
    try store.save(profile)
    let event = try store.insert(
      event(
        type: type, profileId: profile.integrationId, sessionId: nil, attributes: attributes,
        effects: run.effects))
    var outcome = SessionOutcome(
      session: empty, profile: profile, event: event, effects: run.effects,
      createdCoupons: run.createdCoupons, createdReferrals: run.createdReferrals)
    outcome.ruleFailureReasons = run.ruleFailureReasons
    return (outcome, run.triggeredCampaignIds)
  }

  /// Merges `attributes` (an object; `null` values remove keys) into the profile's.
  func merge(_ attributes: JSONValue?, pointer: String, into profile: inout StoredProfile) throws {
    guard let attributes else { return }
    guard let object = attributes.objectValue else {
      throw IntegrationError.badRequest(
        "attributes must be an object", title: "type", pointer: pointer)
    }
    for (key, value) in object {
      if value == .null {
        profile.attributes.removeValue(forKey: key)
      } else {
        profile.attributes[key] = value
      }
    }
  }

  /// The set of `responseContent` values, each one of `profileResponseContent` (else a 400
  /// naming its position).
  static func checkedContent(_ values: [ResponseContent]?) throws -> Set<ResponseContent> {
    for (index, value) in (values ?? []).enumerated()
    where !profileResponseContent.contains(value) {
      let allowed = profileResponseContent.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
      throw IntegrationError.badRequest(
        "responseContent must be one of the following: \(allowed)", title: "enum",
        pointer: "/responseContent/\(index)")
    }
    return Set(values ?? [])
  }

  /// Today's answer of a profile update or event: effects as effect objects (the event's
  /// too), the parts `content` names; `awardedGiveaways` is empty (talon has no giveaways).
  func responseV2(_ outcome: SessionOutcome, content: Set<ResponseContent>) throws
    -> IntegrationResponseV2
  {
    let effects = todaysEffects(outcome.effects, eventId: outcome.event.id)
    var event = outcome.event
    event.effects = effects.map(\.object)
    return IntegrationResponseV2(
      customerProfile: content.contains(.customerProfile)
        ? try outcome.profile.map(wireIdentified) : nil,
      event: content.contains(.event) ? event : nil,
      loyalty: content.contains(.loyalty) ? (outcome.loyalty ?? Loyalty()) : nil,
      triggeredCampaigns: content.contains(.triggeredCampaigns) ? outcome.triggeredCampaigns : nil,
      awardedGiveaways: content.contains("awardedGiveaways") ? [] : nil,
      effects: effects, createdCoupons: outcome.createdCoupons,
      createdReferrals: outcome.createdReferrals,
      ruleFailureReasons: content.contains(.ruleFailureReasons) ? outcome.ruleFailureReasons : nil)
  }
}
