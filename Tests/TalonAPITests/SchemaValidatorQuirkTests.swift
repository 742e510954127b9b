import Foundation
import Testing

@testable import TalonAPI

/// The compiled validator against the raw walk on a document made of the corners the bundled one
/// does not reach: recursive and mutually recursive references, a schema that is a bare `$ref`,
/// references to nothing, unknown and non-string types, enums without strings, odd `minLength`,
/// `additionalProperties` as booleans, `items` missing or `true`, names with slashes, and member
/// names that are equal only canonically (the Kelvin sign and `K`, a precomposed `é` and `e` with
/// a combining accent).
@Suite("SchemaValidator on unusual schemas")
struct SchemaValidatorQuirkTests {
  static let document: ReferenceDocument = {
    let text = """
      {"components": {"schemas": {
        "Tree": {"type": "object", "required": ["label"], "properties": {
          "label": {"type": "string", "minLength": 3},
          "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
          "parent": {"$ref": "#/components/schemas/Forest"}}},
        "Forest": {"properties": {
          "trees": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
          "keeper": {"$ref": "#/components/schemas/Alias"}, "\u{e9}": {"type": "integer"}},
          "additionalProperties": {"$ref": "#/components/schemas/Tree"}},
        "Alias": {"$ref": "#/components/schemas/Tree"},
        "Strange": {"type": "object", "required": ["a", "a", "b", "12"], "properties": {
          "a": {"type": "null"}, "b": {"type": ["string", "null"], "properties": {}},
          "c": {"type": "string", "enum": [1, 2]},
          "d": {"type": "string", "enum": ["x", 1, "y"], "minLength": 0, "format": "date-time"},
          "e": {"type": "integer", "enum": [1]}, "f": {"$ref": "#/components/schemas/Missing"},
          "g": {"type": "array"}, "h": {"type": "array", "items": true}, "i": true,
          "j": {"type": "string", "minLength": 2.5}, "k": {"type": "string", "minLength": -1},
          "l": {"properties": 5}, "m": {"$ref": ""}, "n": {"$ref": "Tree/"},
          "12": {"type": "string", "enum": ["a"]}, "a/b~c": {"type": "boolean"},
          "K": {"type": "boolean"}},
          "additionalProperties": true},
        "Open": {"type": "object", "additionalProperties": {"type": "integer"}},
        "Closed": {"type": "object", "additionalProperties": false,
          "properties": {"x": {"type": "boolean"}}},
        "schemas": {"type": "number"},
        "Scalar": {"type": "string", "minLength": 2},
        "NotASchema": 7,
        "List": {"type": "array", "items": {"type": "array",
          "items": {"$ref": "#/components/schemas/Scalar"}}}
      }}}
      """
    return ReferenceDocument(text: text, json: (try? JSONValue(parsing: text)) ?? .null)
  }()

  static let keys = [
    "label", "children", "parent", "trees", "keeper", "a", "b", "c", "d", "e", "f", "g", "h", "i",
    "j", "k", "l", "m", "n", "x", "zz", "a/b~c", "12", "", "K", "\u{212A}", "\u{e9}", "e\u{301}",
  ]
  static let scalars: [JSONValue] = [
    .null, true, false, 1, -3, .number(Decimal(string: "1.5") ?? 0),
    .number(Decimal(string: "1e30") ?? 0), "", "x", "y", "ab", "abc", "a\u{301}b", "a",
    "2020-06-01T12:00:00Z", "2020-06-01T12:00:00+25:00",
  ]

  /// A random value up to `depth` levels of arrays and objects deep.
  static func randomValue(depth: Int, using random: inout SeededRandom) -> JSONValue {
    switch depth > 0 ? Int.random(in: 0..<5, using: &random) : 0 {
    case 0, 1:
      return scalars.randomElement(using: &random) ?? .null
    case 2:
      return .array(
        (0..<Int.random(in: 0...3, using: &random)).map { _ in
          randomValue(depth: depth - 1, using: &random)
        })
    default:
      var members: [String: JSONValue] = [:]
      for _ in 0..<Int.random(in: 0...6, using: &random) {
        members[keys.randomElement(using: &random) ?? "x"] = randomValue(
          depth: depth - 1, using: &random)
      }
      return .object(members)
    }
  }

  @Test func randomValuesAgainstEverySchema() {
    let validator = SchemaValidator(document: Self.document)
    let oracle = ReferenceSchemaWalk(document: Self.document)
    #expect(validator.schemas !== CompiledSchemas.bundled)
    let names =
      Self.document.schemaNames + ["", "Missing", "x/Tree", "Tree/", "/", "#/components/schemas/"]
    var random = SeededRandom(seed: 7)
    var reported = 0
    for _ in 0..<1500 {
      let value = Self.randomValue(depth: 4, using: &random)
      for name in names {
        let found = validator.validate(value, against: name)
        #expect(found == oracle.validate(value, against: name), "\(name): \(value.jsonText)")
        reported += found.count
      }
    }
    #expect(reported > 5000)
  }

  @Test func recursiveReferencesAreFollowed() {
    let validator = SchemaValidator(document: Self.document)
    let tree: JSONValue = [
      "label": "root", "children": [["label": "ok"], ["children": [["label": "leaf", "zz": 1]]]],
      "parent": ["trees": [["label": 5]], "keeper": ["label": 1], "other": [:]],
    ]
    #expect(
      validator.validate(tree, against: "Tree").map(\.pointer) == [
        "/children/0/label", "/children/1/label", "/parent/other/label", "/parent/trees/0/label",
      ])
    #expect(validator.validate(tree, against: "Alias") == [])
  }

  @Test func theBundledDocumentIsCompiledOnce() {
    #expect(SchemaValidator().schemas === CompiledSchemas.bundled)
    #expect(SchemaValidator(document: .bundled).schemas === CompiledSchemas.bundled)
  }
}
