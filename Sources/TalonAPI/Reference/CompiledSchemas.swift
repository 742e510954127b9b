import Foundation

/// The schemas of a reference document compiled once for `SchemaValidator`: every schema (named
/// or inline) becomes one `CompiledSchemas.Node` in a flat table, and a `$ref` becomes the index
/// of the schema it names, so the validator never looks up a keyword or a reference by string.
///
/// Compilation keeps the meaning of the raw walk it replaced, quirks included:
/// - A `$ref` is followed one step: it names a schema under `components.schemas` (its last path
///   token) and that schema's own keywords apply; a named schema that is itself a bare `$ref`
///   constrains nothing, and a `$ref` to a missing schema constrains nothing.
/// - The type is the `type` keyword when it is a string, else `object` when `properties` is
///   present, else the schema constrains nothing. A type name the validator does not know is kept:
///   no value matches it.
/// - `additionalProperties` applies only when it is a schema object; `enum` only to strings.
///
/// References are resolved by index: named schemas get their slots before any schema is
/// compiled, so recursive and mutually recursive references need no special care. The table is
/// immutable after `init`, hence `Sendable` and shared freely; the bundled document's table is
/// built once per process (`bundled`).
final class CompiledSchemas: Sendable {
  /// What one schema demands of a value.
  enum Node: Sendable {
    /// Any value is fine.
    case unconstrained
    case object(ObjectRule)
    /// An array; its elements must match the node `items`.
    case array(items: Int)
    case string(StringRule)
    case integer
    case number
    case boolean
    /// A type no JSON value has: every value is reported.
    case unknownType(String)
  }

  /// The keywords of an object schema. A class, so that the walk copies one reference.
  final class ObjectRule: Sendable {
    /// What the schema says about one member name: the node a declared property must match
    /// (nil: not declared, `additionalProperties` applies) and whether it is `required`.
    struct Member: Sendable {
      var node: Int?
      var isRequired: Bool
    }

    /// The `required` members, in document order (duplicates kept: each is reported).
    let required: [String]
    /// How many different names `required` lists.
    let requiredCount: Int
    /// Every declared property and every required name.
    let members: MemberTable<Member>
    /// The node members without a declared property must match, if any.
    let additionalProperties: Int?

    init(required: [String], properties: [String: Int], additionalProperties: Int?) {
      var members = properties.mapValues { Member(node: $0, isRequired: false) }
      for name in required {
        members[name, default: Member(node: nil, isRequired: true)].isRequired = true
      }
      self.required = required
      self.requiredCount = Set(required).count
      self.members = MemberTable(members)
      self.additionalProperties = additionalProperties
    }
  }

  /// The keywords of a string schema. A class, so that the walk copies one reference.
  final class StringRule: Sendable {
    let minLength: Int?
    /// The allowed values (`enum`), if the schema lists any.
    let choices: Set<String>?
    /// The allowed values as the violation words them: `"a", "b"` in document order.
    let choiceList: String
    /// `format: date-time`: the text must be an RFC 3339 date-time.
    let isDateTime: Bool

    init(minLength: Int?, choices: [String]?, isDateTime: Bool) {
      self.minLength = minLength
      self.choices = choices.map(Set.init)
      self.choiceList = choices?.map { "\"\($0)\"" }.joined(separator: ", ") ?? ""
      self.isDateTime = isDateTime
    }
  }

  /// The node that constrains nothing; every unconstrained schema compiles to it.
  static let unconstrainedIndex = 0

  /// The bundled reference document's schemas, compiled on first use.
  static let bundled = CompiledSchemas(document: .bundled)

  /// The compiled schemas, indexed by node number.
  let nodes: [Node]
  /// The node of each schema under `components.schemas`, by name.
  let roots: [String: Int]

  init(document: ReferenceDocument) {
    var compiler = Compiler(named: document.json["components"]?["schemas"]?.objectValue ?? [:])
    compiler.compileNamedSchemas()
    nodes = compiler.nodes
    roots = compiler.roots
  }

  /// The node for the schema called `schemaName`, as `$ref: #/components/schemas/<name>` finds
  /// it (a name with a slash is cut at its last slash, as such a reference would be).
  func root(named schemaName: String) -> Int {
    let name =
      schemaName.isEmpty || schemaName.utf8.contains(UInt8(ascii: "/"))
      ? Self.referencedName("#/components/schemas/" + schemaName) : schemaName
    return roots[name] ?? Self.unconstrainedIndex
  }

  /// The schema name a `$ref` points at: its last non-empty `/` token.
  static func referencedName(_ reference: String) -> String {
    reference.split(separator: "/").last.map(String.init) ?? reference
  }

  /// Builds the node table: named schemas first (one slot each), inline schemas appended.
  private struct Compiler {
    let named: [String: JSONValue]
    var nodes: [Node] = [.unconstrained]
    var roots: [String: Int] = [:]

    init(named: [String: JSONValue]) {
      self.named = named
    }

    mutating func compileNamedSchemas() {
      let names = named.keys.sorted()
      for name in names {
        roots[name] = nodes.count
        nodes.append(.unconstrained)
      }
      for name in names {
        guard let index = roots[name], let schema = named[name] else { continue }
        nodes[index] = node(for: schema)
      }
    }

    /// The node index for a schema as found in a property, `items` or `additionalProperties`:
    /// the referenced named schema for a `$ref`, else the schema itself.
    mutating func reference(_ schema: JSONValue) -> Int {
      if let reference = schema["$ref"]?.stringValue {
        return roots[CompiledSchemas.referencedName(reference)]
          ?? CompiledSchemas.unconstrainedIndex
      }
      let compiled = node(for: schema)
      if case .unconstrained = compiled { return CompiledSchemas.unconstrainedIndex }
      nodes.append(compiled)
      return nodes.count - 1
    }

    /// The node for a schema's own keywords (a `$ref` in it is not followed).
    mutating func node(for schema: JSONValue) -> Node {
      let type = schema["type"]?.stringValue ?? (schema["properties"] != nil ? "object" : nil)
      switch type {
      case nil:
        return .unconstrained
      case "object":
        var properties: [String: Int] = [:]
        for (name, property) in schema["properties"]?.objectValue ?? [:] {
          properties[name] = reference(property)
        }
        var additional: Int?
        if let schema = schema["additionalProperties"], schema.objectValue != nil {
          additional = reference(schema)
        }
        return .object(
          ObjectRule(
            required: schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            properties: properties, additionalProperties: additional))
      case "array":
        return .array(
          items: schema["items"].map { reference($0) } ?? CompiledSchemas.unconstrainedIndex)
      case "string":
        return .string(
          StringRule(
            minLength: schema["minLength"]?.intValue,
            choices: schema["enum"]?.arrayValue?.compactMap(\.stringValue),
            isDateTime: schema["format"]?.stringValue == "date-time"))
      case "integer":
        return .integer
      case "number":
        return .number
      case "boolean":
        return .boolean
      case let other?:
        return .unknownType(other)
      }
    }
  }
}
