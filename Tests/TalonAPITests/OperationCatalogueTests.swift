import Foundation
import Testing

@testable import TalonAPI

/// The catalogue's entries as data: path parameters in path order, paths filled in, indices.
@Suite("Operation catalogue")
struct OperationCatalogueTests {
  /// An operation of today's API with two path parameters and typed query parameters.
  static let balances = APIOperation<NoContent, JSONValue>(
    "getLoyaltyBalances", "GET",
    "/v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/balances",
    query: [
      QueryParameter("endDate", .dateTime), QueryParameter("subledgerId", .string),
      QueryParameter("includeTiers", .bool, default: .bool(false)),
      QueryParameter("customerSessionIDs", .strings), QueryParameter("pageSize", .integer),
    ],
    answer: "LoyaltyBalances", success: [200], generation: .current)

  @Test func pathParametersAreInPathOrderAndFillTheirPlaces() {
    let operation = Self.balances.operation
    #expect(operation.pathParameters == ["loyaltyProgramId", "integrationId"])
    #expect(
      operation.path(with: ["7", "ann"]) == "/v1/loyalty_programs/7/profile/ann/balances")
    #expect(operation.queryParameter("includeTiers")?.defaultValue == .bool(false))
    #expect(operation.queryParameter("nope") == nil)
    #expect(operation.sdkName == "GetLoyaltyBalances")
    #expect(operation.generation == .current)
    #expect(operation.isIdempotent)
    // A declaration of the same id is another entry than the catalogue's.
    #expect(IntegrationOperation.named("getLoyaltyBalances") == .getLoyaltyBalances)
    #expect(IntegrationOperation.named("getLoyaltyBalances") != operation)
  }

  @Test func everyEntryHasItsOwnIndexAndIsFoundByName() {
    let all = IntegrationOperation.allCases
    #expect(Set(all.map(\.index)).count == all.count)
    #expect(Set(all).count == all.count)
    for operation in all {
      #expect(IntegrationOperation.named(operation.sdkName) == operation)
      #expect(operation.path(with: operation.pathParameters).contains("{") == false)
    }
    #expect(IntegrationOperation.createReferral.isIdempotent == false)
    #expect(IntegrationOperation.deleteCustomerData.successStatus == 204)
  }

  @Test func requestsDecodeAsTheirTypeAndNoContentFromAnything() throws {
    let request = try IntegrationOperation.createCouponReservation.decodeRequest(
      ["integrationIDs": ["p1"]])
    #expect((request as? CouponReservations)?.integrationIDs == ["p1"])
    #expect(try IntegrationOperation.deleteCustomerData.decodeRequest(.null) is NoContent)
    #expect(throws: WireCodingError.self) {
      _ = try IntegrationOperation.createCouponReservation.decodeRequest(["integrationIDs": 3])
    }
  }

  @Test func queryValuesHaveTheirWireForms() {
    let date = Date(timeIntervalSince1970: 1_591_012_800)
    #expect(QueryValue.bool(true).wireTexts == ["true"])
    #expect(QueryValue.integer(-3).wireTexts == ["-3"])
    #expect(QueryValue.dateTime(date).wireTexts == ["2020-06-01T12:00:00Z"])
    #expect(QueryValue.strings(["a", "b"]).wireTexts == ["a", "b"])
    #expect(QueryValue.strings(["a"]).json == ["a"])
  }
}
