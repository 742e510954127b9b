import Foundation
import TalonAPI

extension Interpreter {
  /// Makes one Integration API call for `command`: times it, records it, sets `$last` (null
  /// after a 204; the answer's JSON as it arrived when the backend left it in an
  /// `AnswerCapture`) and turns failures into located `.api` errors carrying the answer.
  func callAPI<Response: Encodable & Sendable>(
    _ operation: IntegrationOperation, for command: CommandNode, path: String?,
    request: DeferredJSON?, _ perform: () async throws -> Response?
  ) async throws -> (Response?, CommandOutcome) {
    let start = ContinuousClock.now
    let response: Response?
    let capture = AnswerCapture()
    do {
      response = try await AnswerCapture.$current.withValue(capture) { try await perform() }
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
    let record = APICallRecord(
      operation: operation, status: operation.successStatus,
      duration: ContinuousClock.now - start, pathParameter: path, deferredRequest: request)
    // A remote answer is shown as it arrived; a computed one is encoded when first read.
    let value =
      response.map { response in
        capture.value.map(DeferredJSON.init) ?? DeferredJSON(encoding: response)
      }
      ?? .null
    lastDeferred = value
    callStack[callStack.count - 1].append(record)
    return (response, CommandOutcome(deferred: value, kind: .api(record)))
  }

  func failure(
    _ message: String, at range: SourceRange, kind: ScriptError.Kind,
    apiFailure: ScriptError.APIFailure?
  ) -> ScriptError {
    ScriptError(kind, message, at: range.start, in: source, apiFailure: apiFailure)
  }
}

/// Stands for "no content" in `callAPI` of the 204 operations.
struct NoContent: Encodable, Sendable {}
