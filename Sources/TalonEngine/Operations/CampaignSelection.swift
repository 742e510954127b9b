import Foundation

/// Which campaigns one evaluation runs: every running campaign, or, in a dry run, only those
/// today's `evaluableCampaignIds` lists (`docs/behaviour.md`, "Evaluable campaigns"). The
/// session, profile and event operations of today's generation each build one from their
/// request and hand it to `CampaignRun`.
struct CampaignSelection: Sendable, Hashable {
  /// The listed campaign ids; nil evaluates every running campaign.
  let evaluableIds: Set<Int>?
  /// A listed campaign that is disabled (not archived) is evaluated too, as today's reference
  /// describes for dry runs.
  let includesDisabled: Bool

  /// Every running campaign (the 2020 operations, and requests without the list).
  static let all = CampaignSelection(evaluableIds: nil, includesDisabled: false)

  init(evaluableIds: Set<Int>?, includesDisabled: Bool) {
    self.evaluableIds = evaluableIds
    self.includesDisabled = includesDisabled
  }

  /// The selection a request's `evaluableCampaignIds` asks for: the list counts in a dry run
  /// only, as the reference describes it; otherwise every running campaign.
  init(evaluableCampaignIds: [Int]?, isDry: Bool) {
    guard isDry, let ids = evaluableCampaignIds else {
      self = .all
      return
    }
    self.init(evaluableIds: Set(ids), includesDisabled: true)
  }

  /// True when the campaign with this id may be evaluated at all; its codes are rejected as
  /// part of a campaign that does not run otherwise.
  func contains(_ campaignId: Int) -> Bool {
    evaluableIds?.contains(campaignId) ?? true
  }

  /// True when `campaign` is evaluated at `now`: listed (or no list), and running, or disabled
  /// within its time window when the selection includes disabled campaigns.
  func evaluates(_ campaign: CampaignDefinition, at now: Date) -> Bool {
    guard contains(campaign.id) else { return false }
    if campaign.isRunning(at: now) { return true }
    return includesDisabled && campaign.campaign.state == .disabled
      && campaign.isInWindow(at: now)
  }
}
