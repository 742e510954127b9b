import TalonAPI

/// Completion candidates the backend knows besides what this shell has seen: the campaign
/// pack's campaign and loyalty program ids and the profile and session ids earlier runs stored. Only the embedded
/// engine can say (remotely, completion offers what the shell saw).
struct BackendCompletions: Sendable {
  var campaignIds: [String] = []
  var programIds: [String] = []
  var profiles: [String] = []
  var sessions: [String] = []

  /// How many stored ids of each kind are offered.
  static let storedLimit = 200

  /// What `api` can tell; empty when it cannot (a remote backend) or the read fails.
  static func load(from api: any IntegrationAPI) async -> BackendCompletions {
    guard let source = api as? any PackCatalogueSource else { return BackendCompletions() }
    var completions = BackendCompletions()
    if let catalogue = try? await source.packCatalogue() {
      completions.campaignIds = catalogue.campaigns.map { String($0.campaign.id) }
      completions.programIds = catalogue.loyaltyPrograms.map { String($0.id) }
    }
    if let stored = try? await source.storedIdentifiers(limit: storedLimit) {
      completions.profiles = stored.profiles
      completions.sessions = stored.sessions
    }
    return completions
  }

  /// `seen` first, then the stored ids not among them.
  static func merged(_ seen: [String], _ stored: [String]) -> [String] {
    let known = Set(seen)
    return seen + stored.filter { !known.contains($0) }
  }
}
