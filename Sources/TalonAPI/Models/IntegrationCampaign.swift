import Foundation

/// One page of the application's running campaigns (IntegrationGetAllCampaigns).
public struct IntegrationCampaignPage: Codable, Hashable, Sendable {
  public var hasMore: Bool
  public var data: [IntegrationCampaign]

  public init(hasMore: Bool, data: [IntegrationCampaign]) {
    self.hasMore = hasMore
    self.data = data
  }
}

/// A running campaign as the Integration API lists it: what it is, when it runs, its features
/// and the titles of its rules.
public struct IntegrationCampaign: Codable, Hashable, Sendable {
  public var applicationId: Int
  public var id: Int
  public var name: String
  public var description: String?
  public var startTime: Date?
  public var endTime: Date?
  public var attributes: JSONValue?
  /// Always `enabled`: only running campaigns are listed.
  public var state: CampaignState
  public var tags: [String]
  public var features: [CampaignFeature]
  public var rules: [IntegrationCampaignRule]

  public init(
    applicationId: Int, id: Int, name: String, description: String? = nil,
    startTime: Date? = nil, endTime: Date? = nil, attributes: JSONValue? = nil,
    state: CampaignState = .enabled, tags: [String] = [], features: [CampaignFeature] = [],
    rules: [IntegrationCampaignRule] = []
  ) {
    self.applicationId = applicationId
    self.id = id
    self.name = name
    self.description = description
    self.startTime = startTime
    self.endTime = endTime
    self.attributes = attributes
    self.state = state
    self.tags = tags
    self.features = features
    self.rules = rules
  }
}

/// A rule of a listed campaign: its title and what the Campaign Manager shows for it.
public struct IntegrationCampaignRule: Codable, Hashable, Sendable {
  public var title: String
  public var displayName: String?
  public var displayDescription: String?
  public var relatedData: String?

  public init(
    title: String, displayName: String? = nil, displayDescription: String? = nil,
    relatedData: String? = nil
  ) {
    self.title = title
    self.displayName = displayName
    self.displayDescription = displayDescription
    self.relatedData = relatedData
  }
}
