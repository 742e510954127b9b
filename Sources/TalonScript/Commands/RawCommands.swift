import TalonAPI

/// The operations by SDK name, e.g. `UpdateCustomerSessionV2 s1 {customerSession: {...}}`, all
/// through one command type whose spec comes from the operation's catalogue entry: the path
/// parameters in path order, the raw JSON body (decoded as the operation's request type; fields
/// the type does not know are dropped, and the call record shows the body as sent) and query
/// parameters as `key=value`, typed as the catalogue declares them (arrays as arrays). Ids named
/// update the context like the friendly commands (by the request's type: a profile update
/// selects the profile, a session update the session); the cart is neither sent nor cleared.
struct OperationCommand: ScriptCommand {
  let operation: IntegrationOperation
  let spec: CommandSpec

  init(_ operation: IntegrationOperation) {
    self.operation = operation
    var positional: [ArgumentSpec] = operation.pathParameters.map {
      .positional($0.uppercased())
    }
    if operation.requestSchema != nil { positional.append(.positional("BODY", .object)) }
    var example = [operation.sdkName]
    for name in operation.pathParameters {
      example.append(
        name.hasPrefix("coupon") ? "FAV10" : name.contains("Session") ? "s1" : "alice")
    }
    if operation.requestSchema != nil { example.append("{}") }
    self.spec = CommandSpec(
      operation.sdkName, positional,
      keys: operation.queryParameters.map { .key($0.name, Self.argumentType(of: $0)) },
      summary: "\(operation.method) \(operation.pathTemplate)"
        + (operation.requestSchema != nil ? " with a raw JSON body" : ""),
      details: operation.requestSchema != nil
        ? "The body is read as the operation's request type; a wrong type names its JSON pointer."
        : "",
      examples: [example.joined(separator: " ")], operation: operation)
  }

  /// The argument type of a query parameter, as the catalogue types it.
  private static func argumentType(of parameter: QueryParameter) -> ArgumentType {
    switch parameter.kind {
    case .bool: .bool
    case .string: .string
    case .integer: .integer
    case .dateTime: .time
    case .strings: .list
    }
  }

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    try await context.executeRaw(operation, command, pipe: pipe)
  }
}

extension CommandContext {
  fileprivate func executeRaw(
    _ operation: IntegrationOperation, _ command: CommandNode, pipe: JSONValue?
  ) async throws -> CommandOutcome {
    var positional = command.positional[...]
    var path: [String] = []
    for name in operation.pathParameters {
      guard let expression = positional.popFirst() else { break }
      path.append(try await string(expression, name, pipe: pipe))
    }
    var body: JSONValue = .null
    var bodyRange = command.range
    if operation.requestSchema != nil, let expression = positional.popFirst() {
      body = try await evaluate(expression, pipe: pipe)
      bodyRange = expression.range
    }
    var query: [String: QueryValue] = [:]
    for parameter in operation.queryParameters {
      guard let argument = command.argument(parameter.name) else { continue }
      query[parameter.name] = try await queryValue(argument.value, of: parameter, pipe: pipe)
    }
    let request: any Encodable & Sendable
    do {
      request = try operation.decodeRequest(body)
    } catch let error as WireCodingError {
      throw failure("the \(operation.sdkName) body is not valid: \(error)", at: bodyRange)
    }
    let id = path.first ?? ""
    selectContext(for: request, id: id)
    let recorded: DeferredJSON? =
      !query.isEmpty
      ? DeferredJSON(.object(query.mapValues(\.json)))
      : operation.requestSchema == nil ? nil : DeferredJSON(encoding: request)
    let arguments = OperationArguments(path: path, query: query)
    let api = self.api
    let (answer, outcome) = try await callAPI(
      operation, for: command, path: path, request: recorded
    ) {
      let answer = try await operation.send(on: api, arguments, request: request)
      return (answer.value, lastAnswerValue(answer.value, json: answer.json))
    }
    learn(from: answer, request: request, id: id)
    return outcome
  }

  /// A `key=value` argument as the query parameter's type.
  private func queryValue(_ expression: Expression, of parameter: QueryParameter, pipe: JSONValue?)
    async throws -> QueryValue
  {
    let what = "\(parameter.name)="
    switch parameter.kind {
    case .bool: return .bool(try await bool(expression, what, pipe: pipe))
    case .string: return .string(try await string(expression, what, pipe: pipe))
    case .integer: return .integer(try await integer(expression, what, pipe: pipe))
    case .dateTime: return .dateTime(try await date(expression, what, pipe: pipe))
    case .strings: return .strings(try await stringList(expression, what, pipe: pipe))
    }
  }

  /// Before the call: a profile update selects its profile, a session update its session.
  private func selectContext(for request: any Encodable & Sendable, id: String) {
    if request is NewCustomerProfile || request is CustomerProfileIntegrationRequestV2 {
      contextState.selectProfile(id)
    } else if let session = request as? NewCustomerSession {
      contextState.selectSession(id, profile: session.profileId)
    } else if let update = request as? IntegrationRequest {
      contextState.selectSession(id, profile: update.customerSession.profileId)
    }
  }

  /// After the call: a session update's answer tells the session's profile and cart.
  private func learn(
    from answer: any Encodable & Sendable, request: any Encodable & Sendable, id: String
  ) {
    if request is NewCustomerSession, let state = answer as? IntegrationState {
      learn(from: state, session: id)
    } else if let update = request as? IntegrationRequest,
      let state = answer as? IntegrationStateV2
    {
      learn(from: state, session: id, sentProfile: update.customerSession.profileId)
    }
  }
}
