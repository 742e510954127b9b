import Foundation

/// Today's session lifecycle: reading a session, reopening a closed one and returning items of
/// a closed one. API key only, like every operation of today's generation.
extension IntegrationCatalogue {
  /// `GET /v2/customer_sessions/{customerSessionId}`: the stored session.
  public static let getCustomerSession = APIOperation<
    NoContent, IntegrationCustomerSessionResponse
  >(
    "getCustomerSession", "GET", "/v2/customer_sessions/{customerSessionId}",
    answer: "IntegrationCustomerSessionResponse", success: [200], generation: .current,
    allowsSignature: false)

  /// `PUT /v2/customer_sessions/{customerSessionId}/reopen`: a closed session open again,
  /// with what its close did rolled back.
  public static let reopenCustomerSession = APIOperation<NoContent, ReopenSessionResponse>(
    "reopenCustomerSession", "PUT", "/v2/customer_sessions/{customerSessionId}/reopen",
    answer: "ReopenSessionResponse", success: [200], generation: .current,
    allowsSignature: false)

  /// `POST /v2/customer_sessions/{customerSessionId}/returns`: some items of a closed session
  /// given back, with the rollbacks they bring.
  public static let returnCartItems = APIOperation<ReturnIntegrationRequest, IntegrationStateV2>(
    "returnCartItems", "POST", "/v2/customer_sessions/{customerSessionId}/returns",
    query: [QueryParameter("dry", .bool), QueryParameter("runRuleEngine", .bool)],
    request: "ReturnIntegrationRequest", answer: "IntegrationStateV2", success: [200],
    generation: .current, allowsSignature: false)
}

extension IntegrationOperation {
  public static var getCustomerSession: IntegrationOperation {
    IntegrationCatalogue.getCustomerSession.operation
  }
  public static var reopenCustomerSession: IntegrationOperation {
    IntegrationCatalogue.reopenCustomerSession.operation
  }
  public static var returnCartItems: IntegrationOperation {
    IntegrationCatalogue.returnCartItems.operation
  }
}

extension IntegrationAPI {
  public func getCustomerSession(customerSessionId: String) async throws
    -> IntegrationCustomerSessionResponse
  {
    try await send(
      IntegrationCatalogue.getCustomerSession, OperationArguments(path: [customerSessionId])
    ).value
  }

  public func reopenCustomerSession(customerSessionId: String) async throws
    -> ReopenSessionResponse
  {
    try await send(
      IntegrationCatalogue.reopenCustomerSession, OperationArguments(path: [customerSessionId])
    ).value
  }

  /// `dry` answers without saving anything.
  public func returnCartItems(
    customerSessionId: String, body: ReturnIntegrationRequest, dry: Bool? = nil
  ) async throws -> IntegrationStateV2 {
    var query: [String: QueryValue] = [:]
    query["dry"] = dry.map(QueryValue.bool)
    return try await send(
      IntegrationCatalogue.returnCartItems,
      OperationArguments(path: [customerSessionId], query: query), body: body
    ).value
  }
}
