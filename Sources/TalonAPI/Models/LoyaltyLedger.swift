import Foundation

/// The answer of GetLoyaltyBalances (`LoyaltyBalancesWithTiers`): a profile's balance in one
/// loyalty program, and the balances of its subledgers by subledger id.
public struct LoyaltyBalances: Codable, Hashable, Sendable {
  public var balance: LoyaltyBalance?
  public var subledgerBalances: [String: LoyaltyBalance]?

  public init(balance: LoyaltyBalance? = nil, subledgerBalances: [String: LoyaltyBalance]? = nil) {
    self.balance = balance
    self.subledgerBalances = subledgerBalances
  }
}

/// The points of one ledger by status (`LoyaltyBalanceWithTier`, without tiers: talon's
/// programs have none).
public struct LoyaltyBalance: Codable, Hashable, Sendable {
  /// Points awarded and available to spend.
  public var activePoints: Decimal?
  /// Points awarded that become active later.
  public var pendingPoints: Decimal?
  /// Points already spent.
  public var spentPoints: Decimal?
  /// Points awarded and never spent that can no longer be used.
  public var expiredPoints: Decimal?
  /// How far the ledger is below zero (then `activePoints` is 0).
  public var negativePoints: Decimal?

  public init(
    activePoints: Decimal = 0, pendingPoints: Decimal = 0, spentPoints: Decimal = 0,
    expiredPoints: Decimal = 0, negativePoints: Decimal = 0
  ) {
    self.activePoints = activePoints
    self.pendingPoints = pendingPoints
    self.spentPoints = spentPoints
    self.expiredPoints = expiredPoints
    self.negativePoints = negativePoints
  }
}

/// One page of a profile's loyalty transactions (GetLoyaltyProgramProfileTransactions).
public struct LoyaltyTransactionPage: Codable, Hashable, Sendable {
  public var hasMore: Bool
  public var data: [LoyaltyTransaction]

  public init(hasMore: Bool, data: [LoyaltyTransaction]) {
    self.hasMore = hasMore
    self.data = data
  }
}

/// One entry of a loyalty ledger as a transaction: points added or deducted.
public struct LoyaltyTransaction: Codable, Hashable, Sendable {
  public var transactionUUID: String
  public var created: Date
  public var programId: Int
  public var customerSessionId: String?
  /// `addition` or `subtraction`.
  public var type: String
  /// The name of the rule (or the reason) that booked the points.
  public var name: String
  /// `immediate`, `on_action` or an RFC 3339 time.
  public var startDate: String
  /// `unlimited` or an RFC 3339 time.
  public var expiryDate: String
  public var subledgerId: String
  /// The amount added or deducted (positive either way).
  public var amount: Decimal
  public var id: Int
  public var rulesetId: Int?
  public var ruleName: String?

  public init(
    transactionUUID: String, created: Date, programId: Int, customerSessionId: String?,
    type: String, name: String, startDate: String, expiryDate: String, subledgerId: String,
    amount: Decimal, id: Int, rulesetId: Int? = nil, ruleName: String? = nil
  ) {
    self.transactionUUID = transactionUUID
    self.created = created
    self.programId = programId
    self.customerSessionId = customerSessionId
    self.type = type
    self.name = name
    self.startDate = startDate
    self.expiryDate = expiryDate
    self.subledgerId = subledgerId
    self.amount = amount
    self.id = id
    self.rulesetId = rulesetId
    self.ruleName = ruleName
  }
}

/// One page of a profile's unused points (GetLoyaltyProgramProfilePoints).
public struct LoyaltyPointsPage: Codable, Hashable, Sendable {
  public var hasMore: Bool
  public var data: [LoyaltyPoints]

  public init(hasMore: Bool, data: [LoyaltyPoints]) {
    self.hasMore = hasMore
    self.data = data
  }
}

/// Points of one addition not spent yet, with when they start and expire.
public struct LoyaltyPoints: Codable, Hashable, Sendable {
  public var id: Int
  public var transactionUUID: String
  public var created: Date
  public var programId: Int
  public var customerSessionId: String?
  public var name: String
  public var startDate: String
  public var expiryDate: String
  public var subledgerId: String
  public var amount: Decimal

  public init(
    id: Int, transactionUUID: String, created: Date, programId: Int, customerSessionId: String?,
    name: String, startDate: String, expiryDate: String, subledgerId: String, amount: Decimal
  ) {
    self.id = id
    self.transactionUUID = transactionUUID
    self.created = created
    self.programId = programId
    self.customerSessionId = customerSessionId
    self.name = name
    self.startDate = startDate
    self.expiryDate = expiryDate
    self.subledgerId = subledgerId
    self.amount = amount
  }
}
