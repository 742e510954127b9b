import Foundation

/// One way a JSON value breaks a reference schema.
public struct SchemaViolation: Hashable, Sendable, CustomStringConvertible {
  /// The JSON pointer of the offending value ("" for the whole document).
  public var pointer: String
  /// `required`, `type`, `enum` or `minLength` (`docs/behaviour.md`, "Validation errors").
  public var title: String
  /// A sentence saying what is wrong.
  public var details: String

  public init(pointer: String, title: String, details: String) {
    self.pointer = pointer
    self.title = title
    self.details = details
  }

  public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(details)" }
}

/// Checks JSON values against the schemas of the reference document: types (integers, numbers,
/// strings, booleans, arrays, objects, RFC 3339 date-times), `required`, `enum` and `minLength`.
/// Unknown members are allowed (newer clients may send them), and `null` stands for an absent
/// optional member. The server validates request bodies with it; tests validate every answer.
///
/// The server runs it on every request body, so it is built for speed: the schemas are compiled
/// once into a table of typed nodes with every `$ref` resolved to a node index
/// (`CompiledSchemas`; the bundled document's table is built once and shared by every validator
/// of it, another document's table is built by `init`), and the walk
/// carries the current location as a stack of path tokens, rendering a JSON pointer only when it
/// reports a violation. Violations come in document order: an object's missing `required`
/// members first (in the schema's order), then its members' violations by member name. A valid
/// object costs one `MemberTable` lookup per member: members are walked in storage order (only the
/// members that did report are sorted afterwards), and the required members are counted on the
/// way rather than looked up.
public struct SchemaValidator: Sendable {
  public let document: ReferenceDocument
  let schemas: CompiledSchemas

  public init(document: ReferenceDocument = .bundled) {
    self.document = document
    let bundled = ReferenceDocument.bundled
    schemas =
      document.text == bundled.text && document.json == bundled.json
      ? CompiledSchemas.bundled : CompiledSchemas(document: document)
  }

  /// All violations of `value` against the schema called `schemaName`, in document order.
  public func validate(_ value: JSONValue, against schemaName: String) -> [SchemaViolation] {
    var walk = SchemaWalk(nodes: schemas.nodes)
    walk.check(value, node: schemas.root(named: schemaName))
    return walk.violations
  }

  /// Validates an encodable wire value (encoded the way the wire encodes it).
  public func validate(encoding value: some Encodable, against schemaName: String) throws
    -> [SchemaViolation]
  {
    validate(try JSONValue(encoding: value), against: schemaName)
  }
}

/// One walk of a value through the compiled schemas, collecting violations.
private struct SchemaWalk {
  /// One step of the location being checked: an object member or an array element.
  enum PathToken {
    case member(String)
    case element(Int)
  }

  static let largestInteger = Decimal(Int64.max)

  let nodes: [CompiledSchemas.Node]
  var path: [PathToken] = []
  var violations: [SchemaViolation] = []

  init(nodes: [CompiledSchemas.Node]) {
    self.nodes = nodes
  }

  mutating func check(_ value: JSONValue, node index: Int) {
    switch nodes[index] {
    case .unconstrained:
      break
    case .object(let rule):
      guard case .object(let members) = value else { return reportType("object", of: value) }
      checkMembers(members, rule: rule)
    case .array(let items):
      guard case .array(let elements) = value else { return reportType("array", of: value) }
      guard items != CompiledSchemas.unconstrainedIndex else { return }
      for (position, element) in elements.enumerated() {
        path.append(.element(position))
        check(element, node: items)
        path.removeLast()
      }
    case .string(let rule):
      guard case .string(let text) = value else { return reportType("string", of: value) }
      checkString(text, rule: rule)
    case .integer:
      guard case .number(let number) = value else { return reportType("integer", of: value) }
      if !Self.isInteger(number) {
        report("type") { _, at in "\(at) must be an integer" }
      }
    case .number:
      guard case .number = value else { return reportType("number", of: value) }
    case .boolean:
      guard case .bool = value else { return reportType("boolean", of: value) }
    case .unknownType(let name):
      reportType(name, of: value)
    }
  }

  /// Checks an object's members. Required members are counted on the way through the members,
  /// so only an object that misses one looks them up (its violations go first, in the schema's
  /// order); members are walked in storage order and only those that reported are sorted.
  private mutating func checkMembers(
    _ members: [String: JSONValue], rule: CompiledSchemas.ObjectRule
  ) {
    let firstMemberViolation = violations.count
    var presentRequired = 0
    var reporting: [(name: String, violations: Range<Int>)] = []
    for (name, member) in members {
      if case .null = member { continue }
      var node = rule.additionalProperties
      if let declared = rule.members[name] {
        if declared.isRequired { presentRequired += 1 }
        if let property = declared.node { node = property }
      }
      guard let node, node != CompiledSchemas.unconstrainedIndex else { continue }
      let before = violations.count
      path.append(.member(name))
      check(member, node: node)
      path.removeLast()
      if violations.count > before { reporting.append((name, before..<violations.count)) }
    }
    if reporting.count > 1 {
      reporting.sort { $0.name < $1.name }
      let ordered = reporting.flatMap { violations[$0.violations] }
      violations.replaceSubrange(firstMemberViolation..., with: ordered)
    }
    if presentRequired < rule.requiredCount {
      let memberViolations = violations[firstMemberViolation...]
      violations.removeSubrange(firstMemberViolation...)
      for name in rule.required {
        switch members[name] {
        case nil, .null?:
          path.append(.member(name))
          report("required") { _, _ in "\(name) is required" }
          path.removeLast()
        default:
          break
        }
      }
      violations += memberViolations
    }
  }

  private mutating func checkString(_ text: String, rule: CompiledSchemas.StringRule) {
    if let minimum = rule.minLength, minimum > 0,
      minimum == 1
        ? text.isEmpty
        : text.index(text.startIndex, offsetBy: minimum, limitedBy: text.endIndex) == nil
    {
      report("minLength") { _, at in
        "\(at) must be at least \(minimum) character\(minimum == 1 ? "" : "s") long"
      }
    }
    if let choices = rule.choices, !choices.contains(text) {
      report("enum") { pointer, _ in
        "\(Self.name(of: pointer)) must be one of the following: \(rule.choiceList)"
      }
    }
    if rule.isDateTime, RFC3339.date(from: text) == nil {
      report("type") { _, at in "\(at) must be an RFC 3339 date-time, got \"\(text)\"" }
    }
  }

  private mutating func reportType(_ expected: String, of value: JSONValue) {
    let article = expected == "integer" || expected == "array" || expected == "object" ? "an" : "a"
    report("type") { _, at in "\(at) must be \(article) \(expected), not \(value.typeName)" }
  }

  /// Records a violation at the current location; `details` gets the location's JSON pointer
  /// and its wording in a sentence (`the body` for the whole document).
  private mutating func report(
    _ title: String, details: (_ pointer: String, _ at: String) -> String
  ) {
    var pointer = ""
    for token in path {
      switch token {
      case .member(let name): pointer += "/" + Self.escape(name)
      case .element(let position): pointer += "/" + String(position)
      }
    }
    let at = pointer.isEmpty ? "the body" : pointer
    violations.append(
      SchemaViolation(pointer: pointer, title: title, details: details(pointer, at)))
  }

  /// A whole number within `Int64`. Most numbers have a non-negative exponent, which makes them
  /// whole without rounding.
  private static func isInteger(_ number: Decimal) -> Bool {
    let isWhole = (number.isFinite && number.exponent >= 0) || number.isWholeNumber
    return isWhole && !(number.magnitude > largestInteger)
  }

  /// The field a pointer names: its last token, or for an array element the array's name
  /// (`/responseContent/0` is `responseContent`, as the embedded engine words it).
  private static func name(of pointer: String) -> String {
    let tokens = pointer.split(separator: "/")
    let field = tokens.last { token in !token.allSatisfy(\.isNumber) } ?? tokens.last
    return field.map(String.init) ?? "the body"
  }

  /// The token escaped for a JSON pointer. Most keys need nothing, and Foundation's
  /// `replacingOccurrences` is slow enough to show in the server's profile: check first.
  private static func escape(_ token: String) -> String {
    guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") })
    else { return token }
    return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }
}
