import Foundation

/// `list kv count isEmpty head tail item min max sort append push drop reverse`: lists are
/// values, so these return new lists.
extension Functions {
  static func listFunction(_ op: Operator, _ values: [TalangValue]) throws -> TalangValue {
    switch op {
    case .list:
      return .list(values)
    case .kv:
      var members: [String: TalangValue] = [:]
      for index in stride(from: 0, to: values.count - 1, by: 2) {
        members[values[index].text] = values[index + 1]
      }
      return .object(members)
    case .count:
      switch values[0] {
      case .string(let text): return .number(Decimal(text.count))
      case .object(let members): return .number(Decimal(members.count))
      default: return .number(Decimal(try list(values[0], for: op).count))
      }
    case .isEmpty:
      switch values[0] {
      case .null: return .bool(true)
      case .string(let text): return .bool(text.isEmpty)
      case .object(let members): return .bool(members.isEmpty)
      default: return .bool(try list(values[0], for: op).isEmpty)
      }
    case .head:
      guard let first = try list(values[0], for: op).first else {
        throw RuleFailure(message: "head of an empty list")
      }
      return first
    case .tail:
      return .list(Array(try list(values[0], for: op).dropFirst()))
    case .drop:
      return .list(Array(try list(values[0], for: op).dropLast()))
    case .reverse:
      return .list(try list(values[0], for: op).reversed())
    case .append, .push:
      return .list(try list(values[0], for: op) + values.dropFirst())
    case .item:
      let elements = try list(values[0], for: op)
      let index = try number(values[1], for: op)
      guard let position = index.smallWholeNumber, elements.indices.contains(position) else {
        throw RuleFailure(message: "item \(index) is out of range")
      }
      return elements[position]
    case .min, .max:
      let elements = values.count == 1 ? try list(values[0], for: op) : values
      guard var best = elements.first else {
        throw RuleFailure(message: "\(op.rawValue) of an empty list")
      }
      for element in elements.dropFirst() {
        let order = try compare(element, best, op)
        if op == .min ? order == .orderedAscending : order == .orderedDescending { best = element }
      }
      return best
    case .sort:
      let descending = values.count > 1 ? try bool(values[1], for: op) : false
      return .list(
        try sorted(list(values[0], for: op), by: { $0 }, descending: descending, for: op))
    default:
      throw RuleFailure(message: "'\(op.rawValue)' cannot be used here")
    }
  }
}
