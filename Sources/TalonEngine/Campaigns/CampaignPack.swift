import Foundation
import TalonAPI

/// Everything the embedded engine runs: the application, its loyalty programs and campaigns.
/// Read from a campaign file at every start; what happened lives in the store.
public struct CampaignPack: Sendable {
  public var application: ApplicationSettings
  public var loyaltyPrograms: [LoyaltyProgramDefinition]
  /// Sorted by id: the order campaigns are evaluated in.
  public var campaigns: [CampaignDefinition]
  /// Where the pack was read from: the campaign file's path as given, or `demo-shop.json`.
  public internal(set) var source = ""
  /// The campaign file's text as read (`talon campaigns export` prints it).
  public internal(set) var fileText = ""
  /// Problems that did not stop the file loading (undeclared custom attributes when the file has
  /// no `attributes` section), with `source` set; the shell, `talon run` and `talon serve` print
  /// them once on stderr.
  public internal(set) var warnings: [CampaignFileError] = []
  /// Every application of the files this pack was read with, this one included, in order
  /// (one element for a single-application file). The first one owns the rows a store held
  /// before applications had their own data (`docs/behaviour.md`, "Several applications").
  public internal(set) var applications: [ApplicationSettings] = []
  /// This application's own part of a file that describes several (`applications[i]`), a
  /// single-application document; nil when the file describes only this one.
  public internal(set) var document: JSONValue?
  /// This application's place in its file's `applications` array (0 for a single one).
  var applicationIndex = 0

  /// The application whose data the store held before it was kept per application: the
  /// first of the files', or this one when the list does not hold it (a pack built in code).
  var legacyApplicationId: Int {
    guard let first = applications.first, applications.contains(where: { $0.id == application.id })
    else { return application.id }
    return first.id
  }

  /// Whether the files describe other applications besides this one.
  public var hasSiblings: Bool { applications.count > 1 }

  /// Reads and validates a campaign file of one application; a file of several is refused
  /// (read it with `CampaignFiles`).
  public static func load(from path: String) throws -> CampaignPack {
    try CampaignFiles.load(from: [path]).pack(for: nil)
  }

  /// Validates a campaign document of one application; `source` names it in errors.
  public static func parse(_ data: Data, source: String) throws -> CampaignPack {
    try CampaignFiles.parse(data, source: source).pack(for: nil)
  }

  /// The built-in demo shop (`examples/demo-shop.json`, embedded at build time, parsed once).
  /// The tests load it, so a failure here means a broken build.
  public static var demo: CampaignPack {
    get throws { try builtInDemo.get() }
  }

  private static let builtInDemo: Result<CampaignPack, CampaignFileError> = {
    guard let text = EmbeddedResources.text("demo-shop.json") else {
      return .failure(
        CampaignFileError(pointer: "", message: "not built in", source: "demo-shop.json"))
    }
    do {
      return .success(try parse(Data(text.utf8), source: "demo-shop.json"))
    } catch let error as CampaignFileError {
      return .failure(error)
    } catch {
      return .failure(
        CampaignFileError(pointer: "", message: "\(error)", source: "demo-shop.json"))
    }
  }()

  /// True for the built-in demo shop.
  public var isBuiltInDemo: Bool { source == "demo-shop.json" }

  func campaign(_ id: Int) -> CampaignDefinition? {
    campaigns.first { $0.id == id }
  }

  func program(_ id: Int) -> LoyaltyProgramDefinition? {
    loyaltyPrograms.first { $0.id == id }
  }
}

/// The application a campaign file describes. `key` (hex) signs requests with HMAC; `apiKey` is
/// what `Authorization: ApiKey-v1` must carry.
public struct ApplicationSettings: Sendable, Hashable {
  public var id: Int
  public var name: String
  /// ISO 4217 code; discounts are rounded to its minor units.
  public var currency: String
  public var key: String?
  public var apiKey: String?

  public init(id: Int, name: String, currency: String, key: String? = nil, apiKey: String? = nil) {
    self.id = id
    self.name = name
    self.currency = currency
    self.key = key
    self.apiKey = apiKey
  }
}

/// A loyalty program of the application.
public struct LoyaltyProgramDefinition: Sendable, Hashable {
  public var id: Int
  public var name: String
  public var title: String

  public init(id: Int, name: String, title: String) {
    self.id = id
    self.name = name
    self.title = title
  }
}

/// One campaign of the file: its wire form (without counters), its coupons and its rules.
public struct CampaignDefinition: Sendable {
  /// The campaign as `triggeredCampaigns` shows it, before the store's counters are added.
  public var campaign: Campaign
  /// The coupons the file declares (ids and counters come from the store).
  public var coupons: [Coupon]
  /// The usage limit of referral codes created for this campaign (0 = unlimited).
  public var referralUsageLimit: Int
  var rules: [Rule]
  /// Codes of coupons whose file says `reservation: false` without `isReservationMandatory`:
  /// the 2020 meaning (a reservation is required), which keeps the 2020 rejection reason on
  /// the v1 routes (`docs/behaviour.md`, "Reservations in both generations").
  var reservationsIn2020Sense: Set<String> = []
  /// The campaign's place in the file's `campaigns` array (campaigns are kept sorted by id).
  var fileIndex = 0

  public var id: Int { campaign.id }
  public var name: String { campaign.name }

  /// The ruleset id effects carry.
  var rulesetId: Int { campaign.activeRulesetId ?? campaign.id }

  /// Enabled and within `[startTime, endTime)`.
  func isRunning(at now: Date) -> Bool {
    campaign.state == .enabled && isInWindow(at: now)
  }

  /// Within `[startTime, endTime)`, whatever the state.
  func isInWindow(at now: Date) -> Bool {
    if let start = campaign.startTime, now < start { return false }
    if let end = campaign.endTime, now >= end { return false }
    return true
  }
}
