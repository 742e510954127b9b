import Foundation
import TalonAPI

extension Interpreter {
  /// `expect error STATUS ["TEXT"] COMMAND`: runs the command and holds when the server
  /// answers with an error of that HTTP status (whose message, or one of whose errors' title or
  /// details, contains TEXT when given). `$last` then becomes the error value (see
  /// ``errorValue(_:)``) and the statement's value is the same.
  ///
  /// Decided here: a success (`$last` then holds its result, as after any success) or another
  /// status is a failed expectation (exit 1); a transport failure (no answer) and runtime
  /// errors of the command itself (no current session, a bad argument) stay what they are
  /// (exit 3), since they say nothing about the API. The failed call is not listed in the
  /// result's `apiCalls` (those are successes with their status).
  func expectError(_ expectation: ErrorExpectation) async throws -> CommandOutcome {
    var wanted: String?
    if let textExpression = expectation.text {
      let value = try await evaluate(textExpression)
      guard case .string(let text) = value else {
        throw failure(
          "the text of 'expect error' must be a string, not \(value.typeName)",
          at: textExpression.range)
      }
      wanted = text
    }
    var expected = "expected error \(expectation.status)"
    if let wanted { expected += " containing " + ValueText.display(.string(wanted)) }
    let answer: IntegrationError
    do {
      _ = try await execute(expectation.command, pipe: nil)
      let status = expectation.command.command.spec.operation?.successStatus ?? 200
      throw failure(
        "\(expected), got \(status) (success)", at: expectation.range, kind: .expectFailed)
    } catch let error as ScriptError where error.kind == .api {
      guard let integration = error.integrationError else { throw error }
      answer = integration
    }
    guard answer.status == expectation.status,
      wanted.map({ Self.error(answer, contains: $0) }) ?? true
    else {
      throw failure(
        "\(expected), got \(answer.status): \(answer.response.message)", at: expectation.range,
        kind: .expectFailed)
    }
    let value = Self.errorValue(answer)
    last = value
    return CommandOutcome(value: value, kind: .expectation(source.text(in: expectation.range)))
  }

  /// Whether the error's message, or any of its errors' title or details, contains `text`.
  static func error(_ answer: IntegrationError, contains text: String) -> Bool {
    if answer.response.message.contains(text) { return true }
    return (answer.response.errors ?? []).contains { item in
      item.title.contains(text) || (item.details?.contains(text) ?? false)
    }
  }

  /// The value of an expected error: Talon.One's `ErrorResponse` with the HTTP status added,
  /// `{status, message, errors: [{title, details?, source: {pointer?, parameter?, ...}}]}`;
  /// `errors` is always there (empty when the answer had none).
  static func errorValue(_ answer: IntegrationError) -> JSONValue {
    var members: [String: JSONValue] = [
      "status": .number(Decimal(answer.status)),
      "message": .string(answer.response.message),
    ]
    let errors = (try? JSONValueEncoder.encode(answer.response.errors ?? [])) ?? .array([])
    members["errors"] = errors
    return .object(members)
  }
}
