import Foundation
import TalonAPI

/// Decides whether a request may run, and for which application (`docs/behaviour.md`,
/// "Authentication" and "Several applications"): `Authorization: ApiKey-v1 <key>` selects the
/// application with that API key, a `Content-Signature` (on every operation but the v2 session
/// update) the application its signer names, whose key must have signed the body. When both
/// headers come, a valid API key suffices; otherwise the signature is checked. Secrets are
/// compared in constant time.
///
/// Decided here: the scheme `ApiKey-v1` is matched case-insensitively; a malformed
/// `Content-Signature`, a signer that is no application's id, or a signature on the v2 update
/// is a 401; a well-formed signature that does not match is the documented 400. A server
/// configured with one application and neither key is open (allowed on loopback only, see
/// `ServerConfiguration`).
struct RequestAuthenticator: Sendable {
  /// What lets a request in for one application.
  struct Credentials: Sendable {
    var apiKey: [UInt8]?
    var applicationId: Int?
    var applicationKey: ApplicationKey?

    init(apiKey: String?, applicationId: Int?, applicationKey: String?) {
      self.apiKey = apiKey.map { Array($0.utf8) }
      self.applicationId = applicationId
      self.applicationKey = applicationKey.flatMap { ApplicationKey(hex: $0) }
    }
  }

  /// The applications, in the order the server serves them; answers name their index.
  let applications: [Credentials]

  init(configuration: ServerConfiguration) {
    applications = [
      Credentials(
        apiKey: configuration.apiKey, applicationId: configuration.applicationId,
        applicationKey: configuration.applicationKey)
    ]
  }

  init(applications: [Credentials]) {
    self.applications = applications
  }

  var isOpen: Bool {
    applications.count == 1 && applications[0].apiKey == nil
      && applications[0].applicationKey == nil
  }

  /// The index of the application whose API key `key` is, comparing with every one.
  private func application(apiKey key: String) -> Int? {
    let bytes = Array(key.utf8)
    var found: Int?
    for (index, credentials) in applications.enumerated() {
      if let apiKey = credentials.apiKey, constantTimeEquals(bytes, apiKey), found == nil {
        found = index
      }
    }
    return found
  }

  /// Nil when the request is authenticated; else the error to answer with.
  func check(
    operation: IntegrationOperation, authorization: String?, contentSignature: String?,
    body: some Collection<UInt8>
  ) -> IntegrationError? {
    if case .failure(let error) = authenticate(
      operation: operation, authorization: authorization, contentSignature: contentSignature,
      body: body)
    {
      return error
    }
    return nil
  }

  /// The index of the application the request is for, or the error to answer with.
  func authenticate(
    operation: IntegrationOperation, authorization: String?, contentSignature: String?,
    body: some Collection<UInt8>
  ) -> Result<Int, IntegrationError> {
    if isOpen { return .success(0) }
    if let authorization, let key = Self.apiKey(fromAuthorization: authorization),
      let index = application(apiKey: key)
    {
      return .success(index)
    }
    guard let contentSignature else {
      return .failure(
        authorization == nil
          ? Self.unauthorized(
            "missing Authorization header: send Authorization: ApiKey-v1 <key>",
            header: "Authorization")
          : Self.unauthorized("invalid API key", header: "Authorization"))
    }
    guard operation.allowsSignature else {
      return .failure(
        Self.unauthorized(
          "\(operation.method) \(operation.pathTemplate) does not accept a Content-Signature: "
            + "send Authorization: ApiKey-v1 <key>", header: "Authorization"))
    }
    guard applications.contains(where: { $0.applicationKey != nil && $0.applicationId != nil })
    else {
      return .failure(
        Self.unauthorized(
          "this server has no application key: Content-Signature is not accepted",
          header: ContentSignature.headerName))
    }
    guard let signature = ContentSignature(headerValue: contentSignature) else {
      return .failure(
        Self.unauthorized(
          "malformed Content-Signature: expected signer=<applicationId>; signature=<hex>",
          header: ContentSignature.headerName))
    }
    let signer = Array(signature.signer.utf8)
    var signing: (index: Int, key: ApplicationKey)?
    for (index, credentials) in applications.enumerated() {
      guard let key = credentials.applicationKey, let id = credentials.applicationId else {
        continue
      }
      if constantTimeEquals(signer, Array(String(id).utf8)), signing == nil {
        signing = (index, key)
      }
    }
    guard let signing else {
      return .failure(
        Self.unauthorized(
          applications.count == 1
            ? "unknown signer: the signer must be this server's application id"
            : "unknown signer: the signer must be the id of one of this server's applications",
          header: ContentSignature.headerName))
    }
    guard signing.key.verifies(signatureHex: signature.signature, body: body) else {
      return .failure(IntegrationError(status: 400, message: "HMAC signature mismatch."))
    }
    return .success(signing.index)
  }

  /// Nil when `Authorization` carries an API key of the server; else the 401 to answer with.
  /// The test-control routes take only the key (`docs/behaviour.md`, "Test control").
  func checkKey(authorization: String?) -> IntegrationError? {
    if case .failure(let error) = application(authorization: authorization) { return error }
    return nil
  }

  /// The index of the application whose API key `Authorization` carries, or the 401.
  func application(authorization: String?) -> Result<Int, IntegrationError> {
    guard applications.contains(where: { $0.apiKey != nil }) else {
      return .failure(
        Self.unauthorized(
          "this server has no API key; test control needs one (--api-key)",
          header: "Authorization"))
    }
    guard let authorization else {
      return .failure(
        Self.unauthorized(
          "missing Authorization header: send Authorization: ApiKey-v1 <key>",
          header: "Authorization"))
    }
    guard let key = Self.apiKey(fromAuthorization: authorization),
      let index = application(apiKey: key)
    else { return .failure(Self.unauthorized("invalid API key", header: "Authorization")) }
    return .success(index)
  }

  /// The key of `ApiKey-v1 <key>`, or nil for another scheme. ASCII values (all real ones) are
  /// read byte by byte; others go through Foundation's whitespace rules, with the same result.
  static func apiKey(fromAuthorization value: String) -> String? {
    let bytes = Array(value.utf8)
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return unicodeAPIKey(fromAuthorization: value) }
    func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    var start = 0
    var end = bytes.count
    while start < end, isBlank(bytes[start]) { start += 1 }
    while end > start, isBlank(bytes[end - 1]) { end -= 1 }
    var schemeEnd = start
    while schemeEnd < end, bytes[schemeEnd] != 0x20 { schemeEnd += 1 }
    let scheme = Array("apikey-v1".utf8)
    guard schemeEnd - start == scheme.count,
      zip(bytes[start..<schemeEnd], scheme).allSatisfy({ pair in
        (pair.0 >= 0x41 && pair.0 <= 0x5A ? pair.0 + 0x20 : pair.0) == pair.1
      })
    else { return nil }
    var keyStart = schemeEnd
    while keyStart < end, isBlank(bytes[keyStart]) { keyStart += 1 }
    guard keyStart < end else { return nil }
    return String(decoding: bytes[keyStart..<end], as: UTF8.self)
  }

  static func unicodeAPIKey(fromAuthorization value: String) -> String? {
    let parts = value.trimmingCharacters(in: .whitespaces).split(
      separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
    guard parts.count == 2, parts[0].lowercased() == "apikey-v1" else { return nil }
    return parts[1].trimmingCharacters(in: .whitespaces)
  }

  static func unauthorized(_ message: String, header: String) -> IntegrationError {
    IntegrationError(
      status: 401, message: message,
      errors: [
        APIError(title: "unauthorized", details: message, source: ErrorSource(parameter: header))
      ]
    )
  }
}
