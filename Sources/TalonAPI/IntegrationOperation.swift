/// The catalogue of the 11 operations: method, path template, success status and the
/// reference schemas of body and answer. The server routes and the HTTP client are built from it.
public enum IntegrationOperation: String, CaseIterable, Sendable {
  case createCouponReservation
  case createReferral
  case deleteCouponReservation
  case deleteCustomerData
  case getCustomerInventory
  case getReservedCoupons
  case getReservedCustomers
  case trackEvent
  case updateCustomerProfile
  case updateCustomerSession
  case updateCustomerSessionV2

  /// The reference's `operationId`.
  public var operationId: String { rawValue }

  /// The method name of Talon.One's C# SDK, e.g. `UpdateCustomerSessionV2`.
  public var sdkName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

  public var method: String {
    switch self {
    case .createCouponReservation, .createReferral, .trackEvent: "POST"
    case .deleteCouponReservation, .deleteCustomerData: "DELETE"
    case .getCustomerInventory, .getReservedCoupons, .getReservedCustomers: "GET"
    case .updateCustomerProfile, .updateCustomerSession, .updateCustomerSessionV2: "PUT"
    }
  }

  /// The path template, with `{name}` for the path parameter.
  public var pathTemplate: String {
    switch self {
    case .createCouponReservation, .deleteCouponReservation:
      "/v1/coupon_reservations/{couponValue}"
    case .createReferral: "/v1/referrals"
    case .deleteCustomerData: "/v1/customer_data/{integrationId}"
    case .getCustomerInventory: "/v1/customer_profiles/{integrationId}/inventory"
    case .getReservedCoupons: "/v1/coupon_reservations/coupons/{integrationId}"
    case .getReservedCustomers: "/v1/coupon_reservations/customerprofiles/{couponValue}"
    case .trackEvent: "/v1/events"
    case .updateCustomerProfile: "/v1/customer_profiles/{integrationId}"
    case .updateCustomerSession: "/v1/customer_sessions/{customerSessionId}"
    case .updateCustomerSessionV2: "/v2/customer_sessions/{customerSessionId}"
    }
  }

  /// The name of the path parameter, if the path has one.
  public var pathParameter: String? {
    guard let open = pathTemplate.firstIndex(of: "{"), let close = pathTemplate.firstIndex(of: "}")
    else { return nil }
    return String(pathTemplate[pathTemplate.index(after: open)..<close])
  }

  /// The query parameters the operation takes.
  public var queryParameters: [String] {
    self == .getCustomerInventory ? ["profile", "referrals"] : []
  }

  /// The HTTP status of success.
  public var successStatus: Int {
    switch self {
    case .createCouponReservation, .createReferral, .trackEvent: 201
    case .deleteCouponReservation, .deleteCustomerData: 204
    default: 200
    }
  }

  /// The reference schema of the request body, if there is one.
  public var requestSchema: String? {
    switch self {
    case .createCouponReservation, .deleteCouponReservation: "CouponReservations"
    case .createReferral: "NewReferral"
    case .trackEvent: "NewEvent"
    case .updateCustomerProfile: "NewCustomerProfile"
    case .updateCustomerSession: "NewCustomerSession"
    case .updateCustomerSessionV2: "IntegrationRequest"
    case .deleteCustomerData, .getCustomerInventory, .getReservedCoupons, .getReservedCustomers:
      nil
    }
  }

  /// The reference schema of the success body, if there is one.
  public var responseSchema: String? {
    switch self {
    case .createCouponReservation: "Coupon"
    case .createReferral: "Referral"
    case .getCustomerInventory: "CustomerInventory"
    case .getReservedCoupons: "InlineResponse2001"
    case .getReservedCustomers: "InlineResponse200"
    case .trackEvent, .updateCustomerProfile, .updateCustomerSession: "IntegrationState"
    case .updateCustomerSessionV2: "IntegrationStateV2"
    case .deleteCouponReservation, .deleteCustomerData: nil
    }
  }

  /// Whether a `Content-Signature` may authenticate the operation (all but the v2 update).
  public var allowsSignature: Bool { self != .updateCustomerSessionV2 }

  /// Idempotent methods may be retried after a transport failure.
  public var isIdempotent: Bool { method != "POST" }

  /// The operation whose SDK name or operationId is `name`, case-insensitively.
  public static func named(_ name: String) -> IntegrationOperation? {
    byLowercasedName[name.lowercased()]
  }

  private static let byLowercasedName = Dictionary(
    uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) })
}
