import Foundation
import Hummingbird
import Logging
import NIOCore
import TalonAPI

/// The request context of `talon serve`: Hummingbird's core storage with the upload limit set
/// explicitly to 1 MiB (Hummingbird's default is 2 MiB).
struct IntegrationRequestContext: RequestContext {
  var coreContext: CoreRequestContextStorage

  init(source: ApplicationRequestContextSource) {
    coreContext = CoreRequestContextStorage(source: source)
  }

  var maxUploadSize: Int { 1 << 20 }
}

/// Answers every request of `talon serve`: routing (404 unknown path, 405 known path with
/// another method), the body limit (413), authentication, then the operation. Every error body
/// is an `ErrorResponse`; only a failure of the API implementation itself that is not an
/// `IntegrationError` becomes a 500. Writes one access-log line per request (method, path,
/// status, duration, request id; never a key or a body) and echoes the request id in
/// `X-Request-Id` (the client's own id when it sends a sane one).
struct IntegrationResponder: HTTPResponder {
  typealias Context = IntegrationRequestContext

  let routes: RouteTable
  /// One dispatcher per application, in the authenticator's order.
  let dispatchers: [OperationDispatcher]
  let authenticator: RequestAuthenticator
  let maxBodySize: Int
  let logger: Logger
  /// Each application's `/talon/test/...` work (`talon serve --test-control`); all nil: the
  /// routes are 404.
  let testControls: [TestControl?]

  static let requestIdHeader = HTTPFields.Element.Name("X-Request-Id")!
  static let contentSignatureHeader = HTTPFields.Element.Name(ContentSignature.headerName)!

  init(
    api: any IntegrationAPI, configuration: ServerConfiguration, logger: Logger,
    testControl: TestControl? = nil
  ) {
    self.init(
      applications: [
        ServedApplication(
          api: api, id: configuration.applicationId, apiKey: configuration.apiKey,
          applicationKey: configuration.applicationKey, testControl: testControl)
      ], configuration: configuration, logger: logger)
  }

  /// Serves `applications`, each selected by its credentials (the configuration's own are not
  /// used).
  init(applications: [ServedApplication], configuration: ServerConfiguration, logger: Logger) {
    routes = RouteTable(testControl: applications.contains { $0.testControl != nil })
    testControls = applications.map(\.testControl)
    let validator = SchemaValidator()
    dispatchers = applications.map { OperationDispatcher(api: $0.api, validator: validator) }
    authenticator = RequestAuthenticator(
      applications: applications.map {
        RequestAuthenticator.Credentials(
          apiKey: $0.apiKey, applicationId: $0.id, applicationKey: $0.applicationKey)
      })
    maxBodySize = configuration.maxBodySize
    self.logger = logger
  }

  func respond(to request: Request, context: Context) async throws -> Response {
    let started = ContinuousClock.now
    let requestId = Self.requestId(request.headers[Self.requestIdHeader]) ?? context.id
    var response = await answer(request, context: context)
    response.headers[Self.requestIdHeader] = requestId
    let milliseconds = (ContinuousClock.now - started).milliseconds
    logger.info(
      "request",
      metadata: [
        "method": .string(request.method.rawValue),
        "path": .string(request.uri.path),
        "status": .stringConvertible(response.status.code),
        "duration_ms": .string(Self.milliseconds(milliseconds)),
        "request_id": .string(requestId),
      ])
    return response
  }

  /// `1.234`: three decimals without going through `String(format:)` (this runs per request).
  static func milliseconds(_ value: Double) -> String {
    let thousandths = Int((max(0, value) * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }

  /// A client's `X-Request-Id` when it is 1...128 visible ASCII characters.
  static func requestId(_ value: String?) -> String? {
    guard let value, (1...128).contains(value.utf8.count),
      value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f })
    else { return nil }
    return value
  }

  private func answer(_ request: Request, context: Context) async -> Response {
    switch routes.resolve(method: request.method.rawValue, path: request.uri.path) {
    case .notFound:
      return Self.error(
        IntegrationError(
          status: 404, message: "no route for \(request.method.rawValue) \(request.uri.path)",
          errors: [
            APIError(
              title: "not found", details: "unknown path",
              source: ErrorSource(resource: request.uri.path))
          ]))
    case .methodNotAllowed(let allowed):
      var response = Self.error(
        IntegrationError(
          status: 405,
          message:
            "\(request.method.rawValue) is not allowed on \(request.uri.path): use "
            + allowed.joined(separator: " or ")))
      response.headers[.allow] = allowed.joined(separator: ", ")
      return response
    case .health:
      return Self.json(status: 200, body: Data(#"{"status":"ok"}"#.utf8))
    case .openAPIDocument:
      return Self.json(status: 200, body: ServedDocument.data)
    case .operation(let operation, let parameters):
      return await perform(operation, parameters: parameters, request: request)
    case .testControl(let route):
      return await control(route, request: request)
    }
  }

  /// A test-control route: the API key is required (a signature does not do), then the work.
  private func control(_ route: TestControlRoute, request: Request) async -> Response {
    guard testControls.contains(where: { $0 != nil }) else {
      return Self.error(IntegrationError(status: 404, message: ""))
    }
    var request = request
    let body: [UInt8]
    do {
      body = Array(try await request.collectBody(upTo: 64 * 1024).readableBytesView)
    } catch {
      return Self.error(IntegrationError(status: 400, message: "could not read the request body"))
    }
    let testControl: TestControl
    switch authenticator.application(authorization: request.headers[.authorization]) {
    case .failure(let failure):
      var response = Self.error(failure)
      response.headers[.wwwAuthenticate] = "ApiKey-v1"
      return response
    case .success(let index):
      guard let control = testControls[index] else {
        return Self.error(IntegrationError(status: 404, message: ""))
      }
      testControl = control
    }
    do {
      let (status, data) = try await testControl.perform(route, body: body)
      guard let data else { return Response(status: .init(code: status)) }
      return Self.json(status: status, body: data)
    } catch let error as IntegrationError {
      return Self.error(error)
    } catch {
      logger.error("test control failed", metadata: ["error": "\(error)"])
      return Self.error(IntegrationError(status: 500, message: "internal error"))
    }
  }

  private func perform(
    _ operation: IntegrationOperation, parameters: [String], request: Request
  )
    async -> Response
  {
    var request = request
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodySize {
      return Self.tooLarge(maxBodySize)
    }
    let body: [UInt8]
    do {
      body = Array(try await request.collectBody(upTo: maxBodySize).readableBytesView)
    } catch is NIOTooManyBytesError {
      return Self.tooLarge(maxBodySize)
    } catch {
      return Self.error(IntegrationError(status: 400, message: "could not read the request body"))
    }
    let dispatcher: OperationDispatcher
    switch authenticator.authenticate(
      operation: operation, authorization: request.headers[.authorization],
      contentSignature: request.headers[Self.contentSignatureHeader], body: body)
    {
    case .failure(let failure):
      var response = Self.error(failure)
      if failure.status == 401 { response.headers[.wwwAuthenticate] = "ApiKey-v1" }
      return response
    case .success(let index):
      dispatcher = dispatchers[index]
    }
    do {
      let answer = try await dispatcher.dispatch(
        operation, rawParameters: parameters, query: request.uri.query, body: body)
      guard let data = answer.body else {
        return Response(status: .init(code: answer.status))
      }
      return Self.json(status: answer.status, body: data)
    } catch let error as IntegrationError {
      return Self.error(error)
    } catch {
      logger.error(
        "the API failed",
        metadata: ["operation": .string(operation.operationId), "error": "\(error)"])
      return Self.error(IntegrationError(status: 500, message: "internal error"))
    }
  }

  static func tooLarge(_ limit: Int) -> Response {
    error(
      IntegrationError(
        status: 413, message: "the request body is larger than \(limit) bytes"))
  }

  /// An error answer: the status and the `ErrorResponse` body.
  static func error(_ error: IntegrationError) -> Response {
    let status = (100...599).contains(error.status) ? error.status : 500
    let body = (try? WireCoding.encode(error.response)) ?? Data(#"{"message":"error"}"#.utf8)
    return json(status: status, body: body)
  }

  static func json(status: Int, body: Data) -> Response {
    Response(
      status: .init(code: status),
      headers: [.contentType: "application/json; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
  }
}
