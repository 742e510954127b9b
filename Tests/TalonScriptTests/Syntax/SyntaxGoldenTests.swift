import Foundation
import Testing

@testable import TalonScript

/// Golden tests of the lexer and parser: token streams and trees of valid programs, and the
/// rendered message (with source line and caret) of every syntax error.
@Suite struct SyntaxGoldenTests {
  static let lexerCases: [(String, String)] = [
    (
      "words, numbers, dates and durations",
      "cart add sku=SKU-1 price=19.99 at=2020-05-01T10:00:00Z wait=30d n=-2 e=1e+5"
    ),
    ("references and paths", "echo $last.effects[0].props.value $args[\"odd key\"] $ | .x"),
    ("strings and comments", "echo \"hi ${args.who}\" 'raw ${x}' # trailing comment"),
    ("operators", "expect (1 + 2) * 3 / 4 - 5 == 1 != 2 < 3 <= 4 > 5 >= 6"),
    ("object keys stop at colon", "{tier: gold, at: 10:30, url: http://x}"),
    ("line continuation", "profile update alice \\\n  tier=gold"),
    ("run takes a path", "run ../lib/a-b.tw x=1 | echo {run: 1}"),
    ("narration", "#> # The shop\n  #> **bold** text\necho a #> not narration\n# plain #> comment"),
  ]

  static let parserCases: [(String, String)] = [
    (
      "api commands",
      """
      profile update alice tier=gold
      session update s1 coupons=[SUMMER10, 'b',] items=[{sku: A, price: 1, quantity: 2,}]
      session update-v1 coupon=X total=($a + 1)
      session close
      event track viewed page=home
      coupon reserve C1 alice bob
      referral create 1 friend=bob
      profile inventory alice profile=true
      UpdateCustomerSessionV2 s1 {customerSession: {profileId: "alice"}}
      getcustomerinventory alice referrals=true
      """
    ),
    (
      "statements",
      """
      let a = 1 + 2 * 3
      let r = session update | .effects[0]
      let n = gold
      expect $a == 7 "seven"
      expect not $b or $c and $d
      echo a "b" $c len($d) (1 + 2) -3
      use session new
      run lib/x.tw who=alice
      run ../up/y.tw
      let r = run /abs/z.tw
      $last.effects
      """
    ),
    (
      "blocks",
      """
      if $a > 1 {
        echo big
      } else if $a == 1 {
        echo one
      } else {
        echo small
      }
      for x in [1, 2] { echo $x }
      repeat 3 {
        let n = $n + 1
      }
      """
    ),
    (
      "multi-line object",
      """
      session update attributes={
        channel: web,
        nested: [1,
          2],
      }
      """
    ),
    (
      "interpolation",
      #"echo "a ${args.who} b ${last.effects[0].props.value + 1} c ${"inner ${x}"} \u00e9""#
    ),
    ("pipes", "coupon holders C1 | echo $.totalResultSize | .x"),
    (
      "expect error",
      """
      expect error 404 profile inventory paul profile=true
      expect error 409 "state" session update s1 state=open
      expect error 400 'campaign' referral create 99 advocate=$who
      expect error 404 $text DeleteCustomerData paul
      if $a { expect error 599 coupon holders NOPE }
      """
    ),
    (
      "narration",
      """
      #> # Welcome
      #> The shop sells **shoes**.

      #> A first order
      #> - two items
      # a plain comment ends the caption
      #> with a coupon
      session update s1 coupons=[SUMMER10]
      let total = 1
      #> A caption that ends the file
      """
    ),
    (
      "narration in blocks and objects",
      """
      for x in [1, 2] {
        #> each round
        echo $x
        #> after the last statement
      }
      echo {
        #> only a comment here
        a: 1
      }
      """
    ),
  ]

  static let errorCases: [(String, String)] = [
    ("unexpected character", "echo a ; b"),
    ("digit-led word", "cart add sku=12abc"),
    ("unterminated double-quoted string", "echo \"abc"),
    ("unterminated raw string", "echo 'abc"),
    ("stray backslash", "echo a \\ b"),
    ("bang without equals", "expect !$a"),
    ("unknown command with suggestion", "sesion update s1"),
    ("unknown command", "frobnicate now"),
    ("unknown subcommand", "session frob"),
    ("missing subcommand", "profile"),
    ("unknown key", "session update s1 coupon=X"),
    ("key given twice", "profile update alice a=1 a=2"),
    ("too many arguments", "session update s1 s2"),
    ("missing argument", "coupon holders"),
    ("value missing after key", "session update state="),
    ("let without name", "let = 1"),
    ("let reserved", "let profile = x"),
    ("for over a reserved name", "for last in [1] {\n}"),
    ("let without equals", "let x 1"),
    ("bad variable name", "let a-b = 1"),
    ("unclosed block", "if $a {\n  echo x\n"),
    ("missing block", "repeat 3 echo x"),
    ("else on its own line", "if $a {\n}\nelse {\n}"),
    ("for without in", "for x [1] {\n}"),
    ("unclosed array", "echo [1, 2"),
    ("unclosed object", "echo {a: 1"),
    ("object key without colon", "echo {a 1}"),
    ("chained comparison", "expect 1 < 2 < 3"),
    ("trailing tokens", "expect 1 == 1 )"),
    ("empty interpolation", "echo \"${}\""),
    ("bad interpolation", "echo \"${a-b}\""),
    ("unknown escape", "echo \"a\\qb\""),
    ("missing field name", "echo $a."),
    (
      "nesting too deep",
      "echo " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
    ),
    ("value expected", "echo )"),
    ("error on a later line", "echo ok\n  session update s1 items=[1,,2]"),
    ("junk after a statement", "let x = 1 2"),
    ("unclosed parenthesis", "echo (1 + 2"),
    ("unclosed index", "echo $a[1"),
    ("unclosed call", "echo len(1"),
    ("interpolated object key", "echo {\"${a}\": 1}"),
    ("bad unicode escape", "echo \"\\u12\""),
    ("number out of range", "echo 1e99999"),
    ("junk inside interpolation", "echo \"${a b}\""),
    ("non-ASCII outside a string", "echo \u{00e9}"),
    ("command without keys", "echo a=1"),
    ("expect error without status", "expect error"),
    ("expect error with a word for status", "expect error abc profile inventory paul"),
    ("expect error without command", "expect error 404"),
    ("expect error without command before a comment", "expect error 404 \"gone\" # no command"),
    ("expect error status below 400", "expect error 200 profile inventory paul"),
    ("expect error status above 599", "expect error 600 profile inventory paul"),
    ("expect error fractional status", "expect error 404.5 profile inventory paul"),
    ("expect error with a command that calls nothing", "expect error 404 echo hi"),
    ("expect error with an unknown command", "expect error 404 profil inventory paul"),
    ("expect error with a pipe", "expect error 404 profile inventory paul | .x"),
    ("expect error with a bad command argument", "expect error 404 coupon holders"),
  ]

  @Test func lexerGolden() throws {
    try Golden.check("lexer.txt", cases: Self.lexerCases, render: SyntaxDump.tokens)
  }

  @Test func parserGolden() throws {
    try Golden.check("parser.txt", cases: Self.parserCases, render: SyntaxDump.program)
  }

  @Test func errorGolden() throws {
    try Golden.check("errors.txt", cases: Self.errorCases, render: SyntaxDump.program)
  }

  @Test func everyErrorCaseFailsWithAParseErrorAndCaret() {
    for (title, input) in Self.errorCases {
      do {
        _ = try Interpreter.parse(input, file: "t.tw")
        Issue.record("\(title): parsed without error")
      } catch {
        #expect(error.kind == .parse, "\(title)")
        #expect(error.exitCode == 2)
        let lines = error.rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3, "\(title)")
        #expect(lines.last?.hasSuffix("^") == true, "\(title)")
        #expect(lines.first?.hasPrefix("t.tw:") == true, "\(title)")
      }
    }
  }

  @Test func validCasesParse() throws {
    for (title, input) in Self.parserCases {
      #expect(throws: Never.self, "\(title)") { try Interpreter.parse(input) }
    }
  }

  @Test func incompleteInput() {
    #expect(Interpreter.isIncomplete("session update attributes={"))
    #expect(Interpreter.isIncomplete("echo [1,\n2"))
    #expect(Interpreter.isIncomplete("profile update alice \\"))
    #expect(Interpreter.isIncomplete("if $a {"))
    #expect(!Interpreter.isIncomplete("echo \"{\""))
    #expect(!Interpreter.isIncomplete("echo '[' # {"))
    #expect(!Interpreter.isIncomplete("echo \"${ {a: 1} }\""))
    #expect(!Interpreter.isIncomplete("if $a {\n}"))
    #expect(!Interpreter.isIncomplete("echo }"))
  }

  @Test func commandInfoListsWordsAndKeys() {
    let update = Interpreter.commands.first { $0.words == ["session", "update"] }
    #expect(update?.keys.contains("coupons") == true)
    #expect(update?.operation == .updateCustomerSessionV2)
    #expect(Interpreter.commands.contains { $0.words == ["UpdateCustomerSessionV2"] })
    #expect(
      Interpreter.commands.contains { $0.words == ["cart", "add"] && $0.keys.contains("sku") })
  }
}
