import Foundation
import Synchronization
import TalonAPI
import TalonEngine
import TalonRunner

/// Runs `WorkflowRunner` in process against real in-memory engines, with workflow texts held
/// in memory, capturing everything it prints and counting backends opened and API calls made.
final class RunnerHarness: Sendable {
  private let storedOutput = Mutex("")
  private let storedErrors = Mutex("")
  private let storedOpened = Mutex(0)
  private let storedOpenNow = Mutex((now: 0, most: 0))
  let calls = CallCounter()
  /// Workflow texts by file name.
  let files: [String: String]
  /// Whether the backends can save and restore their state (as the embedded engine can).
  let restorable: Bool

  init(files: [String: String], restorable: Bool = true) {
    self.files = files
    self.restorable = restorable
  }

  var output: String { storedOutput.withLock { $0 } }
  var errors: String { storedErrors.withLock { $0 } }
  /// How many backends the runner opened.
  var backendsOpened: Int { storedOpened.withLock { $0 } }
  /// The most backends open at the same time.
  var mostOpenAtOnce: Int { storedOpenNow.withLock { $0.most } }

  var console: Console {
    Console(
      color: false, progressEnabled: false,
      writeOutput: { [self] text in storedOutput.withLock { $0 += text } },
      writeError: { [self] text in storedErrors.withLock { $0 += text } })
  }

  /// Runs the files named in `options` (in `files`) and returns the outcome.
  func run(_ options: RunOptions, stepInput: (any StepInput)? = nil) async
    -> WorkflowRunner.Outcome
  {
    let files = files
    let counter = calls
    let restorable = restorable
    let runner = WorkflowRunner(
      options: options,
      backend: { [self] _ in
        storedOpened.withLock { $0 += 1 }
        storedOpenNow.withLock { open in
          open.now += 1
          open.most = max(open.most, open.now)
        }
        let engine = try EmbeddedEngine(
          configuration: EngineConfiguration(
            store: .memory, campaigns: try CampaignPack.demo, seed: options.seed))
        var backend = RunnerBackend(
          api: CountingAPI(engine: engine, counter: counter), name: "embedded"
        ) {
          [self] in
          engine.close()
          storedOpenNow.withLock { $0.now -= 1 }
        }
        if restorable {
          backend.saveState = {
            let snapshot = try await engine.snapshot()
            return { try await engine.restore(snapshot) }
          }
        }
        return backend
      },
      console: console, stepInput: stepInput,
      readFile: { path in
        guard let text = files[path] else { throw CocoaError(.fileReadNoSuchFile) }
        return text
      })
    return await runner.run()
  }
}

/// Step decisions given in advance, one per prompt (then `quit`).
final class ScriptedStepInput: StepInput, Sendable {
  private let decisions: Mutex<[StepDecision]>
  private let promptCount = Mutex(0)

  init(_ decisions: [StepDecision]) { self.decisions = Mutex(decisions) }

  /// How many times the runner asked.
  var prompts: Int { promptCount.withLock { $0 } }

  func next() async -> StepDecision {
    promptCount.withLock { $0 += 1 }
    return decisions.withLock { $0.isEmpty ? .quit : $0.removeFirst() }
  }
}
