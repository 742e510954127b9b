import Foundation
import TalonAPI
import TalonEngine
import TalonScript
import TalonShell
import Testing

@testable import TalonRendering

/// Rendered results of real statements against a seeded in-memory embedded engine, compared
/// with Golden/rendering.txt.
@Suite("Result rendering")
struct ResultRendererTests {
  /// Statements run in order on one interpreter; each is rendered in the formats listed.
  static let script: [(statement: String, formats: [OutputFormat])] = [
    ("profile update alice tier=gold", [.summary]),
    (
      "session update s1 profile=alice items=[{sku: SHOE-1, name: Runner, price: 80, quantity: 1, category: shoes}, {sku: HAT-1, name: Hat, price: 40, quantity: 1}] coupons=[SUMMER10, BLACKFRIDAY]",
      [.summary]
    ),
    ("$last.effects[0]", [.pretty, .json, .summary]),
    ("event track newsletter_signup name=Alice", [.summary]),
    ("session update s1 attributes={usePoints: true}", [.summary]),
    ("session close", [.summary]),
    ("session update-v1 s2 profile=alice coupon=NOPE total=10", [.summary]),
    ("session cancel s1", [.summary]),
    ("echo \"hello\" 42", [.pretty, .json]),
    ("let n = 5", [.pretty]),
    ("expect $n == 5", [.pretty]),
    ("{a: 1.50, b: [true, null, \"x/y\"], c: {}}", [.pretty, .json, .summary]),
    (
      "session update s3 profile=alice state=closed items=[{sku: SHOE-1, name: Runner, price: 80, quantity: 2, category: shoes}]",
      [.summary]
    ),
    ("session return SHOE-1 quantity=1", [.summary]),
    (
      "session update s4 profile=alice state=closed items=[{sku: HAT-1, name: Hat, price: 40, quantity: 1}]",
      [.summary]
    ),
    ("session reopen", [.summary]),
    // Summary covers every command: no JSON, no null, no bare {}.
    ("use session s5", [.summary]),
    ("cart add sku=SHOE-1 name=Runner price=80 quantity=2", [.summary]),
    ("cart", [.summary]),
    ("context", [.summary]),
    ("coupon reserve SUMMER10 alice", [.summary]),
    ("coupon reserved alice", [.summary]),
    ("coupon holders SUMMER10", [.summary]),
    ("referral create 3 advocate=alice", [.summary]),
    ("profile inventory alice profile=true referrals=true", [.summary]),
    ("coupon unreserve SUMMER10 alice", [.summary]),
    ("profile delete-data alice", [.summary]),
    ("cart clear", [.summary]),
  ]

  static func interpreter() throws -> Interpreter {
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(store: .memory, campaigns: .demo, seed: 1))
    return Interpreter(api: engine, environment: ScriptEnvironment(variables: [:], seed: 1))
  }

  @Test func resultsInEachFormatMatchTheGoldenFile() async throws {
    let interpreter = try Self.interpreter()
    var cases: [(title: String, input: String, output: String)] = []
    for (index, step) in Self.script.enumerated() {
      let run = await interpreter.run(line: step.statement)
      if let error = run.error { Issue.record("step \(index) failed:\n\(error.rendered)") }
      for format in step.formats {
        let renderer = ResultRenderer(format: format, color: false)
        let text = run.results.map { renderer.render($0) }.joined(separator: "\n")
        cases.append(("\(index + 1) \(format.rawValue)", step.statement, text))
      }
    }
    try Golden.check("rendering.txt", cases: cases)
  }

  @Test func theSummaryViewShowsNoJSON() async throws {
    let interpreter = try Self.interpreter()
    let renderer = ResultRenderer(format: .summary)
    for step in Self.script where step.formats.contains(.summary) {
      let run = await interpreter.run(line: step.statement)
      let text = run.results.map { renderer.render($0) }.joined(separator: "\n")
      #expect(!text.contains("null"), "\(step.statement): \(text)")
      #expect(!text.contains("{"), "\(step.statement): \(text)")
      #expect(!text.contains("\""), "\(step.statement): \(text)")
    }
  }

  @Test func perItemDiscountsNameTheSKU() async throws {
    let interpreter = try Self.interpreter()
    let run = await interpreter.run(
      line:
        "session update s1 profile=amy items=[{sku: SHOE-1, name: Runner, price: 80, quantity: 1, category: shoes}]"
    )
    let text = run.results.map { ResultRenderer(format: .summary).render($0) }.joined()
    #expect(text.contains("20% off shoes on SHOE-1: -16.00"))
  }

  @Test func errorsShowTheirLocationAndAreRedWithColour() async throws {
    let interpreter = try Self.interpreter()
    var cases: [(title: String, input: String, output: String)] = []
    for statement in [
      "expect 1 + 1 == 3", "session update s9 coupons=[A,", "profile delete-data x y",
      "coupon holders NOPE",
    ] {
      guard let error = await interpreter.run(line: statement).error else {
        Issue.record("expected an error from \(statement)")
        continue
      }
      cases.append(("plain", statement, ResultRenderer(format: .pretty).render(error: error)))
      cases.append(
        ("colour", statement, ResultRenderer(format: .pretty, color: true).render(error: error)))
    }
    try Golden.check("errors.txt", cases: cases)
  }

  @Test func prettyJSONIsColouredOnlyWithColour() {
    let value: JSONValue = ["k": [1, "s", true, nil]]
    let coloured = ResultRenderer(format: .pretty, color: true).render(value: value)
    #expect(
      coloured
        == "{\n  \u{1B}[34m\"k\"\u{1B}[0m: [\n    \u{1B}[36m1\u{1B}[0m,\n    \u{1B}[32m\"s\"\u{1B}[0m,\n    \u{1B}[35mtrue\u{1B}[0m,\n    \u{1B}[35mnull\u{1B}[0m\n  ]\n}"
    )
    #expect(
      ResultRenderer(format: .json, color: true).render(value: value)
        == "{\"k\":[1,\"s\",true,null]}")
  }

  @Test func summaryTotalsSubtractDiscountsFromTheSessionTotal() throws {
    let value: JSONValue = [
      "effects": [
        [
          "effectType": "setDiscount",
          "props": ["name": "A", "value": .number(Decimal(string: "4.5") ?? 0)],
        ],
        ["effectType": "setDiscountPerItem", "props": ["name": "B", "value": 2, "position": 0]],
        ["effectType": "rollbackDiscount", "props": ["name": "C", "value": 9]],
      ],
      "customerSession": ["integrationId": "s1", "total": 50, "state": "open", "profileId": ""],
    ]
    let summary = try #require(ResultSummary(value))
    #expect(summary.discounts == Decimal(string: "6.5"))
    #expect(
      summary.text(color: false).hasSuffix(
        "total 50.00 before discounts, 43.50 after (discounts -6.50)"))
    #expect(ResultSummary(["profile": ["integrationId": "a"]]) == nil)
  }

  @Test func oneLineDigestsNameTheOperationAndTheEffects() async throws {
    let interpreter = try Self.interpreter()
    let run = await interpreter.run(
      line: "session update s1 profile=bob items=[{sku: A, name: A, price: 200, quantity: 1}]")
    let result = try #require(run.results.first)
    let line = ResultRenderer().renderLine(result)
    #expect(
      line.hasPrefix("UpdateCustomerSessionV2 s1: 200, 3 effects (discount, loyalty, free item), "))
    #expect(line.hasSuffix(" ms"))
  }

  @Test func theRunnerLineWordsEffectsLikeTheSummary() async throws {
    let interpreter = try Self.interpreter()
    let v2 = await interpreter.run(
      line: "session update s1 profile=ann items=[{sku: A, name: A, price: 80, quantity: 1}] "
        + "coupons=[SUMMER10, NOPE]")
    let v2Result = try #require(v2.results.first)
    let v2Line = ResultLine.text(for: v2Result)
    let v2Summary = ResultRenderer(format: .summary).render(v2Result)
    for words in ["coupon SUMMER10 accepted", "coupon NOPE rejected: CouponNotFound"] {
      #expect(v2Line.contains(words))
      #expect(v2Summary.contains(String(words.dropFirst("coupon ".count))))
    }

    let v1 = await interpreter.run(line: "session update-v1 s2 profile=ann coupon=NOPE total=10")
    let v1Result = try #require(v1.results.first)
    let v1Line = ResultLine.text(for: v1Result)
    #expect(v1Line.hasPrefix("200 updateCustomerSession s2: talon_session_created; "))
    #expect(v1Line.contains("coupon NOPE rejected: CouponNotFound"))
    #expect(
      ResultRenderer(format: .summary).render(v1Result).contains("NOPE rejected: CouponNotFound"))
  }
}
