import TalonRendering
import Testing

@testable import TalonShell

@Suite("Prompt and terminal decisions")
struct PromptTests {
  @Test func showsBackendProfileAndSession() {
    let context = PromptContext(backend: "embedded", profile: "alice", session: "s1")
    #expect(Prompt.primary(context, color: false) == "talon embedded alice/s1> ")
  }

  @Test func leavesOutAMissingContext() {
    #expect(Prompt.primary(PromptContext(backend: "embedded"), color: false) == "talon embedded> ")
    #expect(
      Prompt.primary(PromptContext(backend: "h.example", profile: "bob"), color: false)
        == "talon h.example bob> ")
    #expect(
      Prompt.primary(PromptContext(backend: "embedded", session: "s9"), color: false)
        == "talon embedded /s9> ")
  }

  @Test func continuationLinesUpWithThePrimaryPrompt() {
    let context = PromptContext(backend: "embedded", profile: "alice", session: "s1")
    let continuation = Prompt.continuation(context, color: false)
    #expect(continuation.hasSuffix("... "))
    #expect(continuation.count == Prompt.primary(context, color: false).count)
  }

  @Test func colourWrapsThePartsInANSISequences() {
    let context = PromptContext(backend: "embedded", profile: "alice", session: "s1")
    let coloured = Prompt.primary(context, color: true)
    #expect(
      coloured
        == "\u{1B}[1mtalon\u{1B}[0m \u{1B}[36membedded\u{1B}[0m \u{1B}[32malice/s1\u{1B}[0m> ")
    let marked = LineEditor.markEscapes(coloured)
    #expect(marked.hasPrefix("\u{1}\u{1B}[1m\u{1}talon\u{1}\u{1B}[0m\u{1} "))
    #expect(marked.filter { $0 != "\u{1}" } == coloured)
  }

  @Test func colourNeedsATerminalAndNoNOCOLOR() {
    #expect(Terminal.colorEnabled(isTTY: true, environment: [:]))
    #expect(!Terminal.colorEnabled(isTTY: false, environment: [:]))
    #expect(!Terminal.colorEnabled(isTTY: true, environment: ["NO_COLOR": "1"]))
    #expect(Terminal.colorEnabled(isTTY: true, environment: ["NO_COLOR": ""]))
    #expect(!Terminal.colorEnabled(isTTY: true, environment: ["TERM": "dumb"]))
  }
}
