import Foundation
import TalonAPI
import Testing

@testable import TalonScript

/// `loyalty balance`, `loyalty history`, remote `campaigns`, and raw commands with several
/// path parameters and array query parameters.
@Suite struct LoyaltyCommandTests {
  @Test func loyaltyBalanceSendsProgramAndProfileInPathOrder() async throws {
    let harness = Harness()
    await harness.ok("loyalty balance 1 profile=alice")
    let call = try #require(harness.api.lastCall)
    #expect(call.operation == .getLoyaltyBalances)
    #expect(call.arguments.path == ["1", "alice"])
    #expect(await harness.value("$last.balance.activePoints") == 70)
  }

  @Test func loyaltyHistoryUsesTheCurrentProfileAndTheLimit() async throws {
    let harness = Harness()
    await harness.ok("profile update bob\nloyalty history 2 limit=5")
    let call = try #require(harness.api.lastCall)
    #expect(call.operation == .getLoyaltyProgramProfileTransactions)
    #expect(call.arguments.path == ["2", "bob"])
    #expect(call.arguments.query == ["pageSize": .integer(5)])
  }

  @Test func withoutAProgramARemoteDeploymentNeedsOne() async throws {
    let harness = Harness()
    let error = await harness.failure("profile update bob\nloyalty balance")
    #expect(
      error?.message.contains("needs a loyalty program id against a remote deployment") == true)
    let noProfile = await Harness().failure("loyalty history 1")
    #expect(noProfile?.message.contains("needs a profile") == true)
  }

  @Test func rawCommandsTakeSeveralPathParametersAndArrays() async throws {
    let harness = Harness()
    await harness.ok(
      """
      GetLoyaltyBalances 1 alice endDate=2026-01-01T00:00:00Z
      GetLoyaltyProgramProfileTransactions 1 alice customerSessionIDs=[s1, s2] pageSize=10
      IntegrationGetAllCampaigns campaignIds=["1", "3"]
      """)
    let calls = harness.api.calls
    #expect(calls.count == 3)
    #expect(calls[0].arguments.path == ["1", "alice"])
    #expect(
      calls[0].arguments.query["endDate"]?.dateTime == RFC3339.date(from: "2026-01-01T00:00:00Z"))
    #expect(
      calls[1].arguments.query == [
        "customerSessionIDs": .strings(["s1", "s2"]), "pageSize": .integer(10),
      ])
    #expect(calls[2].arguments.query == ["campaignIds": .strings(["1", "3"])])
  }

  @Test func remoteCampaignsListTheRunningOnes() async throws {
    let harness = Harness()
    let results = await harness.ok("campaigns")
    let call = try #require(harness.api.lastCall)
    #expect(call.operation == .integrationGetAllCampaigns)
    #expect(call.arguments.query == ["pageSize": .integer(1000), "skip": .integer(0)])
    guard case .output(let text) = results.last?.kind else {
      Issue.record("campaigns prints a table")
      return
    }
    #expect(text.contains("Big basket"))
    #expect(text.contains("5% off big baskets"))
    #expect(await harness.value("$last.data[0].name") == "Big basket")
    #expect(await harness.value("campaigns | .campaigns[0].campaign.name") == "Big basket")
    let coupons = await harness.failure("coupons")
    #expect(coupons?.message.contains("use: campaigns") == true)
  }
}
