import Foundation
import Synchronization
import Testing

@testable import TalonShell

/// The loop's decisions with a scripted reader instead of a terminal: prompts, multi-line
/// statements, what enters the history, and when the loop stops.
@Suite("Shell loop")
struct ShellLoopTests {
  /// Hands out prepared events and records the prompts it was given.
  final class ScriptedReader: LineReader, Sendable {
    private let events: Mutex<[LineEditorEvent]>
    private let shown = Mutex<[String]>([])

    init(_ events: [LineEditorEvent]) {
      self.events = Mutex(events)
    }

    var prompts: [String] {
      shown.withLock { $0 }
    }

    func readLine(prompt: String) async -> LineEditorEvent {
      shown.withLock { $0.append(prompt) }
      return events.withLock { $0.isEmpty ? .endOfFile : $0.removeFirst() }
    }
  }

  /// Records the statements; `bad` fails with exit code 2, `quit` exits with 7.
  actor RecordingEvaluator: Evaluator {
    var statements: [String] = []
    var promptContext: PromptContext { PromptContext(backend: "embedded", profile: "p") }

    func isComplete(_ text: String) -> Bool {
      text.filter { $0 == "{" }.count <= text.filter { $0 == "}" }.count
    }

    func evaluate(_ text: String) -> EvaluationOutcome {
      statements.append(text)
      switch text {
      case "bad": return .error("bad statement (expected by the test)", exitCode: 2)
      case "quit": return .exit(7)
      default: return .output("")
      }
    }
  }

  @Test func interactiveLoopCollectsLinesRecordsHistoryAndGoesOnAfterFailures() async {
    let reader = ScriptedReader([
      .line("{ a"), .line("b }"), .line("bad"), .line("{ dropped"), .interrupted,
      .line("   "), .line("last"),
    ])
    let evaluator = RecordingEvaluator()
    let history = History(fileURL: nil)
    let loop = ShellLoop(
      evaluator: evaluator, reader: reader, history: history, interactive: true, color: false)
    #expect(await loop.run() == 0)
    #expect(await evaluator.statements == ["{ a\nb }", "bad", "last"])
    #expect(history.entries == ["{ a\nb }", "bad", "last"])
    let primary = "talon embedded p> "
    let continuation = String(repeating: " ", count: primary.count - 4) + "... "
    #expect(
      reader.prompts == [
        primary, continuation, primary, primary, continuation, primary, primary, primary,
      ])
  }

  @Test func nonInteractiveLoopStopsAtTheFirstFailureWithItsCode() async {
    let reader = ScriptedReader([.line("one"), .line("bad"), .line("never")])
    let evaluator = RecordingEvaluator()
    let loop = ShellLoop(
      evaluator: evaluator, reader: reader, history: nil, interactive: false, color: false)
    #expect(await loop.run() == 2)
    #expect(await evaluator.statements == ["one", "bad"])
    #expect(reader.prompts == ["", ""])
  }

  @Test func exitEndsTheLoopWithItsStatus() async {
    let reader = ScriptedReader([.line("quit"), .line("never")])
    let evaluator = RecordingEvaluator()
    let loop = ShellLoop(
      evaluator: evaluator, reader: reader, history: nil, interactive: true, color: false)
    #expect(await loop.run() == 7)
    #expect(await evaluator.statements == ["quit"])
  }
}
