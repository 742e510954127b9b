import Foundation
import TalonAPI
import TalonEngine
import TalonRunner

/// Runs `WorkflowRunner` in process against real in-memory engines, with workflow texts held
/// in memory, capturing everything it prints and counting backends opened and API calls made.
final class RunnerHarness: @unchecked Sendable {
  private let lock = NSLock()
  private var storedOutput = ""
  private var storedErrors = ""
  private var storedOpened = 0
  let calls = CallCounter()
  /// Workflow texts by file name.
  let files: [String: String]

  init(files: [String: String]) {
    self.files = files
  }

  var output: String { lock.withLock { storedOutput } }
  var errors: String { lock.withLock { storedErrors } }
  /// How many backends the runner opened.
  var backendsOpened: Int { lock.withLock { storedOpened } }

  var console: Console {
    Console(
      color: false, progressEnabled: false,
      writeOutput: { [self] text in lock.withLock { storedOutput += text } },
      writeError: { [self] text in lock.withLock { storedErrors += text } })
  }

  /// Runs the files named in `options` (in `files`) and returns the outcome.
  func run(_ options: RunOptions, stepInput: (any StepInput)? = nil) async
    -> WorkflowRunner.Outcome
  {
    let files = files
    let counter = calls
    let runner = WorkflowRunner(
      options: options,
      backend: { [self] _ in
        lock.withLock { storedOpened += 1 }
        let engine = try EmbeddedEngine(
          configuration: EngineConfiguration(
            store: .memory, campaigns: try CampaignPack.demo, seed: options.seed))
        return RunnerBackend(api: CountingAPI(engine: engine, counter: counter), name: "embedded") {
          engine.close()
        }
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
final class ScriptedStepInput: StepInput, @unchecked Sendable {
  private let lock = NSLock()
  private var decisions: [StepDecision]
  private(set) var prompts = 0

  init(_ decisions: [StepDecision]) { self.decisions = decisions }

  func next() async -> StepDecision {
    lock.withLock {
      prompts += 1
      return decisions.isEmpty ? .quit : decisions.removeFirst()
    }
  }
}
