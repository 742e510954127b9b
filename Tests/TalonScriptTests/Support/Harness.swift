import Foundation
import Synchronization
import TalonAPI
import Testing

@testable import TalonScript

/// An interpreter over a `RecordingAPI`, with scripts for `run` held in memory.
struct Harness {
  let api: RecordingAPI
  let interpreter: Interpreter
  let nested: NestedLog

  init(
    clock: Bool = false, files: [String: String] = [:], seed: UInt64? = 7,
    environment variables: [String: String] = ["SHOP": "demo"], maximumRunDepth: Int = 16
  ) {
    api = clock ? RecordingClockAPI() : RecordingAPI()
    let log = NestedLog()
    nested = log
    let environment = ScriptEnvironment(
      variables: variables, seed: seed, workingDirectory: "/work/scripts",
      readFile: { path in
        guard let text = files[path] else {
          throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        return text
      },
      sleep: { _ in }, wallClock: { RecordingAPI.epoch },
      onNestedResult: { result in log.append(result) }, maximumRunDepth: maximumRunDepth)
    interpreter = Interpreter(api: api, environment: environment)
  }

  /// Runs text as one program.
  func run(_ text: String, file: String = "<input>") async -> ProgramRun {
    await interpreter.run(line: text, file: file)
  }

  /// Runs text that must succeed; records an issue with the rendered error otherwise.
  @discardableResult
  func ok(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async
    -> [StatementResult]
  {
    let run = await run(text)
    if let error = run.error {
      Issue.record("unexpected error:\n\(error.rendered)", sourceLocation: sourceLocation)
    }
    return run.results
  }

  /// Runs text that must fail; returns the error.
  func failure(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async
    -> ScriptError?
  {
    let run = await run(text)
    if run.error == nil {
      Issue.record("expected an error from: \(text)", sourceLocation: sourceLocation)
    }
    return run.error
  }

  /// The value of an expression in the interpreter's current state.
  func value(_ expression: String) async -> JSONValue? {
    await ok("let __probe = \(expression)").last?.value
  }
}

/// Collects nested results delivered to the environment's sink.
final class NestedLog: Sendable {
  private let stored = Mutex<[StatementResult]>([])
  func append(_ result: StatementResult) { stored.withLock { $0.append(result) } }
  var results: [StatementResult] { stored.withLock { $0 } }
}

/// An exact decimal JSON number from its text (JSONValue has no float literals, on purpose).
func d(_ text: String) -> JSONValue {
  .number(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan)
}
