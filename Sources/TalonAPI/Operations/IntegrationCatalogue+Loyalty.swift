import Foundation

/// Today's read operations of loyalty ledgers and the campaign listing (all `generation:
/// .current`, API key only).
extension IntegrationCatalogue {
  /// `GET /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/balances`: a
  /// profile's points in one program by status, and by subledger.
  public static let getLoyaltyBalances = APIOperation<NoContent, LoyaltyBalances>(
    "getLoyaltyBalances", "GET",
    "/v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/balances",
    query: [
      QueryParameter("endDate", .dateTime), QueryParameter("subledgerId", .string),
      QueryParameter("includeTiers", .bool, default: .bool(false)),
      QueryParameter("includeProjectedTier", .bool, default: .bool(false)),
    ],
    answer: "LoyaltyBalancesWithTiers", success: [200], generation: .current,
    allowsSignature: false)

  /// `GET /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/transactions`: a
  /// profile's ledger entries, newest first, filtered and paged.
  public static let getLoyaltyProgramProfileTransactions =
    APIOperation<NoContent, LoyaltyTransactionPage>(
      "getLoyaltyProgramProfileTransactions", "GET",
      "/v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/transactions",
      query: [
        QueryParameter("customerSessionIDs", .strings),
        QueryParameter("transactionUUIDs", .strings), QueryParameter("subledgerId", .string),
        QueryParameter("loyaltyTransactionType", .string), QueryParameter("startDate", .dateTime),
        QueryParameter("endDate", .dateTime),
        QueryParameter("pageSize", .integer, default: .integer(50)),
        QueryParameter("skip", .integer), QueryParameter("awaitsActivation", .bool),
      ],
      answer: "GetLoyaltyProgramProfileTransactions200Response", success: [200],
      generation: .current, allowsSignature: false)

  /// `GET /v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/points`: a
  /// profile's unused points of one status, paged.
  public static let getLoyaltyProgramProfilePoints = APIOperation<NoContent, LoyaltyPointsPage>(
    "getLoyaltyProgramProfilePoints", "GET",
    "/v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/points",
    query: [
      QueryParameter("status", .string, default: .string("active")),
      QueryParameter("subledgerId", .strings), QueryParameter("customerSessionIDs", .strings),
      QueryParameter("transactionUUIDs", .strings),
      QueryParameter("pageSize", .integer, default: .integer(50)),
      QueryParameter("skip", .integer), QueryParameter("sort", .string),
    ],
    answer: "GetLoyaltyProgramProfilePoints200Response", success: [200], generation: .current,
    allowsSignature: false)

  /// `GET /v1/integration/campaigns`: the application's running campaigns, filtered by id and
  /// time window, paged. `campaignIds` travels comma-separated (`explode: false`).
  public static let integrationGetAllCampaigns = APIOperation<NoContent, IntegrationCampaignPage>(
    "integrationGetAllCampaigns", "GET", "/v1/integration/campaigns",
    query: [
      QueryParameter("pageSize", .integer, default: .integer(50)),
      QueryParameter("skip", .integer),
      QueryParameter("campaignIds", .strings, explode: false),
      QueryParameter("startAfter", .dateTime), QueryParameter("startBefore", .dateTime),
      QueryParameter("endAfter", .dateTime), QueryParameter("endBefore", .dateTime),
    ],
    answer: "IntegrationGetAllCampaigns200Response", success: [200], generation: .current,
    allowsSignature: false)
}

extension IntegrationOperation {
  public static var getLoyaltyBalances: IntegrationOperation {
    IntegrationCatalogue.getLoyaltyBalances.operation
  }
  public static var getLoyaltyProgramProfileTransactions: IntegrationOperation {
    IntegrationCatalogue.getLoyaltyProgramProfileTransactions.operation
  }
  public static var getLoyaltyProgramProfilePoints: IntegrationOperation {
    IntegrationCatalogue.getLoyaltyProgramProfilePoints.operation
  }
  public static var integrationGetAllCampaigns: IntegrationOperation {
    IntegrationCatalogue.integrationGetAllCampaigns.operation
  }
}

// MARK: The named methods

extension IntegrationAPI {
  /// A profile's balances in a program; `endDate` counts only points booked before it.
  public func getLoyaltyBalances(
    loyaltyProgramId: Int, integrationId: String, endDate: Date? = nil,
    subledgerId: String? = nil
  ) async throws -> LoyaltyBalances {
    var query: [String: QueryValue] = [:]
    query["endDate"] = endDate.map(QueryValue.dateTime)
    query["subledgerId"] = subledgerId.map(QueryValue.string)
    return try await send(
      IntegrationCatalogue.getLoyaltyBalances,
      OperationArguments(path: [String(loyaltyProgramId), integrationId], query: query)
    ).value
  }

  /// A profile's ledger entries in a program; `query` holds the filters and paging by name.
  public func getLoyaltyProgramProfileTransactions(
    loyaltyProgramId: Int, integrationId: String, query: [String: QueryValue] = [:]
  ) async throws -> LoyaltyTransactionPage {
    try await send(
      IntegrationCatalogue.getLoyaltyProgramProfileTransactions,
      OperationArguments(path: [String(loyaltyProgramId), integrationId], query: query)
    ).value
  }

  /// A profile's unused points in a program; `query` holds status, filters and paging by name.
  public func getLoyaltyProgramProfilePoints(
    loyaltyProgramId: Int, integrationId: String, query: [String: QueryValue] = [:]
  ) async throws -> LoyaltyPointsPage {
    try await send(
      IntegrationCatalogue.getLoyaltyProgramProfilePoints,
      OperationArguments(path: [String(loyaltyProgramId), integrationId], query: query)
    ).value
  }

  /// The running campaigns; `query` holds the filters and paging by name.
  public func integrationGetAllCampaigns(query: [String: QueryValue] = [:]) async throws
    -> IntegrationCampaignPage
  {
    try await send(
      IntegrationCatalogue.integrationGetAllCampaigns, OperationArguments(query: query)
    )
    .value
  }
}
