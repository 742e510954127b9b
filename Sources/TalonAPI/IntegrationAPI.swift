/// The Talon.One Integration API. The embedded engine implements it in process, the HTTP
/// client over the wire; the command language talks only to this protocol.
///
/// One requirement: send an operation of the catalogue (`IntegrationCatalogue`) with its path
/// and query parameters and its request body, get its answer. The named methods
/// (`updateCustomerSessionV2(customerSessionId:body:)`, ...) are conveniences over it, declared
/// next to each catalogue entry.
///
/// Failures are thrown as `IntegrationError` (an HTTP status with Talon.One's `ErrorResponse`);
/// transports may throw their own errors for failures that never reached an API.
public protocol IntegrationAPI: Sendable {
  /// Calls `operation`; `arguments.path` holds one value per path parameter, in path order.
  func send<Request, Answer>(
    _ operation: APIOperation<Request, Answer>, _ arguments: OperationArguments, body: Request
  ) async throws -> APIAnswer<Answer>

  /// The executor calls are cheapest from, if the backend has one: a caller making many calls
  /// in a row (the runner, the shell) runs with a preference for it, so that each call starts
  /// on the backend's own thread without a hop. Nil by default.
  var preferredTaskExecutor: (any TaskExecutor)? { get }
}

extension IntegrationAPI {
  public var preferredTaskExecutor: (any TaskExecutor)? { nil }

  /// `send` for an operation that takes no request body.
  public func send<Answer>(
    _ operation: APIOperation<NoContent, Answer>, _ arguments: OperationArguments
  ) async throws -> APIAnswer<Answer> {
    try await send(operation, arguments, body: NoContent())
  }
}
