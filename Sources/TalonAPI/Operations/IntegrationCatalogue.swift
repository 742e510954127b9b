import Foundation

/// The operations of the Integration API, each declared once: method, path, parameters,
/// bodies, success statuses, idempotency and generation. Everything else (the server's routes
/// and decoding, the HTTP client, the raw commands, `help`, the engine's table of
/// implementations, the reference-coverage test) is driven by these entries. The named method
/// under each entry is the convenience form of `IntegrationAPI.send`.
///
/// Adding an operation: an entry here (and in `all`), its wire models in `Models/`, its
/// implementation in the engine's `Operations/OperationTable.swift`; optionally a friendly
/// command (see ARCHITECTURE.md).
public enum IntegrationCatalogue {
  /// Every entry, in the order `help` lists them.
  public static let all: [IntegrationOperation] = [
    createCouponReservation.operation, createReferral.operation,
    deleteCouponReservation.operation, deleteCustomerData.operation,
    getCustomerInventory.operation, getCustomerSession.operation, getReservedCoupons.operation,
    getReservedCustomers.operation, reopenCustomerSession.operation, returnCartItems.operation,
    trackEvent.operation, updateCustomerProfile.operation, updateCustomerSession.operation,
    updateCustomerSessionV2.operation, updateCustomerProfileV2.operation,
    updateCustomerProfilesV2.operation, trackEventV2.operation,
    createReferralsForMultipleAdvocates.operation,
    getLoyaltyBalances.operation, getLoyaltyProgramProfileTransactions.operation,
    getLoyaltyProgramProfilePoints.operation, integrationGetAllCampaigns.operation,
  ]

  /// `PUT /v1/customer_profiles/{integrationId}`: creates or updates a profile (attributes
  /// merged).
  public static let updateCustomerProfile = APIOperation<NewCustomerProfile, IntegrationState>(
    "updateCustomerProfile", "PUT", "/v1/customer_profiles/{integrationId}",
    request: "NewCustomerProfile", answer: "IntegrationState", success: [200])

  /// `PUT /v1/customer_sessions/{customerSessionId}`: the v1 session update.
  public static let updateCustomerSession = APIOperation<NewCustomerSession, IntegrationState>(
    "updateCustomerSession", "PUT", "/v1/customer_sessions/{customerSessionId}",
    request: "NewCustomerSession", answer: "IntegrationState", success: [200])

  /// `PUT /v2/customer_sessions/{customerSessionId}`: the v2 session update (API key only).
  public static let updateCustomerSessionV2 = APIOperation<IntegrationRequest, IntegrationStateV2>(
    "updateCustomerSessionV2", "PUT", "/v2/customer_sessions/{customerSessionId}",
    query: [QueryParameter("dry", .bool), QueryParameter("now", .dateTime)],
    request: "IntegrationRequest", answer: "IntegrationStateV2", success: [200],
    allowsSignature: false)

  /// `POST /v1/events`: tracks a custom event.
  public static let trackEvent = APIOperation<NewEvent, IntegrationState>(
    "trackEvent", "POST", "/v1/events", request: "NewEvent", answer: "IntegrationState",
    success: [201])

  /// `POST /v1/coupon_reservations/{couponValue}`: reserves a coupon for profiles.
  public static let createCouponReservation = APIOperation<CouponReservations, Coupon>(
    "createCouponReservation", "POST", "/v1/coupon_reservations/{couponValue}",
    request: "CouponReservations", answer: "Coupon", success: [201])

  /// `DELETE /v1/coupon_reservations/{couponValue}`: removes profiles' reservations.
  public static let deleteCouponReservation = APIOperation<CouponReservations, NoContent>(
    "deleteCouponReservation", "DELETE", "/v1/coupon_reservations/{couponValue}",
    request: "CouponReservations", success: [204])

  /// `GET /v1/coupon_reservations/coupons/{integrationId}`: a profile's valid reserved coupons.
  public static let getReservedCoupons = APIOperation<NoContent, InlineResponse2001>(
    "getReservedCoupons", "GET", "/v1/coupon_reservations/coupons/{integrationId}",
    answer: "InlineResponse2001", success: [200])

  /// `GET /v1/coupon_reservations/customerprofiles/{couponValue}`: who reserved a coupon.
  public static let getReservedCustomers = APIOperation<NoContent, InlineResponse200>(
    "getReservedCustomers", "GET", "/v1/coupon_reservations/customerprofiles/{couponValue}",
    answer: "InlineResponse200", success: [200])

  /// `POST /v1/referrals`: creates a referral code for an advocate.
  public static let createReferral = APIOperation<NewReferral, Referral>(
    "createReferral", "POST", "/v1/referrals", request: "NewReferral", answer: "Referral",
    success: [201])

  /// `GET /v1/customer_profiles/{integrationId}/inventory`: what is stored about a customer.
  public static let getCustomerInventory = APIOperation<NoContent, CustomerInventory>(
    "getCustomerInventory", "GET", "/v1/customer_profiles/{integrationId}/inventory",
    query: [
      QueryParameter("profile", .bool), QueryParameter("referrals", .bool),
      QueryParameter("coupons", .bool), QueryParameter("loyalty", .bool),
      QueryParameter("giveaways", .bool), QueryParameter("achievements", .bool),
    ],
    answer: "CustomerInventory", success: [200])

  /// `DELETE /v1/customer_data/{integrationId}`: deletes a customer's personal data.
  public static let deleteCustomerData = APIOperation<NoContent, NoContent>(
    "deleteCustomerData", "DELETE", "/v1/customer_data/{integrationId}", success: [204])
}

extension IntegrationOperation {
  public static var updateCustomerProfile: IntegrationOperation {
    IntegrationCatalogue.updateCustomerProfile.operation
  }
  public static var updateCustomerSession: IntegrationOperation {
    IntegrationCatalogue.updateCustomerSession.operation
  }
  public static var updateCustomerSessionV2: IntegrationOperation {
    IntegrationCatalogue.updateCustomerSessionV2.operation
  }
  public static var trackEvent: IntegrationOperation { IntegrationCatalogue.trackEvent.operation }
  public static var createCouponReservation: IntegrationOperation {
    IntegrationCatalogue.createCouponReservation.operation
  }
  public static var deleteCouponReservation: IntegrationOperation {
    IntegrationCatalogue.deleteCouponReservation.operation
  }
  public static var getReservedCoupons: IntegrationOperation {
    IntegrationCatalogue.getReservedCoupons.operation
  }
  public static var getReservedCustomers: IntegrationOperation {
    IntegrationCatalogue.getReservedCustomers.operation
  }
  public static var createReferral: IntegrationOperation {
    IntegrationCatalogue.createReferral.operation
  }
  public static var getCustomerInventory: IntegrationOperation {
    IntegrationCatalogue.getCustomerInventory.operation
  }
  public static var deleteCustomerData: IntegrationOperation {
    IntegrationCatalogue.deleteCustomerData.operation
  }
}

// MARK: The named methods

extension IntegrationAPI {
  public func updateCustomerProfile(integrationId: String, body: NewCustomerProfile) async throws
    -> IntegrationState
  {
    try await send(
      IntegrationCatalogue.updateCustomerProfile, OperationArguments(path: [integrationId]),
      body: body
    ).value
  }

  public func updateCustomerSession(customerSessionId: String, body: NewCustomerSession)
    async throws -> IntegrationState
  {
    try await send(
      IntegrationCatalogue.updateCustomerSession, OperationArguments(path: [customerSessionId]),
      body: body
    ).value
  }

  /// `dry` evaluates and answers without saving anything; `now` (with `dry` only) is the
  /// evaluation time.
  public func updateCustomerSessionV2(
    customerSessionId: String, body: IntegrationRequest, dry: Bool? = nil, now: Date? = nil
  ) async throws -> IntegrationStateV2 {
    var query: [String: QueryValue] = [:]
    query["dry"] = dry.map(QueryValue.bool)
    query["now"] = now.map(QueryValue.dateTime)
    return try await send(
      IntegrationCatalogue.updateCustomerSessionV2,
      OperationArguments(path: [customerSessionId], query: query), body: body
    ).value
  }

  public func trackEvent(body: NewEvent) async throws -> IntegrationState {
    try await send(IntegrationCatalogue.trackEvent, OperationArguments(), body: body).value
  }

  public func createCouponReservation(couponValue: String, body: CouponReservations) async throws
    -> Coupon
  {
    try await send(
      IntegrationCatalogue.createCouponReservation, OperationArguments(path: [couponValue]),
      body: body
    ).value
  }

  public func deleteCouponReservation(couponValue: String, body: CouponReservations) async throws {
    _ = try await send(
      IntegrationCatalogue.deleteCouponReservation, OperationArguments(path: [couponValue]),
      body: body)
  }

  public func getReservedCoupons(integrationId: String) async throws -> InlineResponse2001 {
    try await send(
      IntegrationCatalogue.getReservedCoupons, OperationArguments(path: [integrationId])
    ).value
  }

  public func getReservedCustomers(couponValue: String) async throws -> InlineResponse200 {
    try await send(
      IntegrationCatalogue.getReservedCustomers, OperationArguments(path: [couponValue])
    ).value
  }

  public func createReferral(body: NewReferral) async throws -> Referral {
    try await send(IntegrationCatalogue.createReferral, OperationArguments(), body: body).value
  }

  /// `coupons`, `loyalty`, `giveaways` and `achievements` are today's flags.
  public func getCustomerInventory(
    integrationId: String, profile: Bool?, referrals: Bool?, coupons: Bool? = nil,
    loyalty: Bool? = nil, giveaways: Bool? = nil, achievements: Bool? = nil
  ) async throws -> CustomerInventory {
    var query: [String: QueryValue] = [:]
    query["profile"] = profile.map(QueryValue.bool)
    query["referrals"] = referrals.map(QueryValue.bool)
    query["coupons"] = coupons.map(QueryValue.bool)
    query["loyalty"] = loyalty.map(QueryValue.bool)
    query["giveaways"] = giveaways.map(QueryValue.bool)
    query["achievements"] = achievements.map(QueryValue.bool)
    return try await send(
      IntegrationCatalogue.getCustomerInventory,
      OperationArguments(path: [integrationId], query: query)
    ).value
  }

  public func deleteCustomerData(integrationId: String) async throws {
    _ = try await send(
      IntegrationCatalogue.deleteCustomerData, OperationArguments(path: [integrationId]))
  }
}
