import Foundation

/// A backend that can describe the campaigns it runs: the embedded engine, from its campaign
/// pack and its store. The language's `campaigns`, `campaign`, `coupons` and `loyalty programs`
/// read it; a remote deployment has no such view (see `docs/behaviour.md`, "Exploration").
public protocol PackCatalogueSource: Sendable {
  /// The application, its campaigns with their rules in infix form, coupons (with counters and
  /// holders from the store) and loyalty programs, as of now.
  func packCatalogue() async throws -> PackCatalogue
  /// Ids of the stored profiles and sessions, the most recently stored first, at most `limit`
  /// of each (the shell's completion offers them).
  func storedIdentifiers(limit: Int) async throws -> StoredIdentifiers
}

/// Profile and session ids a store holds.
public struct StoredIdentifiers: Sendable, Hashable {
  public var profiles: [String]
  public var sessions: [String]

  public init(profiles: [String] = [], sessions: [String] = []) {
    self.profiles = profiles
    self.sessions = sessions
  }
}

/// What a campaign pack holds, with the live counters of the store.
public struct PackCatalogue: Codable, Sendable, Hashable {
  /// The application of the pack.
  public struct Application: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var currency: String

    public init(id: Int, name: String, currency: String) {
      self.id = id
      self.name = name
      self.currency = currency
    }
  }

  /// One rule as people read it.
  public struct Rule: Codable, Sendable, Hashable {
    public var title: String
    /// Named values the rule computes first (`name = expression`).
    public var bindings: [String]
    /// The condition in infix form (`Session.Total >= 150`).
    public var condition: String
    /// The effects in call form (`addFreeItem("TOTE-01", "Tote bag")`).
    public var effects: [String]

    public init(title: String, bindings: [String], condition: String, effects: [String]) {
      self.title = title
      self.bindings = bindings
      self.condition = condition
      self.effects = effects
    }
  }

  /// A coupon of the pack with its counters and the profiles holding a reservation.
  public struct CouponEntry: Codable, Sendable, Hashable {
    public var coupon: Coupon
    public var campaignName: String
    /// Profiles holding a reservation of the code.
    public var holders: [String]

    public init(coupon: Coupon, campaignName: String, holders: [String]) {
      self.coupon = coupon
      self.campaignName = campaignName
      self.holders = holders
    }
  }

  /// A campaign: its wire form with the store's counters, whether it runs now, its rules.
  public struct CampaignEntry: Codable, Sendable, Hashable {
    public var campaign: Campaign
    /// Enabled and inside its time window at the backend's current time.
    public var running: Bool
    public var rules: [Rule]
    /// The usage limit of referral codes made for it (0: unlimited).
    public var referralUsageLimit: Int

    public init(campaign: Campaign, running: Bool, rules: [Rule], referralUsageLimit: Int) {
      self.campaign = campaign
      self.running = running
      self.rules = rules
      self.referralUsageLimit = referralUsageLimit
    }
  }

  /// A loyalty program of the application.
  public struct Program: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var title: String

    public init(id: Int, name: String, title: String) {
      self.id = id
      self.name = name
      self.title = title
    }
  }

  public var application: Application
  /// Where the pack came from: the campaign file's path, or `built-in demo shop`.
  public var source: String
  /// The backend's time the counters and `running` were read at.
  public var now: Date
  public var campaigns: [CampaignEntry]
  public var coupons: [CouponEntry]
  public var loyaltyPrograms: [Program]

  public init(
    application: Application, source: String, now: Date, campaigns: [CampaignEntry],
    coupons: [CouponEntry], loyaltyPrograms: [Program]
  ) {
    self.application = application
    self.source = source
    self.now = now
    self.campaigns = campaigns
    self.coupons = coupons
    self.loyaltyPrograms = loyaltyPrograms
  }
}
