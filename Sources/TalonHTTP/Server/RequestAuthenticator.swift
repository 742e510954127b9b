import Foundation
import TalonAPI

/// Decides whether a request may run (`docs/behaviour.md`, "Authentication"):
/// `Authorization: ApiKey-v1 <key>`, or a `Content-Signature` on every operation but the v2
/// session update. When both headers come, a valid API key suffices; otherwise the signature
/// is checked. Secrets are compared in constant time.
///
/// Decided here: the scheme `ApiKey-v1` is matched case-insensitively; a malformed
/// `Content-Signature`, a signer other than the application id, or a signature on the v2 update
/// is a 401; a well-formed signature that does not match is the documented 400. A server
/// configured with neither key is open (allowed on loopback only, see `ServerConfiguration`).
struct RequestAuthenticator: Sendable {
  let apiKey: [UInt8]?
  let applicationId: Int?
  let applicationKey: ApplicationKey?

  init(configuration: ServerConfiguration) {
    apiKey = configuration.apiKey.map { Array($0.utf8) }
    applicationId = configuration.applicationId
    applicationKey = configuration.applicationKey.flatMap { ApplicationKey(hex: $0) }
  }

  var isOpen: Bool { apiKey == nil && applicationKey == nil }

  /// Nil when the request is authenticated; else the error to answer with.
  func check(
    operation: IntegrationOperation, authorization: String?, contentSignature: String?,
    body: some Collection<UInt8>
  ) -> IntegrationError? {
    if isOpen { return nil }
    if let authorization, let key = Self.apiKey(fromAuthorization: authorization), let apiKey,
      constantTimeEquals(Array(key.utf8), apiKey)
    {
      return nil
    }
    guard let contentSignature else {
      return authorization == nil
        ? Self.unauthorized(
          "missing Authorization header: send Authorization: ApiKey-v1 <key>",
          header: "Authorization")
        : Self.unauthorized("invalid API key", header: "Authorization")
    }
    guard operation.allowsSignature else {
      return Self.unauthorized(
        "\(operation.method) \(operation.pathTemplate) does not accept a Content-Signature: "
          + "send Authorization: ApiKey-v1 <key>", header: "Authorization")
    }
    guard let applicationKey, let applicationId else {
      return Self.unauthorized(
        "this server has no application key: Content-Signature is not accepted",
        header: ContentSignature.headerName)
    }
    guard let signature = ContentSignature(headerValue: contentSignature) else {
      return Self.unauthorized(
        "malformed Content-Signature: expected signer=<applicationId>; signature=<hex>",
        header: ContentSignature.headerName)
    }
    guard constantTimeEquals(Array(signature.signer.utf8), Array(String(applicationId).utf8))
    else {
      return Self.unauthorized(
        "unknown signer: the signer must be this server's application id",
        header: ContentSignature.headerName)
    }
    guard applicationKey.verifies(signatureHex: signature.signature, body: body) else {
      return IntegrationError(status: 400, message: "HMAC signature mismatch.")
    }
    return nil
  }

  /// Nil when `Authorization` carries the server's API key; else the 401 to answer with. The
  /// test-control routes take only the key (`docs/behaviour.md`, "Test control").
  func checkKey(authorization: String?) -> IntegrationError? {
    guard let apiKey else {
      return Self.unauthorized(
        "this server has no API key; test control needs one (--api-key)", header: "Authorization")
    }
    guard let authorization else {
      return Self.unauthorized(
        "missing Authorization header: send Authorization: ApiKey-v1 <key>",
        header: "Authorization")
    }
    guard let key = Self.apiKey(fromAuthorization: authorization),
      constantTimeEquals(Array(key.utf8), apiKey)
    else { return Self.unauthorized("invalid API key", header: "Authorization") }
    return nil
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
