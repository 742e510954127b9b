import Foundation

/// A campaign (`Campaign`), as returned in `triggeredCampaigns`.
public struct Campaign: Codable, Hashable, Sendable {
  public var id: Int
  public var created: Date
  public var applicationId: Int
  public var userId: Int
  public var name: String
  public var description: String
  public var startTime: Date?
  public var endTime: Date?
  public var attributes: JSONValue?
  public var state: CampaignState
  public var activeRulesetId: Int?
  public var tags: [String]
  public var features: [CampaignFeature]
  public var couponSettings: CodeGeneratorSettings?
  public var referralSettings: CodeGeneratorSettings?
  public var limits: [LimitConfig]
  public var couponRedemptionCount: Int?
  public var referralRedemptionCount: Int?
  public var discountCount: Int?
  public var discountEffectCount: Int?
  public var couponCreationCount: Int?
  public var lastActivity: Date?
  public var updated: Date?
  public var createdBy: String?
  public var updatedBy: String?
  /// Today's generation: the state the Campaign Manager shows (`running` for every campaign
  /// the engine evaluates) and whether stores were imported (never, here).
  public var frontendState: String?
  public var storesImported: Bool?

  public init(
    id: Int, created: Date, applicationId: Int, userId: Int = 0, name: String,
    description: String = "", startTime: Date? = nil, endTime: Date? = nil,
    attributes: JSONValue? = nil, state: CampaignState = .enabled, activeRulesetId: Int? = nil,
    tags: [String] = [], features: [CampaignFeature] = [],
    couponSettings: CodeGeneratorSettings? = nil, referralSettings: CodeGeneratorSettings? = nil,
    limits: [LimitConfig] = [], couponRedemptionCount: Int? = nil,
    referralRedemptionCount: Int? = nil, discountCount: Int? = nil,
    discountEffectCount: Int? = nil, couponCreationCount: Int? = nil, lastActivity: Date? = nil,
    updated: Date? = nil, createdBy: String? = nil, updatedBy: String? = nil
  ) {
    self.id = id
    self.created = created
    self.applicationId = applicationId
    self.userId = userId
    self.name = name
    self.description = description
    self.startTime = startTime
    self.endTime = endTime
    self.attributes = attributes
    self.state = state
    self.activeRulesetId = activeRulesetId
    self.tags = tags
    self.features = features
    self.couponSettings = couponSettings
    self.referralSettings = referralSettings
    self.limits = limits
    self.couponRedemptionCount = couponRedemptionCount
    self.referralRedemptionCount = referralRedemptionCount
    self.discountCount = discountCount
    self.discountEffectCount = discountEffectCount
    self.couponCreationCount = couponCreationCount
    self.lastActivity = lastActivity
    self.updated = updated
    self.createdBy = createdBy
    self.updatedBy = updatedBy
  }
}

/// How codes are generated: each `#` of the pattern becomes one of the valid characters
/// (`CodeGeneratorSettings`). Entries of `validCharacters` may be ranges such as `A-Z`.
public struct CodeGeneratorSettings: Codable, Hashable, Sendable {
  public var validCharacters: [String]
  public var couponPattern: String

  public init(validCharacters: [String], couponPattern: String) {
    self.validCharacters = validCharacters
    self.couponPattern = couponPattern
  }
}

/// A campaign limit (`LimitConfig`): at most `limit` of `action`, counted per `entities`
/// (campaign-wide when empty).
public struct LimitConfig: Codable, Hashable, Sendable {
  public var action: LimitAction
  public var limit: Decimal
  public var entities: [LimitEntity]

  public init(action: LimitAction, limit: Decimal, entities: [LimitEntity] = []) {
    self.action = action
    self.limit = limit
    self.entities = entities
  }
}
