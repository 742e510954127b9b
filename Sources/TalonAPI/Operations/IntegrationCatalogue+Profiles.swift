import Foundation

/// Today's profile and event operations and the bulk referral operation (API key only).
extension IntegrationCatalogue {
  /// `PUT /v2/customer_profiles/{integrationId}`: creates or updates a profile; with
  /// `runRuleEngine=true` the profile's rules run and their effects answer.
  public static let updateCustomerProfileV2 = APIOperation<
    CustomerProfileIntegrationRequestV2, IntegrationResponseV2
  >(
    "updateCustomerProfileV2", "PUT", "/v2/customer_profiles/{integrationId}",
    query: [
      QueryParameter("runRuleEngine", .bool, default: .bool(false)),
      QueryParameter("dry", .bool),
    ],
    request: "CustomerProfileIntegrationRequestV2",
    answer: "CustomerProfileIntegrationResponseV2", success: [200], generation: .current,
    allowsSignature: false)

  /// `PUT /v2/customer_profiles`: creates or updates up to 1000 profiles without running
  /// rules; silent (204) unless `silent=no`.
  public static let updateCustomerProfilesV2 = APIOperation<
    MultipleCustomerProfileIntegrationRequest,
    SilentAnswer<MultipleCustomerProfileIntegrationResponseV2>
  >(
    "updateCustomerProfilesV2", "PUT", "/v2/customer_profiles", query: [Silence.parameter],
    request: "MultipleCustomerProfileIntegrationRequest",
    answer: "MultipleCustomerProfileIntegrationResponseV2", success: [200, 204],
    generation: .current, allowsSignature: false)

  /// `POST /v2/events`: a custom event of a profile (no session); silent (204) unless
  /// `silent=no`.
  public static let trackEventV2 = APIOperation<
    IntegrationEventV2Request, SilentAnswer<IntegrationResponseV2>
  >(
    "trackEventV2", "POST", "/v2/events",
    query: [
      Silence.parameter, QueryParameter("dry", .bool),
      QueryParameter("forceCompleteEvaluation", .bool, default: .bool(false)),
    ],
    request: "IntegrationEventV2Request", answer: "TrackEventV2Response", success: [200, 204],
    generation: .current, allowsSignature: false)

  /// `POST /v1/referrals_for_multiple_advocates`: one referral code per advocate; silent (204)
  /// unless `silent=no`.
  public static let createReferralsForMultipleAdvocates = APIOperation<
    NewReferralsForMultipleAdvocates, SilentAnswer<InlineResponse201>
  >(
    "createReferralsForMultipleAdvocates", "POST", "/v1/referrals_for_multiple_advocates",
    query: [Silence.parameter], request: "NewReferralsForMultipleAdvocates",
    answer: "CreateReferralsForMultipleAdvocates201Response", success: [201, 204],
    generation: .current,
    allowsSignature: false)
}

extension IntegrationOperation {
  public static var updateCustomerProfileV2: IntegrationOperation {
    IntegrationCatalogue.updateCustomerProfileV2.operation
  }
  public static var updateCustomerProfilesV2: IntegrationOperation {
    IntegrationCatalogue.updateCustomerProfilesV2.operation
  }
  public static var trackEventV2: IntegrationOperation {
    IntegrationCatalogue.trackEventV2.operation
  }
  public static var createReferralsForMultipleAdvocates: IntegrationOperation {
    IntegrationCatalogue.createReferralsForMultipleAdvocates.operation
  }
}

// MARK: The named methods

extension IntegrationAPI {
  /// `runRuleEngine` runs the profile's rules (effects answer); `dry` evaluates and answers
  /// without saving anything.
  public func updateCustomerProfileV2(
    integrationId: String, body: CustomerProfileIntegrationRequestV2, runRuleEngine: Bool? = nil,
    dry: Bool? = nil
  ) async throws -> IntegrationResponseV2 {
    var query: [String: QueryValue] = [:]
    query["runRuleEngine"] = runRuleEngine.map(QueryValue.bool)
    query["dry"] = dry.map(QueryValue.bool)
    return try await send(
      IntegrationCatalogue.updateCustomerProfileV2,
      OperationArguments(path: [integrationId], query: query), body: body
    ).value
  }

  /// Nil unless `silent` is false.
  public func updateCustomerProfilesV2(
    body: MultipleCustomerProfileIntegrationRequest, silent: Bool? = nil
  ) async throws -> MultipleCustomerProfileIntegrationResponseV2? {
    var query: [String: QueryValue] = [:]
    query["silent"] = Silence.query(silent)
    return try await send(
      IntegrationCatalogue.updateCustomerProfilesV2, OperationArguments(query: query), body: body
    ).value.value
  }

  /// Nil unless `silent` is false.
  public func trackEventV2(body: IntegrationEventV2Request, silent: Bool? = nil, dry: Bool? = nil)
    async throws -> IntegrationResponseV2?
  {
    var query: [String: QueryValue] = [:]
    query["silent"] = Silence.query(silent)
    query["dry"] = dry.map(QueryValue.bool)
    return try await send(
      IntegrationCatalogue.trackEventV2, OperationArguments(query: query), body: body
    ).value.value
  }

  /// Nil unless `silent` is false.
  public func createReferralsForMultipleAdvocates(
    body: NewReferralsForMultipleAdvocates, silent: Bool? = nil
  ) async throws -> InlineResponse201? {
    var query: [String: QueryValue] = [:]
    query["silent"] = Silence.query(silent)
    return try await send(
      IntegrationCatalogue.createReferralsForMultipleAdvocates, OperationArguments(query: query),
      body: body
    ).value.value
  }
}
