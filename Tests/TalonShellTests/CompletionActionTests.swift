import Testing

@testable import TalonShell

@Suite("Completion decisions")
struct CompletionActionTests {
  @Test func aUniqueCandidateReplacesTheWordAndAddsASpace() {
    let result = CompletionResult(replacing: 2, candidates: ["sleep"])
    #expect(
      CompletionAction(result: result, line: "sl", cursor: 2)
        == .replace(deleting: 2, text: "sleep "))
  }

  @Test func aPrefixCandidateAddsNoSpaceWhenAsked() {
    let result = CompletionResult(replacing: 3, candidates: ["$last."], appendsSpace: false)
    #expect(
      CompletionAction(result: result, line: "x $la", cursor: 5)
        == .replace(deleting: 3, text: "$last."))
  }

  @Test func severalCandidatesExtendToTheirCommonPrefix() {
    let result = CompletionResult(replacing: 1, candidates: ["hello", "help"])
    #expect(
      CompletionAction(result: result, line: "h", cursor: 1) == .replace(deleting: 1, text: "hel"))
  }

  @Test func severalCandidatesWithNothingToAddAreListed() {
    let result = CompletionResult(replacing: 3, candidates: ["hello", "help", "hello"])
    #expect(CompletionAction(result: result, line: "hel", cursor: 3) == .list(["hello", "help"]))
  }

  @Test func noCandidateBeeps() {
    #expect(CompletionAction(result: .none, line: "zz", cursor: 2) == .beep)
  }

  @Test func theReplacedWordIsClampedToTheTextBeforeTheCursor() {
    let result = CompletionResult(replacing: 9, candidates: ["échec"])
    #expect(
      CompletionAction(result: result, line: "éc", cursor: 2)
        == .replace(deleting: 2, text: "échec "))
  }

  @Test func candidatesAreLaidOutInColumnsThatFit() {
    let rows = CompletionAction.columns(["a", "bb", "ccc", "d", "e"], width: 10)
    #expect(rows == ["a    d", "bb   e", "ccc"])
    #expect(CompletionAction.commonPrefix(["prefix", "prefab", "pre"]) == "pre")
  }
}
