import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import TalonAPI

/// The Integration API of a remote deployment (Talon.One, or `talon serve`) over HTTP.
///
/// Authenticates with the API key when one is set, else signs with the application id and key
/// (`Content-Signature`); the v2 session update cannot be signed, so without an API key it
/// throws `TalonHTTPError.apiKeyRequired` before sending. Error answers become
/// `IntegrationError` (their `ErrorResponse`, or a message with the status when the body is not
/// one); transport failures become `TalonHTTPError`. Idempotent operations are retried per
/// `RemoteConfiguration.retry`; POSTs never. Call `shutdown()` before dropping the client.
public final class HTTPIntegrationClient: IntegrationAPI {
  public let configuration: RemoteConfiguration
  let http: HTTPClient
  /// The short way for `http://` URLs, one request at a time; see `PlainConnection`.
  private let plain: PlainConnection?
  /// The client's own event loop (one thread: requests go one at a time).
  private let loopGroup: MultiThreadedEventLoopGroup
  /// Runs tasks on the client's event loop; see `EventLoopTaskExecutor`.
  public let taskExecutor: EventLoopTaskExecutor
  let base: BaseURL
  private let signingKey: ApplicationKey?
  let trace: VerboseTrace?
  private let retryObserver: (@Sendable (RetryEvent) async -> Void)?
  /// Whether the server answers `talon serve --test-control`'s routes; nil until asked.
  let testControlAvailable = Mutex<Bool?>(nil)

  /// The largest answer body read.
  static let maxResponseSize = 64 << 20

  /// Checks the configuration (throws `TalonHTTPError` for a bad URL or key). Verbose traces go
  /// to `verboseOutput` (standard error by default) when `configuration.verbose` is set.
  public convenience init(
    configuration: RemoteConfiguration,
    verboseOutput: @escaping @Sendable (String) -> Void = { text in
      FileHandle.standardError.write(Data((text + "\n").utf8))
    }
  ) throws {
    try self.init(configuration: configuration, verboseOutput: verboseOutput, retryObserver: nil)
  }

  /// As the public initializer, with an observer called before each retry's pause.
  package init(
    configuration: RemoteConfiguration, verboseOutput: @escaping @Sendable (String) -> Void,
    retryObserver: (@Sendable (RetryEvent) async -> Void)?
  ) throws {
    base = try BaseURL(configuration.url)
    if (configuration.appId == nil) != (configuration.appKey == nil) {
      throw TalonHTTPError.incompleteSigningCredentials
    }
    if let appKey = configuration.appKey {
      guard let key = ApplicationKey(hex: appKey) else {
        throw TalonHTTPError.invalidApplicationKey
      }
      signingKey = key
    } else {
      signingKey = nil
    }
    self.configuration = configuration
    trace = configuration.verbose ? VerboseTrace(sink: verboseOutput) : nil
    self.retryObserver = retryObserver
    var settings = HTTPClient.Configuration()
    // No read timeout: each request's deadline (the same length, from the request's start)
    // ends a silent exchange first, and the read timeout's timer cost every request a
    // schedule and a cancel on the event loop.
    settings.timeout = HTTPClient.Configuration.Timeout(
      connect: min(configuration.timeout, .seconds(10)).timeAmount)
    // Our own loop retries (idempotent requests only); the pool must fail fast.
    settings.connectionPool.retryConnectionEstablishment = false
    settings.redirectConfiguration = .disallow
    // No request spans: with the default (no-op) tracer, the client still worked out each
    // request's span attributes, parsing its URL again.
    settings.tracing.tracer = nil
    loopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    taskExecutor = EventLoopTaskExecutor(loop: loopGroup.next())
    http = HTTPClient(eventLoopGroupProvider: .shared(loopGroup), configuration: settings)
    plain =
      base.isSecure
      ? nil
      : PlainConnection(
        loop: taskExecutor.loop, host: base.host, port: base.port,
        connectTimeout: min(configuration.timeout, .seconds(10)).timeAmount,
        maxBodySize: Self.maxResponseSize)
  }

  /// Closes the connections and stops the event loop. The client cannot be used afterwards;
  /// call it outside tasks that run on `taskExecutor`.
  public func shutdown() async throws {
    await plain?.shutdown()
    try await http.shutdown()
    try await loopGroup.shutdownGracefully()
  }

  // MARK: IntegrationAPI

  /// Sends any operation of the catalogue: the body encoded when the operation takes one, the
  /// path and query parameters encoded by `BaseURL.target`; the answer's JSON is kept as it
  /// arrived next to its typed value (nothing for a 204).
  public func send<Request, Answer>(
    _ operation: APIOperation<Request, Answer>, _ arguments: OperationArguments, body: Request
  ) async throws -> APIAnswer<Answer> {
    let operation = operation.operation
    let data = operation.requestSchema == nil ? nil : try WireCoding.encode(body)
    let (status, answer) = try await exchange(operation, arguments, body: data)
    if Answer.self == NoContent.self, let none = NoContent() as? Answer {
      return APIAnswer(none)
    }
    do {
      // A 204 (a silent call's answer) has no body: the answer type reads it as null.
      let json = status == 204 && answer.isEmpty ? JSONValue.null : try JSONValue(parsing: answer)
      return APIAnswer(try WireCoding.decode(Answer.self, from: json), json: json)
    } catch {
      throw TalonHTTPError.invalidResponse(status: status, reason: "\(error)")
    }
  }

  // MARK: Requests

  /// Sends the request (with retries) and returns a success answer's status and body; throws
  /// `IntegrationError` for an error answer.
  private func exchange(
    _ operation: IntegrationOperation, _ arguments: OperationArguments, body: Data?
  ) async throws -> (Int, Data) {
    let (status, answer) = try await transmit(operation, arguments, body: body)
    return try interpret(status: status, body: answer)
  }

  /// Sends the request, retrying idempotent ones, and returns the last answer whatever its
  /// status; throws `TalonHTTPError` when no answer came.
  private func transmit(
    _ operation: IntegrationOperation, _ arguments: OperationArguments, body: Data?
  ) async throws -> (Int, Data) {
    let headers = try headers(for: operation, body: body)
    let target = base.target(operation, arguments)
    let attempts = operation.isIdempotent ? configuration.retry.attempts : 1
    var attempt = 1
    while true {
      let reason: String
      do {
        let (status, answer) = try await attemptOnce(
          operation, target: target, headers: headers, body: body)
        if RetryPolicy.retriedStatuses.contains(status), attempt < attempts {
          reason = "HTTP \(status) \(VerboseTrace.reason(status))"
        } else {
          return (status, answer)
        }
      } catch let error as CancellationError {
        throw error
      } catch {
        let (failure, retryable) = TransportFailure.classify(
          error, origin: base.origin, timeout: configuration.timeout, attempts: attempt)
        guard retryable, attempt < attempts else { throw failure }
        // This attempt's failure alone: "gave up" belongs only to the last one.
        reason =
          TransportFailure.classify(
            error, origin: base.origin, timeout: configuration.timeout, attempts: 1
          ).error.description
      }
      let delay = configuration.retry.delay(after: attempt)
      trace?.note(
        "\(reason); trying again in \(Self.seconds(delay)) s (attempt \(attempt + 1) of \(attempts))"
      )
      await retryObserver?(RetryEvent(failedAttempt: attempt, reason: reason))
      try await Task.sleep(for: delay)
      attempt += 1
    }
  }

  /// One exchange: over the plain connection for an `http://` URL when it is free (see
  /// `PlainConnection`), else through AsyncHTTPClient's request/delegate API: its async `execute` spawns
  /// an unstructured task and an actor round trip per request (to register the request for
  /// cancellation), which woke a thread of Swift's shared pool for every statement of
  /// `talon run`; this one completes on the client's event loop. Task cancellation (Ctrl-C in
  /// the shell) cancels the request and is reported as `CancellationError`.
  private func attemptOnce(
    _ operation: IntegrationOperation, target: String, headers: [(String, String)], body: Data?
  ) async throws -> (Int, Data) {
    trace?.request(
      method: operation.method, target: target, host: base.hostHeader, headers: headers, body: body)
    if let plain, let answer = try await plainAttempt(on: plain, operation, target, headers, body) {
      return answer
    }
    let request = try HTTPClient.Request(
      url: base.origin + target, method: HTTPMethod(rawValue: operation.method),
      headers: HTTPHeaders(headers), body: body.map { .bytes($0) })
    let task = http.execute(
      request: request,
      delegate: ResponseAccumulator(request: request, maxBodySize: Self.maxResponseSize),
      deadline: .now() + configuration.timeout.timeAmount)
    let response: HTTPClient.Response
    do {
      response = try await withTaskCancellationHandler {
        try await task.futureResult.get()
      } onCancel: {
        task.cancel()
      }
    } catch {
      if Task.isCancelled { throw CancellationError() }
      throw error
    }
    let data = response.body.map { Data($0.readableBytesView) } ?? Data()
    trace?.response(
      status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
      body: data)
    return (Int(response.status.code), data)
  }

  /// The exchange over the plain connection; nil when it is busy with another request (this
  /// one then goes through AsyncHTTPClient).
  private func plainAttempt(
    on connection: PlainConnection, _ operation: IntegrationOperation, _ target: String,
    _ headers: [(String, String)], _ body: Data?
  ) async throws -> (Int, Data)? {
    var head = HTTPRequestHead(
      version: .http1_1, method: HTTPMethod(rawValue: operation.method), uri: target)
    head.headers.reserveCapacity(headers.count + 2)
    head.headers.add(name: "Host", value: base.hostHeader)
    for (name, value) in headers { head.headers.add(name: name, value: value) }
    if let body { head.headers.add(name: "Content-Length", value: String(body.count)) }
    let deadline = NIODeadline.now() + configuration.timeout.timeAmount
    guard
      let exchange = await connection.sendIfIdle(
        head, body: body.map { ByteBuffer(bytes: $0) }, deadline: deadline)
    else { return nil }
    let answer: PlainConnection.Answer
    do {
      answer = try await withTaskCancellationHandler {
        try await exchange.get()
      } onCancel: {
        connection.cancel()
      }
    } catch {
      if Task.isCancelled { throw CancellationError() }
      throw error
    }
    let data = Data(answer.body.readableBytesView)
    trace?.response(
      status: Int(answer.head.status.code),
      headers: answer.head.headers.map { ($0.name, $0.value) }, body: data)
    return (Int(answer.head.status.code), data)
  }

  /// `0.4`, `2`: a pause in seconds for people.
  static func seconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    if milliseconds % 1000 == 0 { return String(milliseconds / 1000) }
    var text = String(format: "%.3f", Double(milliseconds) / 1000)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }

  private func interpret(status: Int, body: Data) throws -> (Int, Data) {
    if (200..<300).contains(status) { return (status, body) }
    if let response = try? WireCoding.decode(ErrorResponse.self, from: body) {
      throw IntegrationError(status: status, response: response)
    }
    let snippet = String(decoding: body.prefix(200), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let reason = VerboseTrace.reason(status)
    throw IntegrationError(
      status: status,
      message: "HTTP \(status)\(reason.isEmpty ? "" : " " + reason) from \(base.origin)"
        + (snippet.isEmpty ? "" : ": \(snippet)"))
  }

  private func headers(for operation: IntegrationOperation, body: Data?) throws -> [(
    String, String
  )] {
    var headers: [(String, String)] = [
      ("Accept", "application/json"), ("User-Agent", "talon/\(TalonVersion.current)"),
    ]
    if body != nil { headers.append(("Content-Type", "application/json")) }
    if let apiKey = configuration.apiKey {
      headers.append(("Authorization", "ApiKey-v1 \(apiKey)"))
    } else if let signingKey, let appId = configuration.appId {
      guard operation.allowsSignature else {
        throw TalonHTTPError.apiKeyRequired(operation: operation.sdkName)
      }
      let signature = ContentSignature.sign(
        body: body ?? Data(), applicationId: appId, key: signingKey)
      headers.append((ContentSignature.headerName, signature.headerValue))
    }
    return headers
  }
}
