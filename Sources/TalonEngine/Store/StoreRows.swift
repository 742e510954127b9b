import Foundation

/// The statements the engine's store runs inside one transaction for one application (every
/// statement reads and writes only its rows), one method per statement, on plain values: record
/// bytes, ids, counters. `StoreTransaction` holds what the engine does with
/// them (coding, the record cache) once; each database implements this protocol: `SQLiteRows`
/// (GRDB, the default) here and `PostgresRows` in `TalonPostgres`.
///
/// Orders follow insertion: "the last stored" is what SQLite's `rowid` gives (an upsert keeps
/// a row's place) and PostgreSQL's identity column `seq`.
package protocol StoreRows {
  // MARK: Whole store

  /// The application this transaction works for.
  var application: Int { get }

  /// The `integrationId`s of profiles or sessions, the last stored first.
  func recentIdentifiers(of table: RecordTable, limit: Int) throws -> [String]
  /// True when no profile, session or event is stored.
  func isFresh() throws -> Bool
  /// Deletes every row of the application in every table. When no other application has rows
  /// left, the id sequences restart too, as in a new store.
  func deleteEverything() throws
  /// The state instances on one database share (`SharedState`, as JSON text), nil when none
  /// is recorded yet. SQLite's store keeps none: one process owns it.
  func sharedStateText() throws -> String?
  func setSharedStateText(_ text: String) throws

  // MARK: Profiles and sessions

  func profileData(_ id: String) throws -> Data?
  func upsertProfile(_ id: String, data: Data) throws
  func deleteProfile(_ id: String) throws
  /// The internal id of a stored profile (kept by upserts).
  func rowId(profile id: String) throws -> Int?

  func sessionData(_ id: String) throws -> Data?
  /// Inserts or updates a session; `sameProfile` says the stored row has this profile already.
  func upsertSession(_ id: String, profileId: String, data: Data, sameProfile: Bool) throws
  /// The id of the profile's session stored last.
  func latestSessionId(ofProfile id: String) throws -> String?
  /// The profile's sessions, oldest first.
  func sessionsData(ofProfile id: String) throws -> [Data]
  func rowId(session id: String) throws -> Int?

  // MARK: Events

  /// Stores an event and returns its new id.
  func insertEvent(sessionId: String?, profileId: String?, data: Data) throws -> Int
  func eventData(_ id: Int) throws -> Data?
  /// Events of the profile or of one of the sessions.
  func events(profileId: String, sessionIds: [String]) throws -> [StoredRow]
  func updateEvent(_ id: Int, data: Data) throws

  // MARK: Coupons and reservations

  func couponRow(_ value: String) throws -> StoredRow?
  /// Inserts a coupon at usage 0 and returns its id.
  func insertCoupon(value: String, campaignId: Int, data: Data) throws -> Int
  /// Inserts a campaign file's coupon at usage 0, or updates its definition keeping id and usage.
  func upsertFileCoupon(value: String, campaignId: Int, data: Data) throws
  /// True when a coupon or a referral has this code.
  func codeExists(_ value: String) throws -> Bool
  /// Adds `delta` to the usage counter, never below 0.
  func addCouponUsage(_ value: String, _ delta: Int) throws

  func hasReservation(coupon: String, profile: String) throws -> Bool
  /// Reserves the coupon for the profile (nothing when it is reserved already).
  func reserve(coupon: String, profile: String) throws
  func unreserve(coupon: String, profile: String) throws
  func deleteReservations(profile: String) throws
  /// Coupon values the profile reserved, in reservation order.
  func reservedCoupons(profile: String) throws -> [String]
  /// Profiles holding a reservation of the coupon, in reservation order.
  func reservingProfiles(coupon: String) throws -> [String]

  // MARK: Referrals

  func referralRow(code: String) throws -> StoredRow?
  /// The advocate's referrals, by id.
  func referralRows(advocate: String) throws -> [StoredRow]
  func insertReferral(code: String, campaignId: Int, advocate: String, data: Data) throws -> Int
  /// Adds `delta` to the usage counter, never below 0.
  func addReferralUsage(id: Int, _ delta: Int) throws

  // MARK: Loyalty ledger and counters

  /// The sum of the profile's entries per program.
  func balances(profile: String) throws -> [Int: Int]
  /// The sum of the profile's negative entries per program, as a positive number.
  func spentPoints(profile: String) throws -> [Int: Int]
  /// The profile's entries in one program, oldest first.
  func ledgerRows(profile: String, program: Int) throws -> [LedgerRow]
  /// Stores an entry and returns its id.
  func insertLedger(
    profile: String, program: Int, session: String, event: Int, amount: Int, reason: String,
    created: Double
  ) throws -> Int
  func deleteLedger(session: String) throws

  /// A counter's value as decimal text.
  func counterText(campaign: Int, action: String, entity: String) throws -> String?
  func setCounter(campaign: Int, action: String, entity: String, text: String) throws
}

/// The record tables whose ids `recentIdentifiers` lists.
package enum RecordTable: String, Sendable {
  case profile
  case session
}

/// A stored record with its id and, for codes, its usage counter (0 for other records).
package struct StoredRow: Sendable, Hashable {
  package var id: Int
  package var usageCounter: Int
  package var data: Data

  package init(id: Int, usageCounter: Int = 0, data: Data) {
    self.id = id
    self.usageCounter = usageCounter
    self.data = data
  }
}
