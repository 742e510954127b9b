import Foundation

/// Every root a rule may read, the built-in fields of each entity with their types, and the
/// custom attributes a campaign file declares in its top-level `attributes` section. The rule
/// compiler checks every path against it when the file loads (docs/campaigns.md, "Attribute
/// catalogue"); the engine binds the same names (`CampaignRun+Roots.swift`).
struct AttributeCatalogue: Sendable {
  /// A built-in field: its name, type and what it holds.
  struct Field: Sendable {
    var name: String
    var type: StaticType
    var about: String
  }

  /// A custom attribute the file declares.
  struct Declaration: Sendable {
    var name: String
    var entity: String
    var type: StaticType
  }

  /// The names a rule reads without binding them.
  static let roots: [(name: String, type: StaticType, about: String)] = [
    ("Session", .record("Session"), "the customer session being updated"),
    ("Profile", .record("Profile"), "the session's customer profile"),
    ("Event", .record("Event"), "the event being evaluated (a session update is one too)"),
    ("Coupon", .record("Coupon"), "the session's coupon, when it belongs to this campaign"),
    ("Referral", .record("Referral"), "the session's referral, when it is valid here"),
    ("Application", .record("Application"), "the application of the campaign file"),
    ("Now", .time, "the engine's clock"),
  ]

  /// The built-in fields of each entity. `CartItem` is what the list functions bind their
  /// parameter (usually `Item`) to over `Session.CartItems`.
  static let entities: [String: [Field]] = [
    "Session": [
      Field(name: "Id", type: .string, about: "the session's integration id"),
      Field(name: "Total", type: .number, about: "cart items plus additional costs"),
      Field(name: "CartItemTotal", type: .number, about: "the sum of price times quantity"),
      Field(name: "AdditionalCostTotal", type: .number, about: "the sum of additional costs"),
      Field(name: "CartItems", type: .list(.record("CartItem")), about: "the cart, in order"),
      Field(name: "CouponCode", type: .string, about: "the coupon code (\"\" without one)"),
      Field(name: "ReferralCode", type: .string, about: "the referral code (\"\" without one)"),
      Field(name: "Attributes", type: .attributes("Session"), about: "custom session attributes"),
      Field(name: "State", type: .string, about: "open, closed or cancelled"),
      Field(name: "Identifiers", type: .list(.string), about: "the session's identifiers"),
      Field(name: "FirstSession", type: .boolean, about: "the profile's first session"),
    ],
    "CartItem": [
      Field(name: "Name", type: .string, about: "the item's name"),
      Field(name: "Sku", type: .string, about: "the stock keeping unit"),
      Field(name: "Quantity", type: .number, about: "how many"),
      Field(name: "Price", type: .number, about: "the price of one"),
      Field(name: "Category", type: .string, about: "the category (\"\" without one)"),
      Field(name: "Position", type: .number, about: "the index in the cart, from 0"),
      Field(name: "Weight", type: .number, about: "the weight (missing without one)"),
      Field(name: "Attributes", type: .attributes("Item"), about: "custom item attributes"),
    ],
    "Profile": [
      Field(name: "Id", type: .string, about: "the profile's integration id"),
      Field(name: "Attributes", type: .attributes("Profile"), about: "custom profile attributes"),
      Field(name: "ClosedSessions", type: .number, about: "sessions closed so far"),
      Field(name: "TotalSales", type: .number, about: "the totals of the closed sessions"),
      Field(
        name: "LoyaltyBalances", type: .map(.number),
        about: "points by loyalty program id (\"1\")"),
    ],
    "Event": [
      Field(name: "Type", type: .string, about: "the event type"),
      Field(name: "Attributes", type: .attributes("Event"), about: "custom event attributes"),
    ],
    "Coupon": [
      Field(name: "Code", type: .string, about: "the coupon's value"),
      Field(name: "Attributes", type: .attributes("Coupon"), about: "the coupon's attributes"),
    ],
    "Referral": [
      Field(name: "Code", type: .string, about: "the referral code"),
      Field(name: "AdvocateProfileIntegrationId", type: .string, about: "who shared the code"),
      Field(name: "FriendProfileIntegrationId", type: .string, about: "who uses it"),
    ],
    "Application": [
      Field(name: "Id", type: .number, about: "the application id"),
      Field(name: "Currency", type: .string, about: "the ISO 4217 currency code"),
    ],
  ]

  /// The entities the `attributes` section may name (`Item`: cart items).
  static let attributeEntities = ["Session", "Profile", "Item", "Event", "Coupon"]

  /// The file's declarations; nil when it has no `attributes` section (then an undeclared
  /// attribute is a warning, not an error).
  var declarations: [Declaration]?

  init(declarations: [Declaration]? = nil) {
    self.declarations = declarations
  }

  static func root(_ name: String) -> StaticType? {
    roots.first { $0.name == name }?.type
  }

  static func field(_ name: String, of entity: String) -> Field? {
    entities[entity]?.first { $0.name == name }
  }

  func declaration(_ name: String, of entity: String) -> Declaration? {
    declarations?.first { $0.entity == entity && $0.name == name }
  }

  /// The closest of `candidates` to a misspelt `name`, if one is close enough to be meant.
  static func suggestion(for name: String, among candidates: [String]) -> String? {
    let lowered = name.lowercased()
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(lowered, candidate.lowercased())
      if distance <= max(1, min(3, candidate.count / 3)), distance < (best?.distance ?? .max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// Levenshtein distance (insertions, deletions and substitutions of characters).
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for (i, left) in a.enumerated() {
      var current = [i + 1]
      for (j, right) in b.enumerated() {
        current.append(
          min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}
