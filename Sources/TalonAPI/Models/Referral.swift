import Foundation

/// The body of CreateReferral (`NewReferral`).
public struct NewReferral: Codable, Hashable, Sendable {
  public var campaignId: Int
  public var advocateProfileIntegrationId: String
  public var friendProfileIntegrationId: String?
  public var startDate: Date?
  public var expiryDate: Date?
  /// Today's generation: how often the code may be redeemed (0: no limit of its own; absent:
  /// the campaign's `referralUsageLimit`), and free attributes stored with the code.
  public var usageLimit: Int?
  public var attributes: JSONValue?

  public init(
    campaignId: Int, advocateProfileIntegrationId: String,
    friendProfileIntegrationId: String? = nil, startDate: Date? = nil, expiryDate: Date? = nil
  ) {
    self.campaignId = campaignId
    self.advocateProfileIntegrationId = advocateProfileIntegrationId
    self.friendProfileIntegrationId = friendProfileIntegrationId
    self.startDate = startDate
    self.expiryDate = expiryDate
  }
}

/// A referral code of an advocate (`Referral`).
public struct Referral: Codable, Hashable, Sendable {
  public var id: Int
  public var created: Date
  public var campaignId: Int
  public var advocateProfileIntegrationId: String
  public var friendProfileIntegrationId: String?
  public var startDate: Date?
  public var expiryDate: Date?
  public var code: String
  public var usageCounter: Int
  /// How often the code may be redeemed; 0 means without limit.
  public var usageLimit: Int
  /// Today's generation, in the inventory: the profiles that redeemed the code
  /// (`InventoryReferral`).
  public var referredCustomers: [String]?
  /// Today's generation: the code's own attributes (CreateReferralsForMultipleAdvocates).
  public var attributes: JSONValue?

  public init(
    id: Int, created: Date, campaignId: Int, advocateProfileIntegrationId: String,
    friendProfileIntegrationId: String? = nil, startDate: Date? = nil, expiryDate: Date? = nil,
    code: String, usageCounter: Int, usageLimit: Int
  ) {
    self.id = id
    self.created = created
    self.campaignId = campaignId
    self.advocateProfileIntegrationId = advocateProfileIntegrationId
    self.friendProfileIntegrationId = friendProfileIntegrationId
    self.startDate = startDate
    self.expiryDate = expiryDate
    self.code = code
    self.usageCounter = usageCounter
    self.usageLimit = usageLimit
  }
}
