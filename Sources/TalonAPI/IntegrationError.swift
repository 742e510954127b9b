/// An Integration API failure: the HTTP status and Talon.One's error body. The embedded engine
/// throws it for domain errors, the server sends it as is, the HTTP client decodes it.
public struct IntegrationError: Error, Hashable, Sendable, CustomStringConvertible {
  public var status: Int
  public var response: ErrorResponse

  public init(status: Int, response: ErrorResponse) {
    self.status = status
    self.response = response
  }

  public init(status: Int, message: String, errors: [APIError]? = nil) {
    self.init(status: status, response: ErrorResponse(message: message, errors: errors))
  }

  /// 400 for one problem in the body at `pointer`.
  public static func badRequest(
    _ message: String, title: String, pointer: String? = nil, parameter: String? = nil
  ) -> IntegrationError {
    IntegrationError(
      status: 400, message: message,
      errors: [
        APIError(
          title: title, details: message,
          source: ErrorSource(pointer: pointer, parameter: parameter))
      ])
  }

  /// 404 for an unknown entity.
  public static func notFound(_ message: String, parameter: String? = nil) -> IntegrationError {
    IntegrationError(
      status: 404, message: message,
      errors: [
        APIError(title: "not found", details: message, source: ErrorSource(parameter: parameter))
      ])
  }

  /// 409 for a request that conflicts with the stored state.
  public static func conflict(_ message: String, pointer: String? = nil) -> IntegrationError {
    IntegrationError(
      status: 409, message: message,
      errors: [APIError(title: "conflict", details: message, source: ErrorSource(pointer: pointer))]
    )
  }

  /// `status: message`, then each error's title, details and location.
  public var description: String {
    var text = "\(status): \(response.message)"
    for error in response.errors ?? [] {
      var line = error.title
      if let details = error.details, details != response.message { line += ": \(details)" }
      if let pointer = error.source.pointer { line += " (at \(pointer))" }
      if let parameter = error.source.parameter { line += " (parameter \(parameter))" }
      text += "\n  " + line
    }
    return text
  }
}
