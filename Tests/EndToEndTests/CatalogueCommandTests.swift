import Foundation
import TalonTestSupport
import Testing

/// `campaigns`, `campaign ID`, `coupons [CODE]`, `loyalty programs` and `talon campaigns
/// export`, through the real binary.
@Suite("Catalogue commands")
struct CatalogueCommandTests {
  @Test func campaignsListsThePackWithStateAndUsage() async throws {
    let outcome = try await TalonBinary.run(
      ["--memory", "--seed", "7"],
      input: """
        use profile bob
        use session s1
        cart add sku=A price=60
        session update coupons=["SUMMER10"]
        session close
        campaigns
        """)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("Demo shop (EUR), built-in demo shop: 8 campaigns") })
    let summer = try #require(lines.first { $0.hasPrefix("2 ") })
    #expect(summer.contains("Summer coupons") && summer.contains("running"))
    #expect(summer.contains("1 coupon redeemed"))
    #expect(lines.contains { $0.hasPrefix("8 ") && $0.contains("disabled") })
  }

  @Test func campaignShowsRulesInInfixForm() async throws {
    let outcome = try await TalonBinary.run(["--memory", "-c", "campaign 6"])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("if Session.CartItemTotal >= 150"))
    #expect(outcome.standardOutput.contains("-> addFreeItem(\"TOTE-01\""))
    let missing = try await TalonBinary.run(["--memory", "-c", "campaign 42"])
    #expect(missing.status == 3)
    #expect(missing.standardError.contains("no campaign 42; the pack has 1, 2, 3"))
  }

  @Test func couponsShowsHoldersAndSuggestsACloseCode() async throws {
    let listed = try await TalonBinary.run(
      ["--memory"], input: "coupon reserve VIP-ONLY alice\ncoupons\ncoupons VIP-ONLY\n")
    #expect(listed.status == 0, "\(listed.standardError)")
    let vip = try #require(
      listed.standardOutput.split(separator: "\n").first { $0.hasPrefix("VIP-ONLY ") })
    #expect(vip.contains("holders of a reservation") && vip.hasSuffix("alice"))
    #expect(listed.standardOutput.contains("holders: alice"))
    for typo in ["vip-only", "VIP-ONL", "VIP-0NLY"] {
      let wrong = try await TalonBinary.run(["--memory", "-c", "coupons \(typo)"])
      #expect(wrong.status == 3)
      #expect(wrong.standardError.contains("did you mean VIP-ONLY?"), "\(typo)")
    }
    let far = try await TalonBinary.run(["--memory", "-c", "coupons NOTHING-LIKE-IT"])
    #expect(far.standardError.contains("list them with: coupons"))
  }

  @Test func loyaltyProgramsListsThePrograms() async throws {
    let outcome = try await TalonBinary.run(["--memory", "-c", "loyalty programs"])
    #expect(outcome.status == 0)
    #expect(outcome.standardOutput.contains("1   points  Shop points"))
  }

  @Test func loyaltyCommandsTakeThePacksOnlyProgram() async throws {
    let outcome = try await TalonBinary.run([
      "--memory", "--seed", "7", "-c",
      "profile update ann\nsession update a1 items=[{sku: A, name: A, price: 30, quantity: 1}]\n"
        + "session close a1\nset output summary\nloyalty balance\nloyalty history",
    ])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("loyalty balance: 30 active"))
    #expect(outcome.standardOutput.contains("+30     Earn 1 point per euro  a1"))
  }

  @Test func aRemoteShellSaysWhatTodaysAPIDoesNotGive() async throws {
    for command in ["coupons", "campaign 1", "loyalty programs"] {
      let outcome = try await TalonBinary.run(
        ["--url", "http://127.0.0.1:9", "--api-key", "k", "-c", command])
      #expect(outcome.status == 3, "\(command)")
      #expect(outcome.standardError.contains("remote deployment"), "\(command)")
      #expect(outcome.standardError.contains("use: campaigns"), "\(command)")
    }
    let loyalty = try await TalonBinary.run(
      ["--url", "http://127.0.0.1:9", "--api-key", "k", "-c", "use profile ann\nloyalty balance"])
    #expect(loyalty.status == 3)
    #expect(
      loyalty.standardError.contains("needs a loyalty program id against a remote deployment"))
  }

  @Test func aRemoteShellListsTheRunningCampaigns() async throws {
    let server = try await ServeProcess.start(["--port", "0", "--seed", "7", "--memory"])
    let outcome = try await TalonBinary.run([
      "--url", server.url, "--api-key", "demo-shop-api-key", "-c",
      "campaigns\nlet listing = campaigns\nexpect len($listing.campaigns) > 1\n"
        + "expect $listing.campaigns[0].campaign.id == 1",
    ])
    #expect(try await server.stop() == 0)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("running campaigns of the remote deployment"))
    #expect(outcome.standardOutput.contains("ID  NAME"))
  }

  @Test func exportPrintsAFileThatLoadsAgain() async throws {
    let exported = try await TalonBinary.run(["campaigns", "export"])
    #expect(exported.status == 0)
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "talon-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appending(path: "shop.json")
    try Data(exported.standardOutput.utf8).write(to: file)
    let loaded = try await TalonBinary.run([
      "--memory", "--campaigns", file.path, "-c", "campaigns",
    ])
    #expect(loaded.status == 0, "\(loaded.standardError)")
    #expect(loaded.standardOutput.contains("Demo shop (EUR), \(file.path): 8 campaigns"))
    let broken = folder.appending(path: "broken.json")
    try Data(#"{"campaigns": []}"#.utf8).write(to: broken)
    let refused = try await TalonBinary.run(["campaigns", "export", "--campaigns", broken.path])
    #expect(refused.status == 2)
    #expect(refused.standardOutput.isEmpty)
    #expect(refused.standardError.contains("application"))
  }
}
