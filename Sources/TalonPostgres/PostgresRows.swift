import Foundation
import PostgresNIO
import TalonEngine

/// `StoreRows` on PostgreSQL: the statements of the SQLite store in PostgreSQL's dialect, on
/// the tables of `PostgresSchema`, inside the transaction `PostgresEngineStorage` opened. The
/// order SQLite keeps in `rowid` is the identity column `seq`.
struct PostgresRows: StoreRows {
  let link: PostgresLink
  let application: Int

  /// Runs a statement whose rows nobody reads.
  private func rows(_ query: PostgresQuery) throws {
    try link.query(query)
  }

  private func one<T: PostgresDecodable>(_ type: T.Type, _ query: PostgresQuery) throws -> T? {
    try link.query(query).first.map { try $0.decode(T.self) }
  }

  private func all<T: PostgresDecodable>(_ type: T.Type, _ query: PostgresQuery) throws -> [T] {
    try link.query(query).map { try $0.decode(T.self) }
  }

  private func storedRows(_ query: PostgresQuery) throws -> [StoredRow] {
    try link.query(query).map { row in
      let (id, usage, data) = try row.decode((Int, Int, Data).self)
      return StoredRow(id: id, usageCounter: usage, data: data)
    }
  }

  private func perProgram(_ query: PostgresQuery) throws -> [Int: Int] {
    var result: [Int: Int] = [:]
    for row in try link.query(query) {
      let (program, total) = try row.decode((Int, Int).self)
      result[program] = total
    }
    return result
  }

  // MARK: Whole store

  func recentIdentifiers(of table: RecordTable, limit: Int) throws -> [String] {
    switch table {
    case .profile:
      try all(
        String.self,
        """
        SELECT integration_id FROM profile WHERE application_id = \(application)
        ORDER BY seq DESC LIMIT \(limit)
        """)
    case .session:
      try all(
        String.self,
        """
        SELECT integration_id FROM session WHERE application_id = \(application)
        ORDER BY seq DESC LIMIT \(limit)
        """)
    }
  }

  func isFresh() throws -> Bool {
    try one(
      Bool.self,
      """
      SELECT NOT (EXISTS(SELECT 1 FROM profile WHERE application_id = \(application))
        OR EXISTS(SELECT 1 FROM session WHERE application_id = \(application))
        OR EXISTS(SELECT 1 FROM event WHERE application_id = \(application)))
      """) ?? true
  }

  func deleteEverything() throws {
    var othersLeft = false
    for table in PostgresSchema.tables {
      try link.query(
        PostgresQuery(
          unsafeSQL: "DELETE FROM \(table) WHERE application_id = $1",
          binds: bindings(application)))
      othersLeft =
        try othersLeft
        || one(Bool.self, PostgresQuery(unsafeSQL: "SELECT EXISTS(SELECT 1 FROM \(table))"))
          == true
    }
    if !othersLeft {
      try link.execute(
        "TRUNCATE " + PostgresSchema.tables.joined(separator: ", ") + " RESTART IDENTITY")
    }
  }

  func sharedStateText() throws -> String? {
    try one(String.self, "SELECT data FROM shared_state WHERE application_id = \(application)")
  }

  func setSharedStateText(_ text: String) throws {
    try rows(
      """
      INSERT INTO shared_state (application_id, data) VALUES (\(application), \(text))
      ON CONFLICT (application_id) DO UPDATE SET data = excluded.data
      """)
  }

  private func bindings(_ values: Int...) -> PostgresBindings {
    var bindings = PostgresBindings()
    for value in values { bindings.append(value) }
    return bindings
  }

  // MARK: Profiles and sessions

  func profileData(_ id: String) throws -> Data? {
    try one(
      Data.self,
      "SELECT data FROM profile WHERE application_id = \(application) AND integration_id = \(id)")
  }

  func upsertProfile(_ id: String, data: Data) throws {
    try rows(
      """
      INSERT INTO profile (application_id, integration_id, data) VALUES (\(application), \(id), \(data))
      ON CONFLICT (application_id, integration_id) DO UPDATE SET data = excluded.data
      """)
  }

  func deleteProfile(_ id: String) throws {
    try rows(
      "DELETE FROM profile WHERE application_id = \(application) AND integration_id = \(id)")
  }

  func rowId(profile id: String) throws -> Int? {
    try one(
      Int.self,
      "SELECT seq FROM profile WHERE application_id = \(application) AND integration_id = \(id)")
  }

  func sessionData(_ id: String) throws -> Data? {
    try one(
      Data.self,
      "SELECT data FROM session WHERE application_id = \(application) AND integration_id = \(id)")
  }

  func upsertSession(_ id: String, profileId: String, data: Data, sameProfile: Bool) throws {
    try rows(
      """
      INSERT INTO session (application_id, integration_id, profile_id, data)
      VALUES (\(application), \(id), \(profileId), \(data))
      ON CONFLICT (application_id, integration_id)
      DO UPDATE SET profile_id = excluded.profile_id, data = excluded.data
      """)
  }

  func latestSessionId(ofProfile id: String) throws -> String? {
    try one(
      String.self,
      """
      SELECT integration_id FROM session WHERE application_id = \(application)
      AND profile_id = \(id) ORDER BY seq DESC LIMIT 1
      """)
  }

  func sessionsData(ofProfile id: String) throws -> [Data] {
    try all(
      Data.self,
      """
      SELECT data FROM session WHERE application_id = \(application) AND profile_id = \(id)
      ORDER BY seq
      """)
  }

  func rowId(session id: String) throws -> Int? {
    try one(
      Int.self,
      "SELECT seq FROM session WHERE application_id = \(application) AND integration_id = \(id)")
  }

  // MARK: Events

  func insertEvent(sessionId: String?, profileId: String?, data: Data) throws -> Int {
    try one(
      Int.self,
      """
      INSERT INTO event (application_id, session_id, profile_id, data)
      VALUES (\(application), \(sessionId), \(profileId), \(data)) RETURNING id
      """) ?? 0
  }

  func eventData(_ id: Int) throws -> Data? {
    try one(
      Data.self, "SELECT data FROM event WHERE id = \(id) AND application_id = \(application)")
  }

  func events(profileId: String, sessionIds: [String]) throws -> [StoredRow] {
    try link.query(
      """
      SELECT id, data FROM event WHERE application_id = \(application)
      AND (profile_id = \(profileId) OR session_id = ANY(\(sessionIds)))
      """
    ).map { row in
      let (id, data) = try row.decode((Int, Data).self)
      return StoredRow(id: id, data: data)
    }
  }

  func updateEvent(_ id: Int, data: Data) throws {
    try rows(
      "UPDATE event SET data = \(data) WHERE id = \(id) AND application_id = \(application)")
  }

  // MARK: Coupons and reservations

  func couponRow(_ value: String) throws -> StoredRow? {
    try storedRows(
      """
      SELECT id, usage_counter, data FROM coupon
      WHERE application_id = \(application) AND value = \(value)
      """
    ).first
  }

  func insertCoupon(value: String, campaignId: Int, data: Data) throws -> Int {
    try one(
      Int.self,
      """
      INSERT INTO coupon (application_id, value, campaign_id, usage_counter, data)
      VALUES (\(application), \(value), \(campaignId), 0, \(data)) RETURNING id
      """) ?? 0
  }

  func upsertFileCoupon(value: String, campaignId: Int, data: Data) throws {
    try rows(
      """
      INSERT INTO coupon (application_id, value, campaign_id, usage_counter, data)
      VALUES (\(application), \(value), \(campaignId), 0, \(data))
      ON CONFLICT (application_id, value)
      DO UPDATE SET campaign_id = excluded.campaign_id, data = excluded.data
      """)
  }

  func codeExists(_ value: String) throws -> Bool {
    try one(
      Bool.self,
      """
      SELECT EXISTS(SELECT 1 FROM coupon WHERE application_id = \(application) AND value = \(value))
        OR EXISTS(SELECT 1 FROM referral WHERE application_id = \(application) AND code = \(value))
      """) ?? false
  }

  func addCouponUsage(_ value: String, _ delta: Int) throws {
    try rows(
      """
      UPDATE coupon SET usage_counter = GREATEST(0, usage_counter + \(delta))
      WHERE application_id = \(application) AND value = \(value)
      """)
  }

  func hasReservation(coupon: String, profile: String) throws -> Bool {
    try one(
      Bool.self,
      """
      SELECT EXISTS(SELECT 1 FROM reservation WHERE application_id = \(application)
        AND coupon_value = \(coupon) AND profile_id = \(profile))
      """) ?? false
  }

  func reserve(coupon: String, profile: String) throws {
    try rows(
      """
      INSERT INTO reservation (application_id, coupon_value, profile_id)
      VALUES (\(application), \(coupon), \(profile)) ON CONFLICT DO NOTHING
      """)
  }

  func unreserve(coupon: String, profile: String) throws {
    try rows(
      """
      DELETE FROM reservation WHERE application_id = \(application)
      AND coupon_value = \(coupon) AND profile_id = \(profile)
      """)
  }

  func deleteReservations(profile: String) throws {
    try rows(
      "DELETE FROM reservation WHERE application_id = \(application) AND profile_id = \(profile)")
  }

  func reservedCoupons(profile: String) throws -> [String] {
    try all(
      String.self,
      """
      SELECT coupon_value FROM reservation WHERE application_id = \(application)
      AND profile_id = \(profile) ORDER BY seq
      """)
  }

  func reservingProfiles(coupon: String) throws -> [String] {
    try all(
      String.self,
      """
      SELECT profile_id FROM reservation WHERE application_id = \(application)
      AND coupon_value = \(coupon) ORDER BY seq
      """)
  }

  // MARK: Referrals

  func referralRow(code: String) throws -> StoredRow? {
    try storedRows(
      """
      SELECT id, usage_counter, data FROM referral
      WHERE application_id = \(application) AND code = \(code)
      """
    ).first
  }

  func referralRows(advocate: String) throws -> [StoredRow] {
    try storedRows(
      """
      SELECT id, usage_counter, data FROM referral
      WHERE application_id = \(application) AND advocate = \(advocate) ORDER BY id
      """)
  }

  func insertReferral(code: String, campaignId: Int, advocate: String, data: Data) throws -> Int {
    try one(
      Int.self,
      """
      INSERT INTO referral (application_id, code, campaign_id, advocate, usage_counter, data)
      VALUES (\(application), \(code), \(campaignId), \(advocate), 0, \(data)) RETURNING id
      """) ?? 0
  }

  func addReferralUsage(id: Int, _ delta: Int) throws {
    try rows(
      """
      UPDATE referral SET usage_counter = GREATEST(0, usage_counter + \(delta))
      WHERE id = \(id) AND application_id = \(application)
      """)
  }

  // MARK: Loyalty ledger and counters

  func balances(profile: String) throws -> [Int: Int] {
    try perProgram(
      """
      SELECT program_id, SUM(amount)::BIGINT FROM ledger
      WHERE application_id = \(application) AND profile_id = \(profile) GROUP BY program_id
      """)
  }

  func spentPoints(profile: String) throws -> [Int: Int] {
    try perProgram(
      """
      SELECT program_id, (-SUM(amount))::BIGINT FROM ledger
      WHERE application_id = \(application) AND profile_id = \(profile) AND amount < 0
      GROUP BY program_id
      """)
  }

  func ledgerRows(profile: String, program: Int) throws -> [LedgerRow] {
    try link.query(
      """
      SELECT id, session_id, event_id, amount, reason, created FROM ledger
      WHERE application_id = \(application) AND profile_id = \(profile)
      AND program_id = \(program) ORDER BY id
      """
    ).map { row in
      let (id, session, event, amount, reason, created) = try row.decode(
        (Int, String, Int, Int, String, Double).self)
      return LedgerRow(
        id: id, profileId: profile, programId: program, sessionId: session, eventId: event,
        amount: amount, reason: reason, created: Date(timeIntervalSince1970: created))
    }
  }

  func insertLedger(
    profile: String, program: Int, session: String, event: Int, amount: Int, reason: String,
    created: Double
  ) throws -> Int {
    try one(
      Int.self,
      """
      INSERT INTO ledger
        (application_id, profile_id, program_id, session_id, event_id, amount, reason, created)
      VALUES (\(application), \(profile), \(program), \(session), \(event), \(amount), \(reason),
        \(created))
      RETURNING id
      """) ?? 0
  }

  func deleteLedger(session: String) throws {
    try rows(
      "DELETE FROM ledger WHERE application_id = \(application) AND session_id = \(session)")
  }

  func counterText(campaign: Int, action: String, entity: String) throws -> String? {
    try one(
      String.self,
      """
      SELECT value FROM counter WHERE application_id = \(application)
      AND campaign_id = \(campaign) AND action = \(action) AND entity = \(entity)
      """)
  }

  func setCounter(campaign: Int, action: String, entity: String, text: String) throws {
    try rows(
      """
      INSERT INTO counter (application_id, campaign_id, action, entity, value)
      VALUES (\(application), \(campaign), \(action), \(entity), \(text))
      ON CONFLICT (application_id, campaign_id, action, entity) DO UPDATE SET value = excluded.value
      """)
  }
}
