import Testing

@testable import TalonScript

/// Narration captions: which statement a caption belongs to, and the Markdown-light blocks.
@Suite struct CaptionTests {
  @Test func aCaptionBelongsToTheStatementAfterIt() throws {
    let program = try Interpreter.parse(
      """
      #> # The shop
      #> sells shoes

      profile update alice tier=gold
      let x = 1
      """)
    #expect(program.statements.count == 2)
    #expect(program.statements[0].caption?.lines == ["# The shop", "sells shoes"])
    #expect(program.statements[0].caption?.location.line == 1)
    #expect(!program.statements[0].isNarration)
    #expect(program.statements[1].caption == nil)
  }

  @Test func aCaptionBeforeAnotherCaptionOrTheEndStandsAlone() throws {
    let program = try Interpreter.parse(
      """
      #> Title
      # plain comments do not join captions
      #> First
      echo 1
      #> The end
      """)
    #expect(program.statements.map(\.isNarration) == [true, false, true])
    #expect(program.statements[0].text == "#> Title")
    #expect(program.statements[1].caption?.text == "First")
    #expect(program.statements[2].caption?.text == "The end")
    #expect(program.statements[2].location.line == 5)
  }

  @Test func narrationRunsAsNothing() async throws {
    let interpreter = Interpreter(api: RecordingAPI())
    let program = try Interpreter.parse("#> Hello\n\n#> World\nlet a = 2\n#> Bye")
    var narrations = 0
    for statement in program.statements {
      let result = try await interpreter.execute(statement, in: program)
      if result.isNarration { narrations += 1 }
      #expect(result.caption != nil)
    }
    #expect(narrations == 2)
  }

  @Test func markdownLight() {
    let caption = Caption(
      lines: [
        "# A **first** order", "Alice buys", "two **pairs**.", "", "- a coupon", "- a gift",
        "  at 150", "## Then", "**half", "* star item",
      ],
      location: ScriptLocation(file: "t.tw", line: 1, column: 1),
      range: SourceRange(start: 0, end: 0))
    #expect(
      caption.blocks == [
        .heading(level: 1, [.text("A "), .bold("first"), .text(" order")]),
        .paragraph([.text("Alice buys two "), .bold("pairs"), .text(".")]),
        .bullets([[.text("a coupon")], [.text("a gift at 150")]]),
        .heading(level: 2, [.text("Then")]),
        .paragraph([.text("**half")]),
        .bullets([[.text("star item")]]),
      ])
    #expect(
      caption.plainText
        == "A first order Alice buys two pairs. - a coupon - a gift at 150 Then **half - star item")
  }

  @Test func thePlainLexerScanMakesNoCaptions() {
    let scan = Lexer.scan(SourceFile(name: "t", text: "#> hello\necho 1"))
    #expect(!scan.tokens.contains { $0.kind == .caption })
  }
}
