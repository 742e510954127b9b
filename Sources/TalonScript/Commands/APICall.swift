import Foundation
import TalonAPI

extension CommandContext {
  /// Calls `operation` for `command` with its path values (in path order), query values and
  /// request body; see the untyped form for what is recorded.
  func callAPI<Request, Answer>(
    _ operation: APIOperation<Request, Answer>, for command: CommandNode, path: [String] = [],
    query: [String: QueryValue] = [:], body: Request
  ) async throws -> (Answer, CommandOutcome) {
    let entry = operation.operation
    let request: DeferredJSON? =
      !query.isEmpty
      ? DeferredJSON(.object(query.mapValues(\.json)))
      : entry.requestSchema == nil ? nil : DeferredJSON(encoding: body)
    let arguments = OperationArguments(path: path, query: query)
    let api = self.api
    return try await callAPI(entry, for: command, path: path, request: request) {
      let answer = try await api.send(operation, arguments, body: body)
      return (answer.value, lastAnswerValue(answer.value, json: answer.json))
    }
  }

  /// `callAPI` for an operation without a request body.
  func callAPI<Answer>(
    _ operation: APIOperation<NoContent, Answer>, for command: CommandNode, path: [String] = [],
    query: [String: QueryValue] = [:]
  ) async throws -> (Answer, CommandOutcome) {
    try await callAPI(operation, for: command, path: path, query: query, body: NoContent())
  }
}

extension Interpreter {

  /// Makes one Integration API call for `command`: times it, records it, sets `$last` (null
  /// after a 204; the answer's JSON as it arrived when it came over the wire, else the typed
  /// answer encoded when first read) and turns failures into located `.api` errors carrying
  /// the answer.
  func callAPI<Answer: Sendable>(
    _ operation: IntegrationOperation, for command: CommandNode, path: [String],
    request: DeferredJSON?, _ perform: () async throws -> (Answer, DeferredJSON)
  ) async throws -> (Answer, CommandOutcome) {
    let start = ContinuousClock.now
    let answer: Answer
    let value: DeferredJSON
    do {
      (answer, value) = try await perform()
    } catch let error as IntegrationError {
      throw failure(
        "\(operation.sdkName) failed with \(error.description)", at: command.range, kind: .api,
        apiFailure: .integration(error))
    } catch is CancellationError {
      throw CancellationError()
    } catch {
      throw failure(
        "\(operation.sdkName) failed: \(error)", at: command.range, kind: .api,
        apiFailure: .transport(error))
    }
    var record = APICallRecord(
      operation: operation, status: operation.successStatus,
      duration: ContinuousClock.now - start, pathParameters: path, deferredRequest: request)
    if let reasons = (answer as? any CarriesRuleFailureReasons)?.ruleFailureReasons {
      record.warnings = reasons.compactMap(\.warningLine)
    }
    lastDeferred = value
    callStack[callStack.count - 1].append(record)
    return (answer, CommandOutcome(deferred: value, kind: .api(record)))
  }

  func failure(
    _ message: String, at range: SourceRange, kind: ScriptError.Kind,
    apiFailure: ScriptError.APIFailure?
  ) -> ScriptError {
    ScriptError(kind, message, at: range.start, in: source, apiFailure: apiFailure)
  }
}

/// What `$last` holds after an answer: the JSON as it arrived, null for no content, else the
/// typed answer, encoded when first read.
func lastAnswerValue(_ value: some Encodable & Sendable, json: JSONValue?) -> DeferredJSON {
  if let json { return DeferredJSON(json) }
  return value is NoContent ? .null : DeferredJSON(encoding: value)
}
