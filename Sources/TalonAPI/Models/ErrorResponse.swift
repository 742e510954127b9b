/// The body of every error answer (`ErrorResponse`).
public struct ErrorResponse: Codable, Hashable, Sendable, Error {
  public var message: String
  public var errors: [APIError]?

  public init(message: String, errors: [APIError]? = nil) {
    self.message = message
    self.errors = errors
  }
}

/// One problem of an error answer (`APIError`): a short title (`required`, `enum`, ...), details
/// and where in the request it lies.
public struct APIError: Codable, Hashable, Sendable {
  public var title: String
  public var details: String?
  public var source: ErrorSource

  public init(title: String, details: String? = nil, source: ErrorSource = ErrorSource()) {
    self.title = title
    self.details = details
    self.source = source
  }
}

/// Where a problem lies (`ErrorSource`): a JSON pointer into the body, a path or query
/// parameter's name, a line, or a resource.
public struct ErrorSource: Codable, Hashable, Sendable {
  public var pointer: String?
  public var parameter: String?
  public var line: String?
  public var resource: String?

  public init(
    pointer: String? = nil, parameter: String? = nil, line: String? = nil,
    resource: String? = nil
  ) {
    self.pointer = pointer
    self.parameter = parameter
    self.line = line
    self.resource = resource
  }
}
