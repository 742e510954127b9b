import Foundation

/// The audiences a v2 profile update joins and leaves (`ProfileAudiencesChanges`).
public struct ProfileAudiencesChanges: Codable, Hashable, Sendable {
  public var adds: [Int]
  public var deletes: [Int]

  public init(adds: [Int] = [], deletes: [Int] = []) {
    self.adds = adds
    self.deletes = deletes
  }
}

/// The body of UpdateCustomerProfileV2 (`CustomerProfileIntegrationRequestV2`).
public struct CustomerProfileIntegrationRequestV2: Codable, Hashable, Sendable {
  /// Attributes to merge into the profile's; a key with `null` removes that attribute.
  public var attributes: JSONValue?
  /// With `dry=true`: the only campaigns the run evaluates.
  public var evaluableCampaignIds: [Int]?
  /// Which optional parts the answer should carry (needs `runRuleEngine=true`).
  public var responseContent: [ResponseContent]?
  public var audiencesChanges: ProfileAudiencesChanges?

  public init(
    attributes: JSONValue? = nil, evaluableCampaignIds: [Int]? = nil,
    responseContent: [ResponseContent]? = nil, audiencesChanges: ProfileAudiencesChanges? = nil
  ) {
    self.attributes = attributes
    self.evaluableCampaignIds = evaluableCampaignIds
    self.responseContent = responseContent
    self.audiencesChanges = audiencesChanges
  }
}

/// The answer of UpdateCustomerProfileV2 (`CustomerProfileIntegrationResponseV2`) and, with
/// the same members, of TrackEventV2 (`TrackEventV2Response`): always the effects and what was
/// created, the rest only when named in `responseContent`.
public struct IntegrationResponseV2: Codable, Hashable, Sendable {
  public var customerProfile: CustomerProfile?
  public var event: Event?
  public var loyalty: Loyalty?
  public var triggeredCampaigns: [Campaign]?
  /// Always empty when asked for: talon has no giveaways.
  public var awardedGiveaways: [JSONValue]?
  public var effects: [Effect]
  public var createdCoupons: [Coupon]
  public var createdReferrals: [Referral]
  /// When `responseContent` asks for it: why rules of the evaluated campaigns did not apply.
  public var ruleFailureReasons: [RuleFailureReason]?

  public init(
    customerProfile: CustomerProfile? = nil, event: Event? = nil, loyalty: Loyalty? = nil,
    triggeredCampaigns: [Campaign]? = nil, awardedGiveaways: [JSONValue]? = nil,
    effects: [Effect] = [], createdCoupons: [Coupon] = [], createdReferrals: [Referral] = [],
    ruleFailureReasons: [RuleFailureReason]? = nil
  ) {
    self.customerProfile = customerProfile
    self.event = event
    self.loyalty = loyalty
    self.triggeredCampaigns = triggeredCampaigns
    self.awardedGiveaways = awardedGiveaways
    self.effects = effects
    self.createdCoupons = createdCoupons
    self.createdReferrals = createdReferrals
    self.ruleFailureReasons = ruleFailureReasons
  }
}

extension IntegrationResponseV2: CarriesRuleFailureReasons {}

/// One profile of UpdateCustomerProfilesV2
/// (`MultipleCustomerProfileIntegrationRequestItem`).
public struct CustomerProfileUpdateItem: Codable, Hashable, Sendable {
  public var integrationId: String
  public var attributes: JSONValue?

  public init(integrationId: String, attributes: JSONValue? = nil) {
    self.integrationId = integrationId
    self.attributes = attributes
  }
}

/// The body of UpdateCustomerProfilesV2 (`MultipleCustomerProfileIntegrationRequest`).
public struct MultipleCustomerProfileIntegrationRequest: Codable, Hashable, Sendable {
  public var customerProfiles: [CustomerProfileUpdateItem]?

  public init(customerProfiles: [CustomerProfileUpdateItem]? = nil) {
    self.customerProfiles = customerProfiles
  }
}

/// One updated profile in the answer of UpdateCustomerProfilesV2
/// (`CustomerProfileUpdateV2Response`).
public struct CustomerProfileUpdateV2Response: Codable, Hashable, Sendable {
  public var customerProfile: CustomerProfile

  public init(customerProfile: CustomerProfile) {
    self.customerProfile = customerProfile
  }
}

/// The answer of UpdateCustomerProfilesV2 with `silent=no`
/// (`MultipleCustomerProfileIntegrationResponseV2`): the profiles in request order.
public struct MultipleCustomerProfileIntegrationResponseV2: Codable, Hashable, Sendable {
  public var integrationStates: [CustomerProfileUpdateV2Response]

  public init(integrationStates: [CustomerProfileUpdateV2Response] = []) {
    self.integrationStates = integrationStates
  }
}

/// The body of TrackEventV2 (`IntegrationEventV2Request`): an event of a profile, without a
/// session.
public struct IntegrationEventV2Request: Codable, Hashable, Sendable {
  public var type: String
  /// Required by talon (the reference's note says so though its schema does not).
  public var profileId: String?
  public var storeIntegrationId: String?
  public var evaluableCampaignIds: [Int]?
  public var attributes: JSONValue?
  public var responseContent: [ResponseContent]?
  public var loyaltyCards: [String]?

  public init(
    type: String, profileId: String? = nil, storeIntegrationId: String? = nil,
    evaluableCampaignIds: [Int]? = nil, attributes: JSONValue? = nil,
    responseContent: [ResponseContent]? = nil, loyaltyCards: [String]? = nil
  ) {
    self.type = type
    self.profileId = profileId
    self.storeIntegrationId = storeIntegrationId
    self.evaluableCampaignIds = evaluableCampaignIds
    self.attributes = attributes
    self.responseContent = responseContent
    self.loyaltyCards = loyaltyCards
  }
}

/// The body of CreateReferralsForMultipleAdvocates (`NewReferralsForMultipleAdvocates`): one
/// code per advocate.
public struct NewReferralsForMultipleAdvocates: Codable, Hashable, Sendable {
  public var campaignId: Int
  public var advocateProfileIntegrationIds: [String]
  /// How often each code may be redeemed; 0 means without limit.
  public var usageLimit: Int
  public var startDate: Date?
  public var expiryDate: Date?
  public var attributes: JSONValue?
  /// The characters `#` in `referralPattern` is replaced with (ranges like `A-Z` allowed).
  public var validCharacters: [String]?
  public var referralPattern: String?

  public init(
    campaignId: Int, advocateProfileIntegrationIds: [String], usageLimit: Int,
    startDate: Date? = nil, expiryDate: Date? = nil, attributes: JSONValue? = nil,
    validCharacters: [String]? = nil, referralPattern: String? = nil
  ) {
    self.campaignId = campaignId
    self.advocateProfileIntegrationIds = advocateProfileIntegrationIds
    self.usageLimit = usageLimit
    self.startDate = startDate
    self.expiryDate = expiryDate
    self.attributes = attributes
    self.validCharacters = validCharacters
    self.referralPattern = referralPattern
  }
}

/// The answer of CreateReferralsForMultipleAdvocates with `silent=no`
/// (`CreateReferralsForMultipleAdvocates201Response`).
public struct InlineResponse201: Codable, Hashable, Sendable {
  public var totalResultSize: Int
  public var data: [Referral]

  public init(totalResultSize: Int, data: [Referral]) {
    self.totalResultSize = totalResultSize
    self.data = data
  }
}
