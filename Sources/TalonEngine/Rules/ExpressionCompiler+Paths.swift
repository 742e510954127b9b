import Foundation

/// Paths against the attribute catalogue: a path that starts at a binding or a lambda parameter
/// has that value's type, one that starts at a root of the catalogue walks its fields. An
/// unknown built-in field is an error with a did-you-mean; an undeclared custom attribute is an
/// error when the file has an `attributes` section and a warning when it has none. Other names
/// (`set` variables, names a rule may never reach) are left to the evaluation.
extension ExpressionCompiler {
  /// The static type of `[".", root, keys...]` at `pointer` (the keys sit at `pointer/2`...).
  func pathType(root: String, keys: [String], at pointer: String) throws -> StaticType {
    var type: StaticType
    if let local = scope.last(where: { $0.name == root }) {
      type = local.type
    } else if let rootType = AttributeCatalogue.root(root) {
      type = rootType
    } else {
      return .any
    }
    var walked = root
    for (index, key) in keys.enumerated() {
      let keyPointer = "\(pointer)/\(index + 2)"
      switch type {
      case .any, .object:
        return .any
      case .map(let element):
        type = element
      case .list(let element):
        guard Int(key) != nil else {
          try fail(
            CampaignFileError(
              pointer: keyPointer, message: "\(walked) is a list: '\(key)' is not an index"))
          return .any
        }
        type = element
      case .record(let entity):
        guard let field = AttributeCatalogue.field(key, of: entity) else {
          let names = AttributeCatalogue.entities[entity]?.map(\.name) ?? []
          var message = "unknown field \(walked).\(key)"
          if let suggestion = AttributeCatalogue.suggestion(for: key, among: names) {
            message += " (did you mean \(walked).\(suggestion)?)"
          } else {
            message += " (\(entity) has \(names.joined(separator: ", ")))"
          }
          try fail(CampaignFileError(pointer: keyPointer, message: message))
          return .any
        }
        type = field.type
      case .attributes(let entity):
        type = try attributeType(key, of: entity, spelled: "\(walked).\(key)", at: keyPointer)
      default:
        try fail(
          CampaignFileError(
            pointer: keyPointer, message: "\(walked) is \(type.withArticle): it has no '\(key)'"))
        return .any
      }
      walked += ".\(key)"
    }
    return type
  }

  /// The declared type of a custom attribute (`any` when undeclared and the file declares none).
  func attributeType(_ name: String, of entity: String, spelled: String, at pointer: String)
    throws -> StaticType
  {
    if let declaration = catalogue.declaration(name, of: entity) { return declaration.type }
    guard let declarations = catalogue.declarations else {
      warn(
        CampaignFileError(
          pointer: pointer,
          message: "undeclared attribute \(spelled) (declare it in the file's 'attributes')"),
        key: "\(entity).\(name)")
      return .any
    }
    var message = "undeclared attribute \(spelled)"
    let names = declarations.filter { $0.entity == entity }.map(\.name)
    if let suggestion = AttributeCatalogue.suggestion(for: name, among: names) {
      let prefix = spelled.dropLast(name.count)
      message += " (did you mean \(prefix)\(suggestion)?)"
    } else {
      message += " (the 'attributes' section does not declare it for \(entity))"
    }
    try fail(CampaignFileError(pointer: pointer, message: message))
    return .any
  }
}
