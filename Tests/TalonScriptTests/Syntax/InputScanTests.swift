import Testing

@testable import TalonScript

/// The tolerant lexer as completion reads it: what the text before the cursor ends in, the
/// word at the cursor and its kind, and the words of the command before it.
@Suite struct InputScanTests {
  func cursor(_ text: String) -> CursorWord { InputScan(text).cursor }

  func ending(_ text: String) -> ScanEnding {
    Lexer.scan(SourceFile(name: "<input>", text: text)).ending
  }

  @Test func theScanSaysWhatTheInputEndsIn() {
    #expect(ending("echo a") == .plain)
    #expect(ending("echo a ") == .plain)
    #expect(ending("") == .plain)
    #expect(ending("echo a # note") == .comment)
    #expect(ending("echo a # note\n") == .plain)
    #expect(ending("echo \"abc") == .openString(start: 5, interpolation: nil))
    #expect(ending("echo 'abc") == .openString(start: 5, interpolation: nil))
    #expect(ending("echo \"a ${la") == .openString(start: 5, interpolation: 10))
    #expect(ending("echo \"a ${ {x: 1}.x } ${b.") == .openString(start: 5, interpolation: 24))
    #expect(ending("echo \"a ${ \"in") == .openString(start: 5, interpolation: nil))
    #expect(ending("echo \"a ${ \"in ${x") == .openString(start: 5, interpolation: 17))
    #expect(ending("echo \"abc\n") == .plain)
    #expect(ending("echo a!") == .unreadable)
    #expect(ending("echo 12ab") == .unreadable)
    #expect(ending("echo 12ab x") == .plain)
  }

  @Test func quotedTextSaysWhereTheOpenInterpolationStarts() {
    func scan(_ text: String) -> QuotedText.Outcome {
      QuotedText.scan(Array(text.utf8), from: 1, end: text.utf8.count, in: .string)
    }
    #expect(scan("\"abc\" tail") == .closed(at: 4))
    #expect(scan("\"a ${ {b: \"}\"}.b } c\"") == .closed(at: 20))
    #expect(scan("\"abc") == .open(code: nil))
    #expect(scan("\"a ${b + {c: 1") == .open(code: 5))
    #expect(scan("\"a ${b}\ncd") == .open(code: nil))
  }

  @Test func aBareWordAndWhatPrecedesIt() {
    let scan = InputScan("session update s1 cou")
    #expect(scan.commandWords == ["session", "update", "s1"])
    #expect(
      scan.cursor
        == CursorWord(
          text: "cou", kind: .word, followsSpace: true, inInterpolation: false, start: 18))
    #expect(cursor("pro").followsSpace == false)
    #expect(cursor("session ").text == "")
    #expect(cursor("session ").followsSpace)
    #expect(InputScan("run ../lib/a-b").cursor.text == "../lib/a-b")
    #expect(InputScan("profile update alice |ec").commandWords.isEmpty)
    #expect(InputScan("let x=ses").cursor.kind == .word)
    #expect(InputScan("let x=ses").commandWords.isEmpty)
    #expect(InputScan("if $a > 1 { session up").commandWords == ["session"])
  }

  @Test func keyValuesAndOpenLists() {
    #expect(cursor("session update s1 profile=b").kind == .value(key: "profile", inList: false))
    #expect(cursor("session update s1 profile=").kind == .value(key: "profile", inList: false))
    #expect(cursor("session update s1 profile= b").kind == .word)
    #expect(cursor("session update s1 coupons=[").kind == .value(key: "coupons", inList: true))
    let element = InputScan("session update s1 coupons=[A, \"B\",F")
    #expect(element.cursor.kind == .value(key: "coupons", inList: true))
    #expect(element.cursor.text == "F")
    #expect(element.commandWords == ["session", "update", "s1", "coupons=[A,", "\"B\","])
    #expect(cursor("session update s1 coupons=[A] s").kind == .word)
    #expect(cursor("session update s1 coupons=[[").kind == .nothing)
    #expect(cursor("session update s1 attributes={tier: g").kind == .nothing)
    #expect(cursor("echo len(a").kind == .nothing)
  }

  @Test func referencesAndTheirPaths() {
    #expect(cursor("echo $").kind == .referenceName)
    #expect(
      cursor("echo $na")
        == CursorWord(
          text: "na", kind: .referenceName, followsSpace: false, inInterpolation: false, start: 6))
    let field = cursor("echo $last.effects[-1][\"props\"].va")
    #expect(field.text == "va")
    #expect(
      field.kind
        == .referenceField(name: "last", steps: [.field("effects"), .index(-1), .field("props")]))
    #expect(cursor("if $a>$b.").kind == .referenceField(name: "b", steps: []))
    #expect(
      cursor("echo [1, $a.b[0].").kind
        == .referenceField(name: "a", steps: [.field("b"), .index(0)]))
    #expect(cursor("echo $a[$i").kind == .referenceName)
    #expect(cursor("echo $a[$i].").kind == .nothing)
    #expect(cursor("echo $a[").kind == .nothing)
    #expect(cursor("echo $a[0]").kind == .nothing)
    #expect(cursor("echo $a[\"x${y}\"].").kind == .nothing)
    #expect(cursor("echo $a $b").text == "b")
  }

  @Test func referencesInsideInterpolations() {
    let name = cursor("echo \"total ${la")
    #expect(name.kind == .referenceName)
    #expect(name.text == "la")
    #expect(name.inInterpolation)
    #expect(
      cursor("echo \"${last.effects[0].pr").kind
        == .referenceField(name: "last", steps: [.field("effects"), .index(0)]))
    #expect(cursor("echo \"${last.").kind == .referenceField(name: "last", steps: []))
    #expect(cursor("echo \"${last.a.").kind == .referenceField(name: "last", steps: [.field("a")]))
    #expect(cursor("echo \"${").kind == .referenceName)
    #expect(cursor("echo \"${a + ").kind == .referenceName)
    #expect(cursor("echo \"${len(").kind == .referenceName)
    #expect(cursor("echo \"${$na").text == "na")
    #expect(cursor("echo \"${ \"in ${b.").kind == .referenceField(name: "b", steps: []))
    #expect(cursor("echo \"${a}").kind == .nothing)
    #expect(cursor("echo \"${a} ${b} $c").kind == .nothing)
    #expect(cursor("echo \"${ \"in b").kind == .nothing)
    #expect(cursor("echo \"${a # b").kind == .nothing)
    #expect(cursor("echo \"${a)").kind == .nothing)
  }

  @Test func nothingInCommentsStringTextOrUnreadableBytes() {
    #expect(cursor("echo \"see $la").kind == .nothing)
    #expect(cursor("profile update \"al").kind == .nothing)
    #expect(cursor("echo 'raw ${la").kind == .nothing)
    #expect(cursor("echo \"closed\"").kind == .nothing)
    #expect(cursor("profile update alice # pro").kind == .nothing)
    #expect(cursor("profile update 12al").kind == .nothing)
    #expect(cursor("profile update é").kind == .nothing)
    #expect(cursor("echo a)").kind == .nothing)
  }
}
