import Foundation
import TalonTestSupport
import Testing

@testable import TalonAPI

/// The compiled `SchemaValidator` against `ReferenceSchemaWalk` (the raw walk it replaced) over
/// many generated bodies: the same violations (pointer, title, details) in the same order.
@Suite("SchemaValidator agrees with the raw reference walk")
struct SchemaValidatorEquivalenceTests {
  static let validator = SchemaValidator()
  static let oracle = ReferenceSchemaWalk()

  /// Values put in place of a value: wrong types, edge numbers, short, odd and non-enum strings,
  /// bad dates, nested arrays and objects.
  static let replacements: [JSONValue] = [
    .null, true, 0, 42, -7, number("1.5"), number("10.0"), number("1e30"),
    number("9223372036854775807"), number("9223372036854775808"), number("-9223372036854775808"),
    "", "x", "ab", "e\u{301}", "open", "nope", "2020-06-01T12:00:00Z", "2020-02-30T12:00:00Z",
    "12", [], [nil], [1, "x"], [[]], [[1], ["a", nil]], [[:]], [:], ["name": ""],
    ["zz": [1, [true]]], ["a/b~c": "x"],
  ]

  @Test(arguments: ReferenceDocument.bundled.schemaNames)
  func samplesAndEveryMutationOfThem(schemaName: String) {
    let full = SchemaSamples().sample(of: schemaName)
    let minimal = SchemaSamples(full: false).sample(of: schemaName)
    let unknown = SchemaSamples(unknownMembers: true).sample(of: schemaName)
    var bodies = [full, minimal, unknown]
    for location in Self.locations(in: full) {
      for replacement in Self.replacements {
        bodies.append(Self.replacing(location, in: full, with: replacement))
      }
      if let current = Self.value(at: location, in: full) {
        bodies.append(Self.replacing(location, in: full, with: [current, current]))
        bodies.append(Self.replacing(location, in: full, with: ["inner": current]))
      }
    }
    for location in Self.locations(in: minimal) where !location.isEmpty {
      bodies.append(Self.removing(location, from: minimal))
    }
    var broken = 0
    for body in bodies {
      let found = Self.validator.validate(body, against: schemaName)
      #expect(found == Self.oracle.validate(body, against: schemaName), "\(body.jsonText)")
      if !found.isEmpty { broken += 1 }
    }
    for sample in [full, minimal, unknown] {
      #expect(Self.validator.validate(sample, against: schemaName) == [])
    }
    #expect(broken > Self.replacements.count / 2, "the mutations break the schema")
  }

  @Test func samplesAgainstEveryOtherSchemaAndOddNames() {
    let names = ReferenceDocument.bundled.schemaNames
    let samples = names.flatMap { name in
      [SchemaSamples().sample(of: name), SchemaSamples(full: false).sample(of: name)]
    }
    var reported = 0
    for sample in samples {
      for name in names + ["", "Nope", "x/IntegrationRequest", "schemas", "/"] {
        let found = Self.validator.validate(sample, against: name)
        #expect(found == Self.oracle.validate(sample, against: name), "\(name): \(sample.jsonText)")
        reported += found.count
      }
    }
    #expect(reported > 1000)
  }

  @Test func manyMutationsAtOnceKeepTheirOrder() {
    var random = SeededRandom(seed: 20_261_127)
    var multiple = 0
    for name in ReferenceDocument.bundled.schemaNames {
      let sample = SchemaSamples(unknownMembers: true).sample(of: name)
      let locations = Self.locations(in: sample)
      for _ in 0..<40 {
        var body = sample
        for _ in 0..<Int.random(in: 2...6, using: &random) {
          guard let location = Self.locations(in: body).randomElement(using: &random) else { break }
          if Bool.random(using: &random), !location.isEmpty {
            body = Self.removing(location, from: body)
          } else {
            let replacement = Self.replacements.randomElement(using: &random) ?? .null
            body = Self.replacing(location, in: body, with: replacement)
          }
        }
        let found = Self.validator.validate(body, against: name)
        #expect(found == Self.oracle.validate(body, against: name), "\(body.jsonText)")
        if found.count > 1 { multiple += 1 }
      }
      #expect(!locations.isEmpty)
    }
    #expect(multiple > 300, "many bodies have several violations, so order is compared")
  }

  @Test func theServerBenchmarkBodyAndItsMutations() throws {
    let items = (0..<10).map { index in
      """
      {"name":"Item \(index)","sku":"SKU-\(index)","quantity":\(1 + index % 3),\
      "price":\(10 + index * 5).99,"category":"\(index % 3 == 0 ? "shoes" : "accessories")"}
      """
    }
    let body = try JSONValue(
      parsing: """
        {"customerSession":{"profileId":"customer-7","couponCodes":["SUMMER10"],\
        "cartItems":[\(items.joined(separator: ","))]}}
        """)
    #expect(Self.validator.validate(body, against: "IntegrationRequest") == [])
    for location in Self.locations(in: body) {
      for replacement in Self.replacements {
        let mutated = Self.replacing(location, in: body, with: replacement)
        #expect(
          Self.validator.validate(mutated, against: "IntegrationRequest")
            == Self.oracle.validate(mutated, against: "IntegrationRequest"))
      }
    }
  }

  @Test func validatorsRunConcurrently() async throws {
    let bodies = ReferenceDocument.bundled.schemaNames.flatMap { name -> [(String, JSONValue)] in
      let sample = SchemaSamples().sample(of: name)
      let broken = Self.locations(in: sample).last.map {
        Self.replacing($0, in: sample, with: [nil, "x"])
      }
      return [(name, sample), (name, ["zz": 1]), (name, broken ?? 1)]
    }
    let expected = bodies.map { Self.oracle.validate($0.1, against: $0.0) }
    let results = await withTaskGroup(of: (Int, [SchemaViolation]).self) { group in
      for round in 0..<8 {
        for (index, (name, body)) in bodies.enumerated() {
          group.addTask {
            let validator = round.isMultiple(of: 2) ? Self.validator : SchemaValidator()
            return (index, validator.validate(body, against: name))
          }
        }
      }
      return await group.reduce(into: [(Int, [SchemaViolation])]()) { $0.append($1) }
    }
    #expect(results.count == bodies.count * 8)
    for (index, found) in results {
      #expect(found == expected[index])
    }
  }

  static func number(_ text: String) -> JSONValue {
    .number(Decimal(string: text) ?? 0)
  }
}
