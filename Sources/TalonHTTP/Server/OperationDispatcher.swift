import Foundation
import TalonAPI

/// Turns a routed, authenticated request into a call of `IntegrationAPI` and its answer, for
/// any operation of the catalogue: path and query parameters are checked and typed (problems
/// name `source.parameter`), the body is parsed within `JSONLimits.requestBody`, validated
/// against the operation's reference schema (problems name `source.pointer`) and decoded into
/// the operation's request type. Every failure is an `IntegrationError`;
/// the API's own `IntegrationError`s pass through unchanged.
struct OperationDispatcher: Sendable {
  let api: any IntegrationAPI
  let validator: SchemaValidator

  /// The status and body (nil for 204) of a successful call.
  struct Answer: Sendable {
    var status: Int
    var body: Data?
  }

  func dispatch(
    _ operation: IntegrationOperation, rawParameters: [String], query: String?, body: [UInt8]
  ) async throws -> Answer {
    var path: [String] = []
    path.reserveCapacity(rawParameters.count)
    for (name, raw) in zip(operation.pathParameters, rawParameters) {
      path.append(try decodeParameter(name, raw))
    }
    let arguments = OperationArguments(
      path: path, query: try QueryArguments.parse(query, for: operation))
    let request = try operation.requestSchema.map { try parseBody($0, body) }
    let answer = try await operation.serve(on: api, arguments, body: request)
    // An absent answer (a silent call's) is the operation's 204 when it declares one.
    let status =
      answer == nil && operation.successStatuses.contains(204) ? 204 : operation.successStatus
    return Answer(status: status, body: answer)
  }

  /// The longest path parameter accepted, in characters once decoded.
  static let maxParameterLength = 1000

  /// The percent-decoded path parameter; an empty or undecodable one is a 400.
  ///
  /// Decided here (the reference gives path parameters no limits): a decoded parameter with a
  /// control character (`IdentifierRule`, shared with the engine: `%00`, line breaks, terminal
  /// escape sequences) or longer than `maxParameterLength` characters is a 400 naming the
  /// parameter. An encoded slash (`%2F`) is an ordinary character of an id.
  private func decodeParameter(_ name: String, _ raw: String) throws -> String {
    guard !raw.isEmpty else {
      throw IntegrationError.badRequest(
        "the path parameter \(name) must not be empty", title: "required", parameter: name)
    }
    guard let value = raw.removingPercentEncoding else {
      throw IntegrationError.badRequest(
        "the path parameter \(name) is not valid percent-encoded UTF-8", title: "type",
        parameter: name)
    }
    try IdentifierRule.checkParameter(value, name: name)
    if value.count > Self.maxParameterLength {
      throw IntegrationError.badRequest(
        "the path parameter \(name) is longer than \(Self.maxParameterLength) characters",
        title: "maxLength", parameter: name)
    }
    return value
  }

  /// Parses the body and validates it against the request's reference schema; decoding into
  /// the request type is the catalogue entry's (`IntegrationOperation.serve`).
  private func parseBody(_ schema: String, _ body: [UInt8]) throws -> JSONValue {
    guard !body.isEmpty else {
      throw IntegrationError.badRequest(
        "the request body is empty: expected a JSON \(schema)", title: "invalid JSON")
    }
    let value: JSONValue
    do {
      value = try JSONValue(parsingBytes: body, limits: .requestBody)
    } catch {
      let reason = (error as? WireCodingError).map(\.description) ?? "invalid JSON"
      throw IntegrationError.badRequest(reason, title: "invalid JSON")
    }
    let violations = validator.validate(value, against: schema)
    if let first = violations.first {
      let message =
        violations.count == 1
        ? first.details : "\(first.details) (and \(violations.count - 1) more problems)"
      throw IntegrationError(
        status: 400, message: message,
        errors: violations.map {
          APIError(title: $0.title, details: $0.details, source: ErrorSource(pointer: $0.pointer))
        })
    }
    return value
  }
}
