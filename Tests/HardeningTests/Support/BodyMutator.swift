import Foundation
import TalonAPI
import TalonTestSupport

/// Breaks valid request bodies in one located way, for the generated hostile-input property
/// test. Each `Mutation` says what the server must answer: the error title and the JSON
/// pointer of the broken member (nil for bodies that are no longer JSON at all).
struct BodyMutator {
  let samples = SchemaSamples()

  /// A member of a sample body together with its (resolved) schema.
  struct Location {
    var path: [PathStep]
    var schema: JSONValue
    var isRequired: Bool
    var value: JSONValue

    var pointer: String { path.map { "/" + $0.token }.joined() }
  }

  enum PathStep {
    case member(String)
    case index(Int)

    var token: String {
      switch self {
      case .member(let name):
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
      case .index(let index): String(index)
      }
    }
  }

  /// One broken body and the answer it must get.
  struct Mutation: CustomStringConvertible {
    var kind: String
    var body: Data
    /// The error title expected in the answer.
    var title: String
    /// The pointer the answer must name; nil when the body is not JSON.
    var pointer: String?

    var description: String { "\(kind) at \(pointer ?? "-")" }
  }

  /// Every member of `value` that its schema describes (not the insides of free-form objects).
  func locations(of value: JSONValue, schema rawSchema: JSONValue) -> [Location] {
    var found: [Location] = []
    collect(value, schema: rawSchema, path: [], isRequired: true, into: &found)
    return found
  }

  private func collect(
    _ value: JSONValue, schema rawSchema: JSONValue, path: [PathStep], isRequired: Bool,
    into found: inout [Location]
  ) {
    let schema = samples.resolve(rawSchema)
    if !path.isEmpty {
      found.append(Location(path: path, schema: schema, isRequired: isRequired, value: value))
    }
    switch value {
    case .object(let members):
      let properties = schema["properties"]?.objectValue
      let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
      for (name, member) in members.sorted(by: { $0.key < $1.key }) {
        if let property = properties?[name] {
          collect(
            member, schema: property, path: path + [.member(name)],
            isRequired: required.contains(name), into: &found)
        } else if properties == nil, let additional = schema["additionalProperties"],
          additional.objectValue != nil
        {
          collect(
            member, schema: additional, path: path + [.member(name)], isRequired: false,
            into: &found)
        }
      }
    case .array(let elements):
      guard let items = schema["items"], items != [:] else { return }
      for (index, element) in elements.enumerated() {
        collect(
          element, schema: items, path: path + [.index(index)], isRequired: false, into: &found)
      }
    default:
      return
    }
  }

  /// A random mutation of `sample` (valid against `schemaName`), drawn from `random`.
  func mutate(
    _ sample: JSONValue, schemaName: String, using random: inout SeededRandom
  ) -> Mutation {
    let all = locations(of: sample, schema: SchemaSamples.reference(schemaName))
    var candidates: [(String, Location)] = []
    for location in all {
      if location.isRequired { candidates.append(("drop", location)) }
      if wrongValue(for: location) != nil { candidates.append(("type", location)) }
      if location.schema["enum"] != nil { candidates.append(("enum", location)) }
      if (location.schema["minLength"]?.intValue ?? 0) > 0 {
        candidates.append(("minLength", location))
      }
    }
    let roll = Int.random(in: 0..<10, using: &random)
    if roll == 0 || candidates.isEmpty { return truncated(sample, using: &random) }
    if roll == 1 { return junk(sample, using: &random) }
    // A kind first, then a location of that kind: rare kinds (enums) are drawn as often.
    let kinds = Array(Set(candidates.map(\.0))).sorted()
    guard let kind = kinds.randomElement(using: &random),
      let (_, location) = candidates.filter({ $0.0 == kind }).randomElement(using: &random)
    else { return truncated(sample, using: &random) }
    var body = sample
    let title: String
    switch kind {
    case "drop":
      body = Self.removing(location.path, from: body)
      title = "required"
    case "type":
      body = Self.replacing(location.path, in: body, with: wrongValue(for: location) ?? [])
      title = "type"
    case "enum":
      body = Self.replacing(location.path, in: body, with: "zz-not-in-the-enum")
      title = "enum"
    default:
      body = Self.replacing(location.path, in: body, with: "")
      title = "minLength"
    }
    // Unknown members are allowed; sprinkled in, they must not hide the real problem.
    if Bool.random(using: &random), case .object(var members) = body {
      members["zzUnknownMember"] = ["nested": [1, "two", ["deeper": true]]]
      body = .object(members)
    }
    return Mutation(
      kind: kind, body: Data(body.jsonText.utf8), title: title, pointer: location.pointer)
  }

  /// A value of another JSON type than the schema wants (nil for free-form schemas).
  private func wrongValue(for location: Location) -> JSONValue? {
    let schema = location.schema
    let type = schema["type"]?.stringValue ?? (schema["properties"] != nil ? "object" : nil)
    switch type {
    case "string":
      return schema["format"]?.stringValue == "date-time" ? "yesterday-ish" : 12
    case "integer": return .number(Decimal(string: "1.5") ?? 1)
    case "number": return "12.5"
    case "boolean": return "true"
    case "array": return ["not": "an array"]
    case "object": return ["not an object"]
    default: return nil
    }
  }

  /// The sample's JSON text cut short: never JSON any more.
  private func truncated(_ sample: JSONValue, using random: inout SeededRandom) -> Mutation {
    let bytes = Array(sample.jsonText.utf8)
    let keep = Int.random(in: 1..<max(2, bytes.count), using: &random)
    return Mutation(
      kind: "truncate", body: Data(bytes.prefix(keep)), title: "invalid JSON", pointer: nil)
  }

  /// A byte that JSON allows nowhere (a raw control character or invalid UTF-8) inserted.
  private func junk(_ sample: JSONValue, using random: inout SeededRandom) -> Mutation {
    var bytes = Array(sample.jsonText.utf8)
    let junkBytes: [UInt8] = [0x00, 0x01, 0x07, 0x1B, 0x7F, 0xC0, 0xC1, 0xF5, 0xFE, 0xFF, 0x80]
    let byte = junkBytes.randomElement(using: &random) ?? 0x01
    // 0x7F (DEL) is a legal character inside strings: put it between tokens only.
    let position =
      byte == 0x7F ? 1 : Int.random(in: 1..<max(2, bytes.count), using: &random)
    bytes.insert(byte, at: min(position, bytes.count))
    return Mutation(kind: "junk", body: Data(bytes), title: "invalid JSON", pointer: nil)
  }

  static func replacing(_ path: [PathStep], in value: JSONValue, with new: JSONValue)
    -> JSONValue
  {
    guard let first = path.first else { return new }
    let rest = Array(path.dropFirst())
    switch (first, value) {
    case (.member(let name), .object(var members)):
      members[name] = replacing(rest, in: members[name] ?? .null, with: new)
      return .object(members)
    case (.index(let index), .array(var elements)) where elements.indices.contains(index):
      elements[index] = replacing(rest, in: elements[index], with: new)
      return .array(elements)
    default:
      return value
    }
  }

  static func removing(_ path: [PathStep], from value: JSONValue) -> JSONValue {
    guard let first = path.first else { return value }
    let rest = Array(path.dropFirst())
    switch (first, value) {
    case (.member(let name), .object(var members)):
      if rest.isEmpty {
        members[name] = nil
      } else if let member = members[name] {
        members[name] = removing(rest, from: member)
      }
      return .object(members)
    case (.index(let index), .array(var elements)) where elements.indices.contains(index):
      elements[index] = removing(rest, from: elements[index])
      return .array(elements)
    default:
      return value
    }
  }
}
