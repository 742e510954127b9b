import Foundation

/// Loyalty balances of a profile, by program id (`Loyalty`).
public struct Loyalty: Codable, Hashable, Sendable {
  /// Keyed by the loyalty program's id, as a string.
  public var programs: [String: LoyaltyProgramLedgers]

  public init(programs: [String: LoyaltyProgramLedgers] = [:]) {
    self.programs = programs
  }
}

/// One program's ledgers (`LoyaltyProgramLedgers`).
public struct LoyaltyProgramLedgers: Codable, Hashable, Sendable {
  public var title: String
  public var name: String
  public var ledger: LoyaltyProgramBalance
  public var subLedgers: [String: LoyaltyProgramBalance]?
  /// Today's generation: the program's id (absent in 2020 answers).
  public var id: Int?

  public init(
    title: String, name: String, ledger: LoyaltyProgramBalance,
    subLedgers: [String: LoyaltyProgramBalance]? = nil
  ) {
    self.title = title
    self.name = name
    self.ledger = ledger
    self.subLedgers = subLedgers
  }
}

/// A ledger's balance (`LoyaltyProgramBalance`).
public struct LoyaltyProgramBalance: Codable, Hashable, Sendable {
  public var currentBalance: Decimal
  /// Today's generation (absent in 2020 answers): points not yet active, points that
  /// expired, points spent, and the balance once the open sessions are closed.
  public var pendingBalance: Decimal?
  public var expiredBalance: Decimal?
  public var spentBalance: Decimal?
  public var tentativeCurrentBalance: Decimal?

  public init(currentBalance: Decimal) {
    self.currentBalance = currentBalance
  }
}
