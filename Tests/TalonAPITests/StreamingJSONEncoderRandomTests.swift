import Foundation
import Testing

@testable import TalonAPI

/// Random JSON values through both encoders: `JSONValue`'s own `Encodable`, and the same value
/// re-encoded through keyed, unkeyed, nested and single value containers in scrambled orders.
@Suite("Streaming encoder on random values")
struct StreamingJSONEncoderRandomTests {
  @Test func randomValuesMatchTheTreePath() throws {
    var random = SeededRandom(seed: 2026)
    for round in 0..<400 {
      let value = Self.randomValue(depth: 0, using: &random)
      let tree = JSONTextWriter().data(try JSONValueEncoder.encode(value))
      #expect(try StreamingJSONEncoder.encode(value) == tree, "round \(round)")
      let shaped = ContainerShaped(value: value, seed: random.next())
      let shapedTree = JSONTextWriter().data(try JSONValueEncoder.encode(shaped))
      #expect(try StreamingJSONEncoder.encode(shaped) == shapedTree, "round \(round)")
      #expect(try JSONValue(parsing: shapedTree) == value, "round \(round)")
    }
  }

  static func randomValue(depth: Int, using random: inout SeededRandom) -> JSONValue {
    let pick = random.next() % (depth > 3 ? 4 : 6)
    switch pick {
    case 0: return .null
    case 1: return .bool(random.next() % 2 == 0)
    case 2:
      let significand = Decimal(Int64(bitPattern: random.next()) >> (random.next() % 64))
      return .number(significand / pow(Decimal(10), Int(random.next() % 22)))
    case 3: return .string(randomString(using: &random))
    case 4:
      return .array(
        (0..<random.next() % 5).map { _ in randomValue(depth: depth + 1, using: &random) })
    default:
      var members: [String: JSONValue] = [:]
      for _ in 0..<random.next() % 7 {
        members[randomString(using: &random)] = randomValue(depth: depth + 1, using: &random)
      }
      return .object(members)
    }
  }

  /// Keys in one normalization form: Swift's String `<` does not order keys of mixed forms
  /// consistently ("e\u{301}" and "\u{e9}x" are neither less nor greater), so their order
  /// depends on the order they are sorted in, which for the tree path is a dictionary's.
  static func randomString(using random: inout SeededRandom) -> String {
    let pieces = ["a", "b", "Z", "key", "é", "\"", "\\", "\n", "\u{1}", "🙂", "/", " "]
    return (0..<random.next() % 4).map { _ in pieces[Int(random.next() % 12)] }.joined()
  }
}

/// A JSON value encoded member by member through the containers: objects as keyed containers
/// (each member through `encode` or, at random, a nested container or super encoder, in
/// scrambled order, sometimes with a decoy value written first and replaced), arrays as unkeyed
/// containers, scalars as single values.
private struct ContainerShaped: Encodable {
  var value: JSONValue
  var seed: UInt64

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  func encode(to encoder: any Encoder) throws {
    var random = SeededRandom(seed: seed)
    switch value {
    case .object(let members):
      var container = encoder.container(keyedBy: Key.self)
      for (key, member) in members.shuffled(using: &random) {
        let child = ContainerShaped(value: member, seed: random.next())
        switch random.next() % 4 {
        case 0:
          try container.encode(true, forKey: Key(stringValue: key))
          try container.encode(child, forKey: Key(stringValue: key))
        case 1: try child.encode(to: container.superEncoder(forKey: Key(stringValue: key)))
        default: try container.encode(child, forKey: Key(stringValue: key))
        }
      }
    case .array(let elements):
      var container = encoder.unkeyedContainer()
      for element in elements {
        let child = ContainerShaped(value: element, seed: random.next())
        if random.next() % 3 == 0 {
          try child.encode(to: container.superEncoder())
        } else {
          try container.encode(child)
        }
      }
    case .null:
      var container = encoder.singleValueContainer()
      try container.encodeNil()
    case .bool(let flag):
      var container = encoder.singleValueContainer()
      try container.encode(flag)
    case .number(let number):
      var container = encoder.singleValueContainer()
      try container.encode(number)
    case .string(let text):
      var container = encoder.singleValueContainer()
      try container.encode(text)
    }
  }
}
