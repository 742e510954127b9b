import Foundation
import Synchronization
import TalonAPI
import TalonEngine
import TalonHTTP
import Testing

/// The differential test of issue 4: the same script against the embedded engine in process
/// and against `talon serve --memory --seed N` through the HTTP client gives identical JSON
/// (results, and status plus `ErrorResponse` body of failures), and every body the server
/// sent validates against the reference schema of its operation (errors: `ErrorResponse`).
@Suite("Embedded engine and talon serve agree")
struct DifferentialTests {
  static let seed: UInt64 = 4242

  @Test func theScriptGivesIdenticalJSONInProcessAndOverHTTP() async throws {
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(store: .memory, campaigns: try .demo, seed: Self.seed))
    let direct = Transcript()
    await DifferentialScript.run(engine, into: direct)
    engine.close()

    let server = try await ServeProcess.start(
      ["--port", "0", "--memory", "--seed", String(Self.seed)])
    let bodies = ResponseBodies()
    let remote = Transcript()
    try await withClient(server.url, verboseOutput: bodies.observe) { client in
      await DifferentialScript.run(client, into: remote)
    }
    #expect(try await server.stop() == 0)

    let expected = direct.steps
    let actual = remote.steps
    #expect(expected.count == actual.count)
    for (mine, theirs) in zip(expected, actual) {
      #expect(mine.label == theirs.label)
      #expect(mine.outcome == theirs.outcome, "\(mine.label)")
      if case .unexpected = mine.outcome { Issue.record("\(mine.label): \(mine.outcome)") }
    }
    // The script exercises every operation, successes and failures.
    #expect(Set(expected.map(\.operation)) == Set(IntegrationOperation.allCases))
    #expect(expected.contains { if case .failure(404, _) = $0.outcome { true } else { false } })
    #expect(expected.contains { if case .failure(409, _) = $0.outcome { true } else { false } })
    #expect(expected.contains { if case .failure(400, _) = $0.outcome { true } else { false } })

    let received = bodies.all
    #expect(received.count == actual.count)
    let validator = SchemaValidator()
    for (step, answer) in zip(actual, received) {
      let schema =
        (200..<300).contains(answer.status) ? step.operation.responseSchema : "ErrorResponse"
      // A 204 (also a silent call's) has no body.
      guard let schema, answer.status != 204 else {
        #expect(answer.body.isEmpty, "\(step.label): a \(answer.status) has no body")
        continue
      }
      guard let json = try? JSONValue(parsing: answer.body) else {
        Issue.record("\(step.label): the body is not JSON: \(answer.body)")
        continue
      }
      #expect(validator.validate(json, against: schema) == [], "\(step.label)")
    }
  }
}

/// The status and raw body of every answer the client received, taken from its verbose trace
/// (`< HTTP/1.1 STATUS ...`, header lines, a lone `<`, then the body as sent).
final class ResponseBodies: @unchecked Sendable {
  struct Answer: Sendable {
    var status: Int
    var body: String
  }

  private let answers = Mutex<[Answer]>([])
  var all: [Answer] { answers.withLock { $0 } }

  var observe: @Sendable (String) -> Void {
    { [self] text in record(text) }
  }

  private func record(_ text: String) {
    guard text.hasPrefix("< HTTP/1.1 ") else { return }
    let status = Int(text.dropFirst("< HTTP/1.1 ".count).prefix(3)) ?? 0
    let body: String
    if let end = text.range(of: "\n<\n") {
      body = String(text[end.upperBound...])
    } else {
      body = ""
    }
    answers.withLock { $0.append(Answer(status: status, body: body)) }
  }
}
