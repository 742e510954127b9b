import Foundation
import TalonAPI
import TalonEngine

/// Counts Integration API calls (thread-safe).
final class CallCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [IntegrationOperation] = []

  var operations: [IntegrationOperation] { lock.withLock { stored } }
  var count: Int { operations.count }

  func record(_ operation: IntegrationOperation) { lock.withLock { stored.append(operation) } }
}

/// The real embedded engine behind a counter of the calls made to it (any catalogue operation).
struct CountingAPI: IntegrationAPI {
  let engine: EmbeddedEngine
  let counter: CallCounter

  func send<Request, Answer>(
    _ operation: APIOperation<Request, Answer>, _ arguments: OperationArguments, body: Request
  ) async throws -> APIAnswer<Answer> {
    counter.record(operation.operation)
    return try await engine.send(operation, arguments, body: body)
  }

  var preferredTaskExecutor: (any TaskExecutor)? { engine.preferredTaskExecutor }
}
