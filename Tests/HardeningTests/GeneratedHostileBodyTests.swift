import Foundation
import TalonAPI
import TalonEngine
import TalonTestSupport
import Testing

/// Issue 8, item 4, generated: for every operation with a body, a valid sample built from the
/// reference schema is broken in one seeded random way (a required member dropped, a value of
/// the wrong type, an enum or minLength violated, junk bytes, the text cut short), with unknown
/// members sprinkled in. Each request must be refused with 400 naming the broken member (or a
/// 401/413 when the key or the size is what is wrong), and the engine must stay empty.
@Suite("Generated hostile bodies")
struct GeneratedHostileBodyTests {
  static let casesPerOperation = 40
  static let seed: UInt64 = 0x7A10_0008

  /// The operations with a body whose schema the bundled reference document holds.
  static let bodyOperations = HostileInputTests.bodyOperations

  /// A path for the operation with a harmless parameter.
  static func path(_ operation: IntegrationOperation) -> String {
    operation.path(with: operation.pathParameters.map { _ in "SUMMER10" })
  }

  @Test func samplesAreValidBeforeTheyAreBroken() {
    let validator = SchemaValidator()
    for operation in Self.bodyOperations {
      guard let schema = operation.requestSchema else { continue }
      let sample = SchemaSamples().sample(of: schema)
      #expect(validator.validate(sample, against: schema) == [], "\(schema)")
      // The mutator finds something to break in every body.
      #expect(!BodyMutator().locations(of: sample, schema: SchemaSamples.reference(schema)).isEmpty)
    }
  }

  @Test func everyMutatedBodyIsRefusedAtItsLocationAndNothingIsStored() async throws {
    let live = try await LiveServer.start()
    let raw = RawClient(base: live.url)
    let mutator = BodyMutator()
    let validator = SchemaValidator()
    var random = SeededRandom(seed: Self.seed)
    var checked = 0
    var kinds: Set<String> = []
    for operation in Self.bodyOperations {
      guard let schema = operation.requestSchema else { continue }
      let sample = SchemaSamples().sample(of: schema)
      for caseIndex in 0..<Self.casesPerOperation {
        let mutation = mutator.mutate(sample, schemaName: schema, using: &random)
        kinds.insert(mutation.kind)
        let label = "\(operation.operationId) case \(caseIndex): \(mutation)"
        // A few cases also get the key or the size wrong: those checks come first.
        let twist = Int.random(in: 0..<20, using: &random)
        var body = mutation.body
        var apiKey: String? = LiveKeys.apiKey
        var expected = 400
        if twist == 0 {
          apiKey = Bool.random(using: &random) ? nil : "wrong-key"
          expected = 401
        } else if twist == 1 {
          body += Data(repeating: UInt8(ascii: " "), count: 1 << 20)
          expected = 413
        }
        let response = try await raw.send(
          operation.method, Self.path(operation), body: body, apiKey: apiKey)
        checked += 1
        #expect(response.status == expected, "\(label): \(response.text.prefix(300))")
        guard let json = response.json else {
          Issue.record("\(label): the answer is not JSON")
          continue
        }
        #expect(validator.validate(json, against: "ErrorResponse") == [], "\(label)")
        guard expected == 400 else { continue }
        let errors = response.error?.errors ?? []
        if let pointer = mutation.pointer {
          #expect(
            errors.contains { $0.source.pointer == pointer && $0.title == mutation.title },
            "\(label): \(response.text.prefix(300))")
        } else {
          #expect(errors.first?.title == mutation.title, "\(label): \(response.text.prefix(300))")
        }
      }
    }
    #expect(checked == 7 * Self.casesPerOperation)
    #expect(kinds == ["drop", "type", "enum", "minLength", "truncate", "junk"])
    #expect(try await live.engine.isFresh())
    try await raw.shutdown()
    try await live.stop()
    LoadAndRaceTests.expectNoServerErrors(live)
  }
}
