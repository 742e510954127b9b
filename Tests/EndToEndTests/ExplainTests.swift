import Foundation
import TalonTestSupport
import Testing

/// `explain` and the dry profile and event commands through the real binary, on the built-in
/// demo pack: piped statements, a `talon serve` reached with `--url`, and a pseudo-terminal.
@Suite("Explain and dry runs of profiles and events")
struct ExplainTests {
  /// A 140-euro cart with the coupon VIP-ONLY, which needs a reservation.
  static let cart = """
    use profile alice
    session update s1 items=[{sku: BAG-1, name: Bag, price: 140, quantity: 1}] coupons=[VIP-ONLY]
    """

  @Test func explainSaysWhyEachRuleAppliedOrNot() async throws {
    let outcome = try await TalonBinary.run(
      ["--memory", "--output", "summary"], input: Self.cart + "\nexplain\n")
    #expect(outcome.status == 0, "\(outcome.standardError)")
    let text = outcome.standardOutput
    let expected = [
      "explain session s1 (profile alice), total 140.00: every campaign of the pack",
      #"campaign 1 "Big basket": running"#,
      #"  rule 1 "5% off carts of 100 or more": applied"#,
      "      discount  5% off big baskets: -7.00",
      #"  rule 1 "Tote bag over 150": not applied: Session.CartItemTotal 140.00 >= 150 -> false"#,
      "  coupon VIP-ONLY rejected (CouponReservationRequired): VIP-ONLY must be reserved first: "
        + "coupon reserve VIP-ONLY alice",
      #"campaign 8 "Black Friday": disabled"#,
      #"  rule 1 "30% off": not evaluated: the campaign is disabled"#,
    ]
    for line in expected { #expect(text.contains(line), "missing \(line) in\n\(text)") }
  }

  @Test func followingTheRemedyAppliesTheCoupon() async throws {
    let outcome = try await TalonBinary.run(
      ["--memory", "--output", "summary"],
      input: Self.cart + """

        coupon reserve VIP-ONLY alice
        explain campaign=2
        """)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    let text = outcome.standardOutput
    let explanation = String(text[text.range(of: "explain session")!.lowerBound...])
    #expect(explanation.contains(#"  rule 1 "VIP coupon: 20% off": applied"#), "\(explanation)")
    #expect(explanation.contains("discount  VIP 20%: -28.00"), "\(explanation)")
    #expect(!explanation.contains("rejected"), "\(explanation)")
    // campaign= narrows to the one campaign.
    #expect(!explanation.contains("Big basket"), "\(explanation)")
  }

  @Test func jsonGivesTheStructureAndNothingIsSaved() async throws {
    let outcome = try await TalonBinary.run(
      ["--memory", "--output", "json"],
      input: Self.cart + """

        let why = explain s1 campaign=6
        expect $why.explanation.campaign == 6
        expect len($why.explanation.campaigns) == 1
        expect $why.explanation.campaigns[0].rules[0].applied == false
        expect $why.explanation.campaigns[0].rules[0].reason == "Session.CartItemTotal 140.00 >= 150 -> false"
        expect $why.explanation.backend == "embedded"
        let stored = GetCustomerSession s1
        expect $stored.customerSession.updateCount == 1
        """)
    #expect(outcome.status == 0, "\(outcome.standardError)\n\(outcome.standardOutput)")
  }

  @Test func explainRefusesWhatItCannotExplain() async throws {
    let none = try await TalonBinary.run(["--memory", "-c", "explain"])
    #expect(none.status != 0)
    #expect(none.standardError.contains("explain needs a session"))
    let unknown = try await TalonBinary.run(
      ["--memory", "-c", Self.cart + "\nexplain s1 campaign=42"])
    #expect(unknown.status != 0)
    #expect(unknown.standardError.contains("no campaign 42 to explain"), "\(unknown.standardError)")
  }

  /// Over HTTP against `talon serve`: the running campaigns, and what `ruleFailureReasons`
  /// say (the same engine, so the values are there too).
  @Test func explainOverHTTPShowsTheRunningCampaigns() async throws {
    let server = try await ServeProcess.start(["--port", "0", "--seed", "7", "--memory"])
    let outcome = try await TalonBinary.run(
      [
        "--url", server.url, "--api-key", "demo-shop-api-key", "--output", "summary", "-c",
        Self.cart + "\nexplain",
      ])
    #expect(try await server.stop() == 0)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    let text = outcome.standardOutput
    #expect(text.contains("the running campaigns of the remote deployment"), "\(text)")
    #expect(
      text.contains(
        #"  rule 1 "Tote bag over 150": not applied: Session.CartItemTotal 140.00 >= 150 -> false"#),
      "\(text)")
    #expect(text.contains("VIP-ONLY must be reserved first: coupon reserve VIP-ONLY alice"))
    #expect(!text.contains("Black Friday"), "a disabled campaign is not listed remotely")
  }

  @Test func dryProfileAndEventShowWhatWouldChangeAndSaveNothing() async throws {
    let outcome = try await TalonBinary.run(
      ["--memory", "--seed", "3", "--output", "summary"],
      input: """
        profile update alice tier=gold
        event track newsletter_signup name=Alice dry=true
        profile update bob newsletter=true dry=true
        set output json
        let now = context
        expect $now.profile == "alice"
        profile inventory alice profile=true coupons=true
        expect $last.profile.attributes == {tier: "gold"}
        expect len($last.coupons) == 0
        """)
    #expect(outcome.status == 0, "\(outcome.standardError)\n\(outcome.standardOutput)")
    let text = outcome.standardOutput
    #expect(
      text.contains("what if (dry run, nothing saved): event newsletter_signup of profile alice"))
    #expect(
      text.contains("+ notification  [info] Welcome!: Thanks for subscribing, Alice."), "\(text)")
    #expect(text.contains("+ attribute     Profile.Attributes.newsletter = true"), "\(text)")
    #expect(text.contains("what if (dry run, nothing saved): profile bob"), "\(text)")
    #expect(text.contains("(the same effects as the stored profile)"), "\(text)")
  }

  /// Limits reached, campaigns outside their time window, a code that does not exist.
  @Test func explainNamesLimitsTimeWindowsAndUnknownCodes() async throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "talon-explain-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "shop.json")
    try Data(
      #"""
      {"application": {"id": 1, "name": "Limits", "currency": "EUR"},
       "campaigns": [
        {"id": 1, "name": "Once per profile",
         "limits": [{"action": "setDiscountEffect", "limit": 1, "entities": ["Profile"]}],
         "ruleset": {"rules": [{"title": "one off", "condition": true,
           "effects": [["setDiscount", "once", 5]]}]}},
        {"id": 2, "name": "Last year", "endTime": "2020-01-01T00:00:00Z",
         "ruleset": {"rules": [{"title": "old", "condition": true,
           "effects": [["setDiscount", "old", 1]]}]}}]}
      """#.utf8
    ).write(to: file)
    let outcome = try await TalonBinary.run(
      ["--memory", "--campaigns", file.path, "--output", "summary"],
      input: """
        session update s1 profile=ann items=[{sku: A, price: 20, quantity: 1}]
        session close
        session update s2 profile=ann items=[{sku: A, price: 20, quantity: 1}] coupons=[NOPE]
        explain
        """)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    let text = outcome.standardOutput
    let expected = [
      #"  rule 1 "one off": not applied: the conditions held but no effect applied: "#
        + "the campaign's limit is reached: setDiscountEffect at most 1 per Profile",
      #"campaign 2 "Last year": ended (until 2020-01-01)"#,
      #"  rule 1 "old": not evaluated: the campaign is ended"#,
      "  coupon NOPE rejected (CouponNotFound): NOPE does not exist: coupons",
    ]
    for line in expected { #expect(text.contains(line), "missing \(line) in\n\(text)") }
  }

  /// In a terminal: the default summary output, a dry run, then `explain`.
  @Test func explainInAPseudoTerminal() async throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "talon-explain-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let terminal = try PseudoTerminal(
      executable: TalonBinary.url, arguments: ["--memory", "--no-rc"],
      environment: [
        "TERM": "xterm", "NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PAGER": "",
        "HOME": folder.path, "XDG_DATA_HOME": folder.path, "XDG_STATE_HOME": folder.path,
        "XDG_CONFIG_HOME": folder.path,
      ], rows: 60)
    try terminal.send("set pager off\r")
    try terminal.send("use profile alice\r")
    try terminal.send(
      "session update s1 items=[{sku: BAG-1, name: Bag, price: 140, quantity: 1}]\r")
    try await terminal.waitFor("total 140.00 before discounts")
    try terminal.send(
      "session update items=[{sku: BAG-1, name: Bag, price: 150, quantity: 1}] dry=true\r")
    try await terminal.waitFor("+ free item")
    try terminal.send("explain campaign=6\r")
    try await terminal.waitFor("Session.CartItemTotal 140.00 >= 150 -> false")
    try terminal.send("exit\r")
    #expect(try await terminal.waitForExit() == 0)
  }
}
