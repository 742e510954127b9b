import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// Builds engines over real SQLite files in a fresh temporary folder (or, with
/// `TALON_ENGINE_TEST_STORE=postgres`, over PostgreSQL: `TestStore`), and validates every answer
/// the engine gives against the reference schema (zero violations expected).
struct TestEngine {
  let engine: EmbeddedEngine
  let path: String
  static let validator = SchemaValidator()

  init(pack: CampaignPack? = nil, seed: UInt64? = 7, path: String? = nil) throws {
    self.path = path ?? Self.temporaryPath()
    var configuration = EngineConfiguration(
      store: .file(path: self.path), campaigns: try pack ?? CampaignPack.demo, seed: seed)
    configuration.storage = TestStore.opener(for: self.path)
    // A test that opens the store again with an edited campaign file stands for an operator
    // restarting the one instance with it: on PostgreSQL that takes --adopt-campaigns.
    configuration.adoptCampaigns = TestStore.isPostgres
    engine = try EmbeddedEngine(configuration: configuration)
  }

  init(json: String, seed: UInt64? = 7) throws {
    try self.init(pack: try CampaignPack.parse(Data(json.utf8), source: "test.json"), seed: seed)
  }

  static func temporaryPath() -> String {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "talon-engine-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appending(path: "store.sqlite").path
  }

  static func checked<T: Encodable>(_ value: T, _ schema: String) throws -> T {
    let violations = try validator.validate(encoding: value, against: schema)
    #expect(violations.isEmpty, "\(schema): \(violations)")
    return value
  }

  // MARK: Operations, each answer validated

  @discardableResult
  func profile(_ id: String, _ attributes: JSONValue? = nil) async throws -> IntegrationState {
    try Self.checked(
      try await engine.updateCustomerProfile(
        integrationId: id, body: NewCustomerProfile(attributes: attributes)),
      "IntegrationState")
  }

  @discardableResult
  func v1(_ id: String, _ body: NewCustomerSession) async throws -> IntegrationState {
    try Self.checked(
      try await engine.updateCustomerSession(customerSessionId: id, body: body),
      "IntegrationState")
  }

  @discardableResult
  func v2(
    _ id: String, _ session: NewCustomerSessionV2,
    content: [ResponseContent] = ResponseContent.known
  ) async throws -> IntegrationStateV2 {
    try Self.checked(
      try await engine.updateCustomerSessionV2(
        customerSessionId: id,
        body: IntegrationRequest(customerSession: session, responseContent: content)),
      "IntegrationStateV2")
  }

  @discardableResult
  func event(_ body: NewEvent) async throws -> IntegrationState {
    try Self.checked(try await engine.trackEvent(body: body), "IntegrationState")
  }

  @discardableResult
  func reserve(_ code: String, _ ids: [String]) async throws -> Coupon {
    try Self.checked(
      try await engine.createCouponReservation(
        couponValue: code, body: CouponReservations(integrationIDs: ids)), "Coupon")
  }

  func unreserve(_ code: String, _ ids: [String]) async throws {
    try await engine.deleteCouponReservation(
      couponValue: code, body: CouponReservations(integrationIDs: ids))
  }

  func reservedCoupons(_ id: String) async throws -> InlineResponse2001 {
    try Self.checked(try await engine.getReservedCoupons(integrationId: id), "InlineResponse2001")
  }

  func reservedCustomers(_ code: String) async throws -> InlineResponse200 {
    try Self.checked(
      try await engine.getReservedCustomers(couponValue: code), "InlineResponse200")
  }

  func referral(_ body: NewReferral) async throws -> Referral {
    try Self.checked(try await engine.createReferral(body: body), "Referral")
  }

  func inventory(_ id: String, profile: Bool? = true, referrals: Bool? = true) async throws
    -> CustomerInventory
  {
    try Self.checked(
      try await engine.getCustomerInventory(
        integrationId: id, profile: profile, referrals: referrals), "CustomerInventory")
  }

  /// The stored profile as the inventory shows it.
  func storedProfile(_ id: String) async throws -> CustomerProfile? {
    try await inventory(id, profile: true, referrals: false).profile
  }

  /// A coupon as stored (read through a throwaway, directly cancelled anonymous session, which
  /// commits nothing).
  func coupon(_ code: String) async throws -> Coupon? {
    let state = try await v2(
      "probe-\(UUID().uuidString)", NewCustomerSessionV2(couponCodes: [code], state: .cancelled),
      content: [.coupons])
    return state.coupons?.first
  }

  /// A profile's committed balance in program 1.
  func points(_ id: String) async throws -> Decimal {
    let state = try await v2(
      "probe-\(UUID().uuidString)", NewCustomerSessionV2(profileId: id, state: .cancelled),
      content: [.loyalty])
    return state.loyalty?.programs["1"]?.ledger.currentBalance ?? 0
  }
}

/// Asserts that `body` throws an `IntegrationError` with `status` and a valid error body.
@discardableResult
func expectError(
  _ status: Int, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () async throws -> Void
) async -> IntegrationError? {
  do {
    try await body()
    Issue.record("expected a \(status) error", sourceLocation: sourceLocation)
  } catch let error as IntegrationError {
    #expect(error.status == status, "\(error)", sourceLocation: sourceLocation)
    let violations = try? TestEngine.validator.validate(
      encoding: error.response, against: "ErrorResponse")
    #expect(violations?.isEmpty == true, sourceLocation: sourceLocation)
    return error
  } catch {
    Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
  }
  return nil
}

extension Decimal {
  init(exactly text: String) {
    self = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
  }
}

extension Array where Element == Effect {
  func of(_ type: String) -> [Effect] { filter { $0.effectType == type } }
}

func item(_ sku: String, _ price: String, quantity: Int = 1, category: String? = nil) -> CartItem {
  CartItem(
    name: sku.lowercased(), sku: sku, quantity: quantity, price: Decimal(exactly: price),
    category: category)
}
