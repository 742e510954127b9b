import Foundation
import TalonAPI
import Testing

@testable import TalonScript

/// Values, references, expressions, pipes, control flow, `run`, `expect`.
@Suite struct LanguageTests {
  static let discount = Effect(
    campaignId: 1, rulesetId: 1, ruleIndex: 0, ruleName: "10% off", effectType: "setDiscount",
    props: ["name": "10% off", "value": .number(Decimal(string: "4.5")!)])

  @Test func lastPathsAndMissingFieldMessage() async throws {
    let harness = Harness()
    harness.api.queueEffects([Self.discount])
    await harness.ok("session update s1 profile=alice")
    #expect(await harness.value("$last.effects[0].props.value") == .number(Decimal(string: "4.5")!))
    #expect(await harness.value("$last[\"effects\"][0][\"effectType\"]") == "setDiscount")
    #expect(await harness.value("$last.effects[-1].ruleName") == "10% off")
    let missing = try #require(await harness.failure("echo $last.efects"))
    #expect(
      missing.message
        == "no field 'efects' in $last; fields: createdCoupons, createdReferrals, customerProfile, customerSession, effects"
    )
    #expect(missing.location?.column == 11)
    let range = try #require(await harness.failure("echo $last.effects[3]"))
    #expect(range.message == "index 3 is out of range for $last.effects (1 element)")
    let unknown = try #require(await harness.failure("echo $nope"))
    #expect(unknown.message.hasPrefix("unknown variable $nope; variables: "))
  }

  @Test func lastIsNullAfterA204AndSetInsideRun() async throws {
    let harness = Harness(files: ["/work/scripts/r.tw": "coupon holders C1\n"])
    await harness.ok("profile update alice\ncoupon unreserve C1")
    #expect(await harness.value("$last") == .null)
    await harness.ok("run r.tw")
    #expect(await harness.value("$last.totalResultSize") == 1)
  }

  @Test func pipes() async throws {
    let harness = Harness()
    harness.api.queueEffects([Self.discount])
    let results = await harness.ok("session update s1 profile=alice | .effects")
    #expect(results.last?.value.arrayValue?.count == 1)
    if case .api(let record) = results.last?.kind {
      #expect(record.operation == .updateCustomerSessionV2)
    } else {
      Issue.record("a piped API command is an API result")
    }
    let echoed = await harness.ok(
      "coupon holders C1 | echo $.totalResultSize $.data[0].integrationId")
    guard case .output(let text) = echoed.last?.kind else {
      Issue.record("echo gives output")
      return
    }
    #expect(text == "1 alice")
    #expect(await harness.value("$last.totalResultSize") == 1)
    let captured = await harness.ok("let effects = session update | .effects")
    #expect(captured.last?.value == .array([]))
    #expect(await harness.interpreter.variables["effects"] == .array([]))
    let error = await harness.failure("echo $.x")
    #expect(error?.message == "$ is only set on the right side of a pipe ('|')")
  }

  @Test func interpolation() async throws {
    let harness = Harness(files: [
      "/work/scripts/hello.tw": "echo \"hello ${args.who}, shop ${env.SHOP}\"\n"
    ])
    let run = await harness.ok("run hello.tw who=world")
    #expect(run.count == 1)
    guard case .output(let text) = harness.nested.results.last?.kind else {
      Issue.record("expected the nested echo")
      return
    }
    #expect(text == "hello world, shop demo")
    await harness.ok("coupon holders C9")
    #expect(
      await harness.value("\"n=${last.totalResultSize + 1} raw=${'x'} ${len([1,2])}\"")
        == "n=2 raw=x 2")
    #expect(await harness.value("'no ${interp}'") == "no ${interp}")
    #expect(await harness.value("\"tab\\tquote\\\" \\u00e9 \\$x\"") == "tab\tquote\" é $x")
  }

  @Test func controlFlowSharesTheEnclosingScope() async throws {
    let harness = Harness()
    await harness.ok(
      """
      let total = 0
      for price in [1.5, 2.5, 6] {
        let total = $total + $price
      }
      let count = 0
      repeat 3 {
        let count = $count + 1
        if $count == 2 {
          let second = true
        } else if $count == 3 {
          let third = true
        } else {
          let first = true
        }
      }
      """)
    let variables = await harness.interpreter.variables
    #expect(variables["total"] == 10)
    #expect(variables["count"] == 3)
    #expect(variables["price"] == 6)
    #expect(variables["first"] == true)
    #expect(variables["second"] == true)
    #expect(variables["third"] == true)
    let nested = harness.nested.results
    #expect(nested.contains { $0.depth == 2 && $0.text == "let second = true" })
  }

  @Test func forOverObjectKeysAndErrors() async throws {
    let harness = Harness()
    await harness.ok("let ks = []\nfor k in {b: 1, a: 2} {\n  let ks = $ks + [$k]\n}")
    #expect(await harness.interpreter.variables["ks"] == ["a", "b"])
    let error = await harness.failure("for x in 3 {\n}")
    #expect(error?.message.hasPrefix("'for' needs an array") == true)
  }

  @Test func decimalArithmeticIsExact() async throws {
    let harness = Harness()
    await harness.ok(
      "expect 60 * 0.1 == 6\nexpect 0.1 + 0.2 == 0.3\nexpect 19.99 * 3 == 59.97\nexpect 10 / 4 == 2.5"
    )
    #expect(await harness.value("1 - 2 * 3") == -5)
    #expect(await harness.value("(1 - 2) * 3") == -3)
    #expect(await harness.value("-(2)") == -2)
    let division = await harness.failure("echo (1 / 0)")
    #expect(division?.message == "division by zero")
  }

  @Test func operatorsAndFunctions() async throws {
    let harness = Harness()
    await harness.ok(
      """
      expect "abc" contains "b" and not ("abc" contains "z")
      expect [1, 2] contains 2 or false
      expect {a: 1} contains a
      expect "SUMMER-1234" matches "^SUMMER-[0-9]{4}$"
      expect len("héllo") == 5 and len([1,2,3]) == 3 and len({a: 1}) == 1
      expect keys({b: 1, a: 2}) == [a, b]
      expect "a" + 1 == "a1"
      expect [1] + [2] == [1, 2]
      expect 2 < 3 and 3 <= 3 and 4 > 3 and 4 >= 4 and a < b and 1 != 2
      expect random(10) < 10
      expect len(uuid()) == 36
      """)
    let compare = await harness.failure("expect 1 < a")
    #expect(compare?.message == "cannot compare number with string using '<'")
  }

  @Test func expectShowsBothValues() async throws {
    let harness = Harness()
    harness.api.queueEffects([Self.discount])
    await harness.ok("session update s1 profile=alice")
    let error = try #require(await harness.failure("expect $last.effects[0].props.value == 5"))
    #expect(error.kind == .expectFailed)
    #expect(error.exitCode == 1)
    #expect(error.message == "expected $last.effects[0].props.value == 5, got 4.5")
    #expect(
      error.rendered == """
        <input>:1:8: error: expected $last.effects[0].props.value == 5, got 4.5
        expect $last.effects[0].props.value == 5
               ^
        """)
    await harness.ok("let want = 5")
    let both = await harness.failure("expect $last.effects[0].props.value == $want \"discount\"")
    #expect(
      both?.message
        == "discount: expected $last.effects[0].props.value == $want, got $last.effects[0].props.value = 4.5, $want = 5"
    )
    let plain = await harness.failure("expect $last.createdCoupons contains x")
    #expect(plain?.message == "expected $last.createdCoupons contains x, got []")
    let truth = await harness.failure("let ok = false\nexpect $ok")
    #expect(truth?.message == "expected $ok, got false")
  }

  @Test func runWithArgumentsRelativePathsAndChildScope() async throws {
    let harness = Harness(files: [
      "/work/scripts/main.tw": "let mine = 1\nrun lib/setup.tw who=alice n=2\n",
      "/work/scripts/lib/setup.tw":
        "profile update $args.who\nlet local = $args.n\nrun ../leaf.tw\n",
      "/work/scripts/leaf.tw": "echo leaf\n",
    ])
    let run = await harness.run("run main.tw")
    #expect(run.error == nil, "\(run.error?.rendered ?? "")")
    #expect(harness.api.lastCall?.path == "alice")
    #expect(await harness.interpreter.context.profileId == "alice")
    #expect(await harness.interpreter.variables["local"] == nil)
    #expect(await harness.interpreter.variables["mine"] == nil)
    let texts = harness.nested.results.map(\.text)
    #expect(texts.contains("echo leaf"))
    #expect(
      harness.nested.results.first { $0.text == "echo leaf" }?.location.file
        == "/work/scripts/leaf.tw")
    #expect(harness.nested.results.first { $0.text == "echo leaf" }?.depth == 3)
    let missing = await harness.failure("run nowhere.tw")
    #expect(missing?.message == "cannot read '/work/scripts/nowhere.tw': no such file")
  }

  @Test func runRecursionIsBounded() async throws {
    let harness = Harness(files: ["/work/scripts/loop.tw": "run loop.tw\n"], maximumRunDepth: 4)
    let error = try #require(await harness.failure("run loop.tw"))
    #expect(error.kind == .runtime)
    #expect(
      error.message
        == "run nested too deeply (more than 4 levels): <input> -> /work/scripts/loop.tw -> /work/scripts/loop.tw -> /work/scripts/loop.tw -> /work/scripts/loop.tw -> /work/scripts/loop.tw"
    )
    #expect(error.location?.file == "/work/scripts/loop.tw")
  }

  @Test func runReportsParseErrorsOfTheChildScript() async throws {
    let harness = Harness(files: ["/work/scripts/bad.tw": "echo ok\nlet = 3\n"])
    let error = try #require(await harness.failure("run bad.tw"))
    #expect(error.kind == .parse)
    #expect(
      error.rendered.hasPrefix(
        "/work/scripts/bad.tw:2:5: error: expected a variable name after 'let'"))
  }

  @Test func exitStopsWithItsCode() async throws {
    let harness = Harness(files: ["/work/scripts/x.tw": "echo a\nexit 4\necho b\n"])
    let run = await harness.run("echo start\nrun x.tw\necho never")
    #expect(run.exitRequested == 4)
    #expect(run.exitCode == 4)
    #expect(run.results.count == 2)
    #expect(!harness.nested.results.contains { $0.text == "echo b" })
  }

  @Test func switchingBackendKeepsVariablesAndResetsContext() async throws {
    let harness = Harness()
    await harness.ok("let keep = 1\nsession update s1 profile=alice")
    #expect(await harness.interpreter.hasBackendClock == false)
    let embedded = RecordingClockAPI()
    await harness.interpreter.switchBackend(to: embedded)
    #expect(await harness.interpreter.hasBackendClock)
    #expect(await harness.interpreter.context.sessionId == nil)
    #expect(await harness.value("$last") == .null)
    #expect(await harness.value("$keep") == 1)
    await harness.ok("clock advance 1h\nprofile update bob")
    #expect(embedded.calls.count == 1)
    #expect(harness.api.calls.count == 1)
  }

  @Test func clockNeedsABackendClock() async throws {
    let remote = Harness()
    let error = await remote.failure("clock advance 30d")
    #expect(error?.message.hasPrefix("clock works only with the embedded engine") == true)
    let embedded = Harness(clock: true)
    #expect(await embedded.value("now()") == "2020-06-01T12:00:00Z")
    let advanced = await embedded.ok("clock advance 1d12h")
    #expect(advanced.last?.value == "2020-06-03T00:00:00Z")
    await embedded.ok("clock set 2021-01-01T00:00:00Z")
    #expect(await embedded.value("now()") == "2021-01-01T00:00:00Z")
    let far = await embedded.failure("clock advance 99999999999d")
    #expect(far?.message == "the clock cannot go past 9999-12-31T23:59:59Z")
    #expect(await embedded.value("now()") == "2021-01-01T00:00:00Z")
  }

  @Test func resultsCarrySourceTextKindsAndCalls() async throws {
    let harness = Harness()
    let results = await harness.ok(
      "profile update alice   # a comment\nlet x = 1 + \\\n  2\necho $x")
    #expect(results.map(\.text) == ["profile update alice", "let x = 1 + \\\n  2", "echo $x"])
    #expect(results[0].apiCalls.count == 1)
    #expect(results[0].apiCalls.first?.status == 200)
    if case .assignment(let name) = results[1].kind {
      #expect(name == "x")
    } else {
      Issue.record("assignment")
    }
    #expect(results[1].value == 3)
    #expect(results.map(\.location.line) == [1, 2, 4])
  }

  @Test func assigningReservedNamesIsAParseError() async throws {
    let harness = Harness()
    let error = await harness.failure("let last = 1")
    #expect(error?.kind == .parse)
    #expect(error?.message == "cannot assign to $last: it holds the result of the last API command")
  }
}
