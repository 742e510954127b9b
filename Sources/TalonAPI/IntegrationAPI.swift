/// The 11 operations of the Talon.One Integration API. The embedded engine implements it in
/// process, the HTTP client over the wire; the command language talks only to this protocol.
///
/// Failures are thrown as `IntegrationError` (an HTTP status with Talon.One's `ErrorResponse`);
/// transports may throw their own errors for failures that never reached an API.
public protocol IntegrationAPI: Sendable {
  /// `PUT /v1/customer_profiles/{integrationId}`: creates or updates a profile (attributes merged).
  func updateCustomerProfile(integrationId: String, body: NewCustomerProfile) async throws
    -> IntegrationState

  /// `PUT /v1/customer_sessions/{customerSessionId}`: the v1 session update.
  func updateCustomerSession(customerSessionId: String, body: NewCustomerSession) async throws
    -> IntegrationState

  /// `PUT /v2/customer_sessions/{customerSessionId}`: the v2 session update.
  func updateCustomerSessionV2(customerSessionId: String, body: IntegrationRequest) async throws
    -> IntegrationStateV2

  /// `POST /v1/events`: tracks a custom event.
  func trackEvent(body: NewEvent) async throws -> IntegrationState

  /// `POST /v1/coupon_reservations/{couponValue}`: reserves a coupon for profiles.
  func createCouponReservation(couponValue: String, body: CouponReservations) async throws
    -> Coupon

  /// `DELETE /v1/coupon_reservations/{couponValue}`: removes profiles' reservations.
  func deleteCouponReservation(couponValue: String, body: CouponReservations) async throws

  /// `GET /v1/coupon_reservations/coupons/{integrationId}`: a profile's valid reserved coupons.
  func getReservedCoupons(integrationId: String) async throws -> InlineResponse2001

  /// `GET /v1/coupon_reservations/customerprofiles/{couponValue}`: who reserved a coupon.
  func getReservedCustomers(couponValue: String) async throws -> InlineResponse200

  /// `POST /v1/referrals`: creates a referral code for an advocate.
  func createReferral(body: NewReferral) async throws -> Referral

  /// `GET /v1/customer_profiles/{integrationId}/inventory`: what is stored about a customer.
  func getCustomerInventory(integrationId: String, profile: Bool?, referrals: Bool?) async throws
    -> CustomerInventory

  /// `DELETE /v1/customer_data/{integrationId}`: deletes a customer's personal data.
  func deleteCustomerData(integrationId: String) async throws
}
