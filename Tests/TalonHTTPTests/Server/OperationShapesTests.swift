import Foundation
import TalonAPI
import Testing

@testable import TalonHTTP

/// Operations beyond the 2020 shapes (several path parameters, typed query parameters) go
/// through the routes, the query parsing and the client's targets unchanged.
@Suite("Operation shapes")
struct OperationShapesTests {
  static let balances = APIOperation<NoContent, JSONValue>(
    "getLoyaltyBalances", "GET",
    "/v1/loyalty_programs/{loyaltyProgramId}/profile/{integrationId}/balances",
    query: [
      QueryParameter("endDate", .dateTime), QueryParameter("includeTiers", .bool),
      QueryParameter("customerSessionIDs", .strings), QueryParameter("pageSize", .integer),
    ],
    answer: "LoyaltyBalances", success: [200], generation: .current
  ).operation

  @Test func routesGiveSeveralPathParametersInPathOrder() {
    let routes = RouteTable(operations: [Self.balances])
    #expect(
      routes.resolve(method: "GET", path: "/v1/loyalty_programs/7/profile/a%2Fb/balances")
        == .operation(Self.balances, parameters: ["7", "a%2Fb"]))
    #expect(
      routes.resolve(method: "PUT", path: "/v1/loyalty_programs/7/profile/ann/balances")
        == .methodNotAllowed(allowed: ["GET"]))
  }

  @Test func queryParametersAreTypedByTheCatalogue() throws {
    let values = try QueryArguments.parse(
      "endDate=2020-06-01T12%3A00%3A00Z&includeTiers=TRUE&customerSessionIDs=s1"
        + "&pageSize=20&customerSessionIDs=s%202&unknown=x",
      for: Self.balances)
    #expect(
      values == [
        "endDate": .dateTime(Date(timeIntervalSince1970: 1_591_012_800)),
        "includeTiers": .bool(true), "customerSessionIDs": .strings(["s1", "s 2"]),
        "pageSize": .integer(20),
      ])
    for (query, name) in [
      ("pageSize=ten", "pageSize"), ("endDate=yesterday", "endDate"),
      ("includeTiers=maybe", "includeTiers"),
    ] {
      #expect {
        _ = try QueryArguments.parse(query, for: Self.balances)
      } throws: { error in
        (error as? IntegrationError)?.response.errors?.first?.source.parameter == name
      }
    }
  }

  @Test func clientTargetsCarrySeveralPathParametersAndArrays() throws {
    let base = try BaseURL("http://127.0.0.1:9000/api")
    let arguments = OperationArguments(
      path: ["7", "a/b"],
      query: [
        "customerSessionIDs": .strings(["s1", "s 2"]), "pageSize": .integer(5),
        "endDate": .dateTime(Date(timeIntervalSince1970: 1_591_012_800)),
      ])
    #expect(
      base.target(Self.balances, arguments)
        == "/api/v1/loyalty_programs/7/profile/a%2Fb/balances?endDate=2020-06-01T12%3A00%3A00Z"
        + "&customerSessionIDs=s1&customerSessionIDs=s%202&pageSize=5")
  }

  @Test func unexplodedArraysTravelCommaSeparated() throws {
    let campaigns = IntegrationOperation.integrationGetAllCampaigns
    #expect(campaigns.queryParameter("campaignIds")?.explode == false)
    let values = try QueryArguments.parse("campaignIds=1,20&campaignIds=3", for: campaigns)
    #expect(values == ["campaignIds": .strings(["1", "20", "3"])])
    let base = try BaseURL("http://127.0.0.1:9000")
    #expect(
      base.target(
        campaigns, OperationArguments(query: ["campaignIds": .strings(["1", "20"])]))
        == "/v1/integration/campaigns?campaignIds=1%2C20")
    let decoded = try QueryArguments.parse("campaignIds=1%2C20", for: campaigns)
    #expect(decoded == ["campaignIds": .strings(["1", "20"])])
  }

  @Test func dateTimesTakeTheSDKsOffsetAndADateAlone() {
    let midnight = Date(timeIntervalSince1970: 946_684_800)
    #expect(QueryArguments.dateTime("2000-01-01T00:00:00.000000+0000") == midnight)
    #expect(QueryArguments.dateTime("2000-01-01T01:30:00+0130") == midnight)
    #expect(QueryArguments.dateTime("2000-01-01") == midnight)
    #expect(QueryArguments.dateTime("2000-01-01T00:00:00Z") == midnight)
    #expect(QueryArguments.dateTime("2000-01-01T00:00:00+00") == nil)
    #expect(QueryArguments.dateTime("yesterday") == nil)
  }
}
