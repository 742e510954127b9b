import Foundation
import Logging
import TalonAPI
import TalonEngine
import TalonTestSupport
import Testing

@testable import TalonHTTP

/// Issue 8, item 5: the API key is compared in constant time and never shows: not in the
/// server's logs (every level, every request, good key or bad), not in answers, not in the
/// client's verbose trace or errors, not in a printed configuration.
@Suite("Secret handling")
struct SecretHandlingTests {
  static let wrongKey = "wrong-key-that-must-not-leak-5c81"

  @Test func keyComparisonLooksAtEveryByteAndTheLength() {
    let key = Array(LiveKeys.apiKey.utf8)
    #expect(constantTimeEquals(key, key))
    #expect(constantTimeEquals([UInt8](), [UInt8]()))
    // Any single flipped bit anywhere is a mismatch (no early exit that skips bytes).
    for index in key.indices {
      for bit in 0..<8 {
        var flipped = key
        flipped[index] ^= UInt8(1 << bit)
        #expect(!constantTimeEquals(flipped, key))
      }
    }
    #expect(!constantTimeEquals(key.dropLast(), key))
    #expect(!constantTimeEquals(key, key.dropLast()))
    #expect(!constantTimeEquals([UInt8](), key))
    // Missing bytes are compared as zeros; the length difference alone must still count,
    // even when the lengths differ by a multiple of 256.
    #expect(!constantTimeEquals(key + [0], key))
    #expect(!constantTimeEquals([UInt8](repeating: 0, count: 256), [UInt8]()))
    #expect(
      !constantTimeEquals([UInt8](repeating: 0, count: 512), [UInt8](repeating: 0, count: 256)))
  }

  @Test func onlyTheExactKeyAuthenticates() {
    let authenticator = RequestAuthenticator(
      configuration: ServerConfiguration(apiKey: LiveKeys.apiKey))
    func check(_ authorization: String?) -> Int? {
      authenticator.check(
        operation: .trackEvent, authorization: authorization, contentSignature: nil,
        body: [UInt8]())?.status
    }
    #expect(check("ApiKey-v1 \(LiveKeys.apiKey)") == nil)
    #expect(check("apikey-v1   \(LiveKeys.apiKey) ") == nil)
    #expect(check("ApiKey-v1 \(LiveKeys.apiKey.uppercased())") == 401)
    #expect(check("ApiKey-v1 \(LiveKeys.apiKey)x") == 401)
    #expect(check("ApiKey-v1 \(LiveKeys.apiKey.dropLast())") == 401)
    #expect(check("Bearer \(LiveKeys.apiKey)") == 401)
    #expect(check(LiveKeys.apiKey) == 401)
    #expect(check("ApiKey-v1") == 401)
    #expect(check(nil) == 401)
    let message =
      authenticator.check(
        operation: .trackEvent, authorization: "ApiKey-v1 \(Self.wrongKey)", contentSignature: nil,
        body: [UInt8]())?.description ?? ""
    #expect(!message.contains(Self.wrongKey))
  }

  /// Every place a secret could show up, checked for every secret.
  static func expectNoSecret(
    _ text: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for secret in [LiveKeys.apiKey, wrongKey, LiveKeys.applicationKey] {
      #expect(
        !text.contains(secret), "\(label) shows a secret: \(text.prefix(300))",
        sourceLocation: sourceLocation)
    }
  }

  @Test func theKeyNeverShowsInLogsOrAnswers() async throws {
    let live = try await LiveServer.start()
    let raw = RawClient(base: live.url)
    let event = #"{"type": "viewed", "attributes": {}, "sessionId": "s1", "profileId": "p1"}"#
    var sent = 0
    func send(
      _ method: String, _ path: String, json: String? = nil, apiKey: String?,
      headers: [(String, String)] = [], expect status: Int
    ) async throws {
      let response = try await raw.send(
        method, path, body: json.map { Data($0.utf8) }, apiKey: apiKey, headers: headers)
      sent += 1
      #expect(response.status == status, "\(method) \(path): \(response.text.prefix(200))")
      Self.expectNoSecret(response.text, "the \(response.status) body of \(method) \(path)")
      let headerText = response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
      Self.expectNoSecret(headerText, "the headers of \(method) \(path)")
    }
    try await send(
      "PUT", "/v1/customer_profiles/p1", json: #"{"attributes": {}}"#, apiKey: LiveKeys.apiKey,
      expect: 200)
    try await send("POST", "/v1/events", json: event, apiKey: LiveKeys.apiKey, expect: 201)
    try await send("POST", "/v1/events", json: event, apiKey: Self.wrongKey, expect: 401)
    try await send("POST", "/v1/events", json: event, apiKey: nil, expect: 401)
    try await send(
      "POST", "/v1/events", json: event, apiKey: nil,
      headers: [("Authorization", "Bearer \(Self.wrongKey)")], expect: 401)
    try await send(
      "PUT", "/v2/customer_sessions/s2", json: #"{"customerSession": {}}"#, apiKey: nil,
      headers: [("Content-Signature", "signer=1; signature=\(Self.wrongKey)")], expect: 401)
    try await send(
      "POST", "/v1/events", json: event, apiKey: nil,
      headers: [("Content-Signature", "signer=1; signature=00ff")], expect: 400)
    try await send("POST", "/v1/events", json: "{", apiKey: LiveKeys.apiKey, expect: 400)
    try await send("DELETE", "/v1/customer_data/nobody", apiKey: LiveKeys.apiKey, expect: 404)
    try await send("DELETE", "/v1/customer_data/nobody", apiKey: Self.wrongKey, expect: 401)
    try await send("GET", "/v1/events", apiKey: LiveKeys.apiKey, expect: 405)
    try await send(
      "GET", "/v1/nothing/\(Self.wrongKey.prefix(5))", apiKey: Self.wrongKey, expect: 404)
    let huge = String(repeating: "x", count: (1 << 20) + 1)
    try await send("POST", "/v1/events", json: huge, apiKey: Self.wrongKey, expect: 413)
    try await raw.shutdown()
    try await live.stop()

    let lines = live.log.all
    // One access-log line per request: the capture works, so silence below means something.
    #expect(lines.filter { $0.text.hasPrefix("request ") }.count == sent)
    for line in lines {
      Self.expectNoSecret(line.text, "the log line")
      #expect(!line.text.contains("ApiKey-v1"), "\(line.text)")
    }
  }

  @Test func theClientMasksTheKeyInItsTraceAndErrors() async throws {
    let live = try await LiveServer.start()
    let trace = Recorder<String>()
    var errors: [String] = []
    for key in [LiveKeys.apiKey, Self.wrongKey] {
      let client = try live.client(apiKey: key) { trace.append($0) }
      do {
        _ = try await client.updateCustomerProfile(
          integrationId: "p1", body: NewCustomerProfile(attributes: ["tier": "gold"]))
        try await client.deleteCustomerData(integrationId: "nobody")
      } catch {
        errors.append("\(error)")
        errors.append(String(reflecting: error))
      }
      // A configuration printed or dumped by accident shows no key either.
      errors.append("\(client.configuration)")
      errors.append(String(reflecting: client.configuration))
      var dumped = ""
      dump(client.configuration, to: &dumped)
      errors.append(dumped)
      try await client.shutdown()
    }
    try await live.stop()
    let text = trace.all.joined(separator: "\n")
    // Both keys were used: the good one got 200 then 404, the wrong one 401.
    #expect(text.contains("< HTTP/1.1 200 OK"))
    #expect(text.contains("< HTTP/1.1 404 Not Found"))
    #expect(text.contains("< HTTP/1.1 401 Unauthorized"))
    #expect(text.contains("> Authorization: ApiKey-v1 ****"))
    Self.expectNoSecret(text, "the verbose trace")
    #expect(errors.count == 10)
    for error in errors { Self.expectNoSecret(error, "a client error or configuration") }

    let server = ServerConfiguration(
      apiKey: LiveKeys.apiKey, applicationId: 1, applicationKey: LiveKeys.applicationKey)
    var dumped = ""
    dump(server, to: &dumped)
    for text in ["\(server)", String(reflecting: server), dumped] {
      Self.expectNoSecret(text, "a server configuration")
    }
    let key = ApplicationKey(hex: LiveKeys.applicationKey)
    var keyDump = ""
    dump(key as Any, to: &keyDump)
    #expect(!keyDump.contains("254"), "the key's bytes: \(keyDump)")
  }
}
