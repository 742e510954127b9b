import Foundation
import TalonAPI
import TalonEngine
import TalonTestSupport
import Testing

/// Issue 8, item 4, by hand: every route of a real server over a real engine fed malformed
/// JSON, wrong types, strings up to the 1 MiB limit, 1,000 levels of nesting, invalid UTF-8,
/// unknown members and hostile path parameters. Every answer is a 4xx `ErrorResponse` (never a
/// 500, never a dropped connection) and the engine stores nothing.
@Suite("Hostile input to every route")
struct HostileInputTests {
  /// The operations whose request schema the bundled reference document holds (the server
  /// validates bodies against it); today's own operations decode their bodies and check them
  /// in the engine.
  static let bodyOperations = IntegrationOperation.allCases.filter {
    $0.requestSchema.map(ReferenceDocument.bundled.schemaNames.contains) ?? false
  }
  static let limit = 1 << 20

  /// The operation's path with `parameter` (already percent-encoded) in place.
  static func path(_ operation: IntegrationOperation, _ parameter: String = "SUMMER10") -> String {
    operation.path(with: operation.pathParameters.map { _ in parameter })
  }

  /// Sends every body to every operation that takes one and checks each answer.
  private func expectRefused(
    _ bodies: [(String, Data)], statuses: Set<Int> = [400], title: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    try await expectRefused(
      { _ in bodies }, statuses: statuses, title: title, sourceLocation: sourceLocation)
  }

  /// Sends each operation its bodies and checks each answer.
  private func expectRefused(
    _ bodies: (IntegrationOperation) -> [(String, Data)], statuses: Set<Int> = [400],
    title: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    let live = try await LiveServer.start()
    let raw = RawClient(base: live.url)
    for operation in Self.bodyOperations {
      for (label, body) in bodies(operation) {
        let response = try await raw.send(operation.method, Self.path(operation), body: body)
        Self.expectErrorShape(
          response, statuses: statuses, "\(operation.operationId) \(label)",
          sourceLocation: sourceLocation)
        if let title {
          #expect(
            response.error?.errors?.first?.title == title,
            "\(operation.operationId) \(label): \(response.text.prefix(200))",
            sourceLocation: sourceLocation)
        }
      }
    }
    #expect(try await live.engine.isFresh(), sourceLocation: sourceLocation)
    try await raw.shutdown()
    try await live.stop()
    LoadAndRaceTests.expectNoServerErrors(live, sourceLocation: sourceLocation)
  }

  static func expectErrorShape(
    _ response: RawResponse, statuses: Set<Int>, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      statuses.contains(response.status),
      "\(label): \(response.status) \(response.text.prefix(200))",
      sourceLocation: sourceLocation)
    guard let json = response.json else {
      Issue.record("\(label): the answer is not JSON", sourceLocation: sourceLocation)
      return
    }
    #expect(
      SchemaValidator().validate(json, against: "ErrorResponse") == [], "\(label)",
      sourceLocation: sourceLocation)
  }

  @Test func malformedJSONIs400InvalidJSON() async throws {
    let texts = [
      "", " ", #"{"a":"#, "{'a': 1}", "[1,2", #"{"a":1,}"#, "nul", #""unterminated"#,
      #"{"a": 01}"#, #"{"a": NaN}"#, "{} {}", #"{"a":1}}"#, "{\"a\" 1}", "\u{FEFF}{}x",
      #"{"a": "\uD800"}"#, #"{"a": "\x"}"#, #"{"a": 1 /* c */}"#, "[1,]", #"{"a": [1, ], }"#,
    ]
    try await expectRefused(texts.map { ($0, Data($0.utf8)) }, title: "invalid JSON")
  }

  @Test func wrongTopLevelAndMemberTypesAre400() async throws {
    let topLevel = ["[]", "42", #""text""#, "true", "null", "[{}]"].map { ($0, Data($0.utf8)) }
    // Each operation's own sample with an array member turned into an object, and an unknown
    // member added (unknown members are allowed: they must not hide the real problem).
    try await expectRefused { operation in
      guard let schema = operation.requestSchema else { return topLevel }
      let sample = SchemaSamples().sample(of: schema)
      var bodies = topLevel
      for location in BodyMutator().locations(of: sample, schema: SchemaSamples.reference(schema))
      where location.schema["type"]?.stringValue == "array" {
        var broken = BodyMutator.replacing(location.path, in: sample, with: ["an": "object"])
        if case .object(var members) = broken {
          members["unknownField"] = "ignored"
          broken = .object(members)
        }
        bodies.append(("\(schema) \(location.pointer)", Data(broken.jsonText.utf8)))
      }
      return bodies
    }
  }

  @Test func hugeStringsUpToTheLimitAreRefused() async throws {
    let near = Self.limit - 64
    let filler = String(repeating: "x", count: near)
    let shorter = String(repeating: "x", count: near - 256)
    let bodies: [(String, Data)] = [
      ("unterminated 1 MiB string", Data(#"{"zz": "\#(filler)"#.utf8)),
      ("1 MiB string as the body", Data(#""\#(filler)""#.utf8)),
      (
        "1 MiB member name, wrong types",
        Data(
          #"{"\#(shorter)": 1, "attributes": 7, "customerSession": 7, "integrationIDs": 7, "campaignId": "x", "cartItems": 7}"#
            .utf8)
      ),
      ("1 MiB + 1 byte", Data(repeating: UInt8(ascii: " "), count: Self.limit + 1)),
    ]
    try await expectRefused(bodies, statuses: [400, 413])
  }

  @Test func aThousandLevelsOfNestingAreRefused() async throws {
    let depth = 1_000
    let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    let objects =
      String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
    let bodies: [(String, Data)] = [
      ("1000 arrays", Data(arrays.utf8)),
      ("1000 objects", Data(objects.utf8)),
      (
        "1000 arrays in attributes",
        Data(#"{"attributes": \#(arrays), "type": "t", "sessionId": "s"}"#.utf8)
      ),
      (
        "1000 objects in a session", Data(#"{"customerSession": {"attributes": \#(objects)}}"#.utf8)
      ),
      ("1000 unclosed", Data(String(repeating: "[", count: depth).utf8)),
    ]
    try await expectRefused(bodies, title: "invalid JSON")
  }

  @Test func invalidUTF8Is400() async throws {
    var bodies: [(String, Data)] = []
    let sequences: [(String, [UInt8])] = [
      ("0xFF", [0xFF]), ("lone continuation", [0x80]), ("overlong slash", [0xC0, 0xAF]),
      ("truncated sequence", [0xE2, 0x82]), ("surrogate encoded", [0xED, 0xA0, 0x80]),
      ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
    ]
    for operation in Self.bodyOperations {
      guard let schema = operation.requestSchema else { continue }
      let text = SchemaSamples().sample(of: schema).jsonText
      // Every string of the valid sample ("sssss", enum values...) gets the bad bytes.
      for (label, bad) in sequences {
        let marker = Array("sssss".utf8)
        var bytes = Array(text.utf8)
        var index = 0
        var replaced = false
        while index + marker.count <= bytes.count {
          if Array(bytes[index..<index + marker.count]) == marker {
            bytes.replaceSubrange(index..<index + marker.count, with: bad)
            index += bad.count
            replaced = true
          } else {
            index += 1
          }
        }
        if replaced { bodies.append(("\(schema) \(label)", Data(bytes))) }
      }
    }
    #expect(bodies.count >= 6 * 6)
    // Sent to every operation (the body of one is nonsense to another, still a 400).
    try await expectRefused(bodies, title: "invalid JSON")
  }

  @Test func hostilePathParametersAreRefusedAndStoreNothing() async throws {
    let live = try await LiveServer.start()
    let port = Int(live.url.split(separator: ":").last ?? "") ?? 0
    let parameters: [(String, [UInt8], Set<Int>)] = [
      // Label, parameter as sent (bytes of the request target), statuses of a read.
      ("encoded slash", Array("a%2Fb".utf8), [404]),
      ("only a slash", Array("%2F".utf8), [404]),
      ("traversal", Array("..%2F..%2Fetc%2Fpasswd".utf8), [404]),
      ("NUL", Array("%00".utf8), [400]),
      ("NUL inside", Array("a%00b".utf8), [400]),
      ("escape sequence", Array("%1B%5B31mred".utf8), [400]),
      ("line break", Array("a%0D%0Ab".utf8), [400]),
      ("invalid UTF-8", Array("%FF%FE".utf8), [400]),
      ("overlong", Array("%C0%AF".utf8), [400]),
      ("bad escape", Array("%G1%".utf8), [400]),
      ("10 KB", Array(repeating: UInt8(ascii: "x"), count: 10_240), [400]),
      ("10 KB encoded", Array(String(repeating: "%C3%A9", count: 1_707).utf8), [400]),
    ]
    let badBody = Data(#"{"zz": "#.utf8)
    for operation in IntegrationOperation.allCases where operation.pathParameters.count == 1 {
      for (label, parameter, readStatuses) in parameters {
        let name = "\(operation.operationId) \(label)"
        let template = Array(operation.pathTemplate.utf8)
        let placeholder = Array("{\(operation.pathParameters[0])}".utf8)
        guard let at = template.indices.first(where: { template[$0...].starts(with: placeholder) })
        else { continue }
        let target =
          Array(template[..<at]) + parameter + Array(template[(at + placeholder.count)...])
        let hasBody = operation.requestSchema != nil
        let response = try await RawSocket.exchange(
          port: port, method: operation.method, target: target, body: hasBody ? badBody : Data())
        if operation == .getReservedCoupons && readStatuses == [404] {
          // A profile without reservations has none: an empty list, not an error.
          #expect(response.status == 200, "\(name)")
          #expect(response.json?["totalResultSize"] == 0, "\(name)")
          continue
        }
        Self.expectErrorShape(response, statuses: hasBody ? [400] : readStatuses, name)
        // The operation itself answered (no "no route"): the parameter or the body is named.
        let error = response.error?.errors?.first
        if hasBody && readStatuses == [404] {
          #expect(error?.title == "invalid JSON", "\(name): \(response.text.prefix(200))")
        } else {
          #expect(
            error?.source.parameter == operation.pathParameters.first,
            "\(name): \(response.text.prefix(200))")
        }
      }
    }
    // Unencoded slashes make another path: no route.
    let raw = RawClient(base: live.url)
    let unrouted = try await raw.send("DELETE", "/v1/customer_data/a/b")
    Self.expectErrorShape(unrouted, statuses: [404], "unencoded slash")
    #expect(unrouted.error?.errors?.first?.source.resource == "/v1/customer_data/a/b")
    #expect(try await live.engine.isFresh())
    try await raw.shutdown()
    try await live.stop()
    LoadAndRaceTests.expectNoServerErrors(live)
  }

  @Test func hostileQueryParametersAre400NamingTheParameter() async throws {
    let live = try await LiveServer.start()
    let port = Int(live.url.split(separator: ":").last ?? "") ?? 0
    let queries = [
      "profile=%00", "profile=maybe", "referrals=tru%FF",
      "profile=" + String(repeating: "1", count: 10_240),
      "profile=true&referrals=%0D%0A", "profile=%",
    ]
    for query in queries {
      let response = try await RawSocket.exchange(
        port: port, method: "GET",
        target: Array("/v1/customer_profiles/p1/inventory?\(query)".utf8))
      Self.expectErrorShape(response, statuses: [400], String(query.prefix(30)))
      let parameter = response.error?.errors?.first?.source.parameter
      #expect(parameter == "profile" || parameter == "referrals", "\(query.prefix(30))")
    }
    #expect(try await live.engine.isFresh())
    try await live.stop()
    LoadAndRaceTests.expectNoServerErrors(live)
  }

  @Test func hostileParametersWithValidBodiesStoreNothingEither() async throws {
    let live = try await LiveServer.start()
    let parameters = [
      "%00", "a%00b", "%0D%0Ainjected", "%FF", String(repeating: "y", count: 10_240),
    ]
    let bodies: [IntegrationOperation: String] = [
      .updateCustomerProfile: #"{"attributes": {"tier": "gold"}}"#,
      .updateCustomerSession: #"{"profileId": "p1", "state": "open"}"#,
      .updateCustomerSessionV2: #"{"customerSession": {"profileId": "p1"}}"#,
      .createCouponReservation: #"{"integrationIDs": ["p1"]}"#,
    ]
    let port = Int(live.url.split(separator: ":").last ?? "") ?? 0
    for (operation, body) in bodies {
      for parameter in parameters {
        let response = try await RawSocket.exchange(
          port: port, method: operation.method,
          target: Array(Self.path(operation, parameter).utf8), body: Data(body.utf8))
        Self.expectErrorShape(
          response, statuses: [400], "\(operation.operationId) \(parameter.prefix(20))")
        #expect(response.error?.errors?.first?.source.parameter == operation.pathParameters.first)
      }
    }
    #expect(try await live.engine.isFresh())
    try await live.stop()
    LoadAndRaceTests.expectNoServerErrors(live)
  }
}

/// Nesting up to the server's depth limit (64 levels, decided in `JSONLimits`) is stored
/// and read back whole; a 1 MiB body of tiny containers is refused before it is parsed (it
/// used to keep a core busy for half a minute).
@Suite("Deep and wide but valid JSON")
struct DeepAndWideJSONTests {
  @Test func nestingUpToTheLimitIsStoredAndReadBack() async throws {
    let live = try await LiveServer.start()
    let raw = RawClient(base: live.url)
    // The body and `attributes` are two levels; the rest is the attribute's own nesting.
    let depth = 62
    let objects =
      String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
    let stored = try await raw.send(
      "PUT", "/v1/customer_profiles/deep", json: #"{"attributes": {"objects": \#(objects)}}"#)
    #expect(stored.status == 200, "\(stored.text.prefix(200))")
    let read = try await raw.send("GET", "/v1/customer_profiles/deep/inventory?profile=true")
    #expect(read.status == 200)
    var value = read.json?["profile"]?["attributes"]?["objects"]
    var levels = 0
    while let inner = value?["a"] {
      levels += 1
      value = inner
    }
    #expect(levels == depth)
    #expect(value == 1)
    let deeper = "{" + String(repeating: #""a":{"#, count: 64) + String(repeating: "}", count: 65)
    let refused = try await raw.send("PUT", "/v1/customer_profiles/deeper", json: deeper)
    #expect(refused.status == 400)
    #expect(refused.error?.message.contains("nested deeper than 64 levels") == true)
    try await raw.shutdown()
    try await live.stop()
    LoadAndRaceTests.expectNoServerErrors(live)
  }

  @Test func aMebibyteOfTinyContainersIsRefusedBeforeParsing() async throws {
    let live = try await LiveServer.start()
    let raw = RawClient(base: live.url)
    let tiny = Array(repeating: "[]", count: 300_000).joined(separator: ",")
    let response = try await raw.send(
      "PUT", "/v1/customer_profiles/wide", json: #"{"attributes": {"x": [\#(tiny)]}}"#)
    HostileInputTests.expectErrorShape(response, statuses: [400], "wide body")
    #expect(response.error?.message.contains("more than 50000 values") == true)
    #expect(try await live.engine.isFresh())
    try await raw.shutdown()
    try await live.stop()
    LoadAndRaceTests.expectNoServerErrors(live)
  }
}
