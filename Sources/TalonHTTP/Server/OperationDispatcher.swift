import Foundation
import TalonAPI

/// Turns a routed, authenticated request into a call of `IntegrationAPI` and its answer:
/// path and query parameters are checked (problems name `source.parameter`), the body is
/// parsed, validated against the operation's reference schema (problems name
/// `source.pointer`) and decoded with `WireCoding`. Every failure is an `IntegrationError`;
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
    _ operation: IntegrationOperation, rawParameter: String?, query: String?, body: [UInt8]
  ) async throws -> Answer {
    let parameter = try decodeParameter(operation, rawParameter)
    switch operation {
    case .updateCustomerProfile:
      let request = try decodeBody(NewCustomerProfile.self, operation, body)
      return try answer(
        operation, await api.updateCustomerProfile(integrationId: parameter, body: request))
    case .updateCustomerSession:
      let request = try decodeBody(NewCustomerSession.self, operation, body)
      return try answer(
        operation,
        await api.updateCustomerSession(customerSessionId: parameter, body: request))
    case .updateCustomerSessionV2:
      let request = try decodeBody(IntegrationRequest.self, operation, body)
      return try answer(
        operation,
        await api.updateCustomerSessionV2(customerSessionId: parameter, body: request))
    case .trackEvent:
      let request = try decodeBody(NewEvent.self, operation, body)
      return try answer(operation, await api.trackEvent(body: request))
    case .createCouponReservation:
      let request = try decodeBody(CouponReservations.self, operation, body)
      return try answer(
        operation, await api.createCouponReservation(couponValue: parameter, body: request))
    case .deleteCouponReservation:
      let request = try decodeBody(CouponReservations.self, operation, body)
      try await api.deleteCouponReservation(couponValue: parameter, body: request)
      return Answer(status: operation.successStatus, body: nil)
    case .getReservedCoupons:
      return try answer(operation, await api.getReservedCoupons(integrationId: parameter))
    case .getReservedCustomers:
      return try answer(operation, await api.getReservedCustomers(couponValue: parameter))
    case .createReferral:
      let request = try decodeBody(NewReferral.self, operation, body)
      return try answer(operation, await api.createReferral(body: request))
    case .getCustomerInventory:
      let flags = try QueryFlags(query: query, names: operation.queryParameters)
      return try answer(
        operation,
        await api.getCustomerInventory(
          integrationId: parameter, profile: flags["profile"], referrals: flags["referrals"]))
    case .deleteCustomerData:
      try await api.deleteCustomerData(integrationId: parameter)
      return Answer(status: operation.successStatus, body: nil)
    }
  }

  private func answer(_ operation: IntegrationOperation, _ value: some Encodable) throws -> Answer {
    Answer(status: operation.successStatus, body: try WireCoding.encode(value))
  }

  /// The longest path parameter accepted, in characters once decoded.
  static let maxParameterLength = 1000

  /// The percent-decoded path parameter; an empty or undecodable one is a 400.
  ///
  /// Decided here (the reference gives path parameters no limits): a decoded parameter with a
  /// control character (`IdentifierRule`, shared with the engine: `%00`, line breaks, terminal
  /// escape sequences) or longer than `maxParameterLength` characters is a 400 naming the
  /// parameter. An encoded slash (`%2F`) is an ordinary character of an id.
  private func decodeParameter(_ operation: IntegrationOperation, _ raw: String?) throws -> String {
    guard let name = operation.pathParameter else { return "" }
    guard let raw, !raw.isEmpty else {
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

  /// Parses, validates and decodes the body of `operation`.
  private func decodeBody<T: Decodable>(
    _ type: T.Type, _ operation: IntegrationOperation, _ body: [UInt8]
  ) throws -> T {
    let schema = operation.requestSchema ?? String(describing: T.self)
    guard !body.isEmpty else {
      throw IntegrationError.badRequest(
        "the request body is empty: expected a JSON \(schema)", title: "invalid JSON")
    }
    if let finding = JSONPrecheck.check(body) {
      throw IntegrationError.badRequest(finding.description, title: "invalid JSON")
    }
    let value: JSONValue
    do {
      value = try JSONValue(parsingBytes: body)
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
    do {
      return try WireCoding.decode(type, from: value)
    } catch let error as WireCodingError {
      switch error {
      case .invalidJSON(let reason):
        throw IntegrationError.badRequest("invalid JSON: \(reason)", title: "invalid JSON")
      case .mismatch(let pointer, let message):
        throw IntegrationError.badRequest(message, title: "type", pointer: pointer)
      }
    }
  }
}

/// The boolean query parameters of an operation (`?profile=true&referrals=false`).
/// Decided here: `true`/`false` in any case, also `1`/`0`; anything else is a 400 naming the
/// parameter; unknown parameters are ignored; a repeated parameter's last value wins.
struct QueryFlags: Sendable {
  private var values: [String: Bool] = [:]

  init(query: String?, names: [String]) throws {
    for pair in (query ?? "").split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = Self.decode(parts[0])
      guard names.contains(name) else { continue }
      let text = parts.count > 1 ? Self.decode(parts[1]) : ""
      switch text.lowercased() {
      case "true", "1": values[name] = true
      case "false", "0": values[name] = false
      default:
        throw IntegrationError.badRequest(
          "the query parameter \(name) must be true or false, not \"\(text)\"", title: "type",
          parameter: name)
      }
    }
  }

  private static func decode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }

  subscript(name: String) -> Bool? { values[name] }
}
