import Foundation

/// `concat contains notContains startsWith endsWith ~ toString join split firstName lastName`.
/// The tests take the searched-for text first and hold for every following string
/// (docs/behaviour.md, "Talang functions").
extension Functions {
  static func stringFunction(_ op: Operator, _ values: [TalangValue]) throws -> TalangValue {
    switch op {
    case .concat:
      return .string(values.map(\.text).joined())
    case .contains, .notContains:
      // talon's older order, a list first, asks whether the list holds every following value.
      if case .list(let elements) = values[0] {
        let found = values.dropFirst().map { value in elements.contains { equal($0, value) } }
        return .bool(op == .contains ? found.allSatisfy { $0 } : !found.contains(true))
      }
      let found = try values.dropFirst().map { try occurs(values[0], in: $0, for: op) }
      return .bool(op == .contains ? found.allSatisfy { $0 } : !found.contains(true))
    case .startsWith, .endsWith:
      let affix = try string(values[0], for: op)
      for value in values.dropFirst() {
        let text = try string(value, for: op)
        guard op == .startsWith ? text.hasPrefix(affix) : text.hasSuffix(affix) else {
          return .bool(false)
        }
      }
      return .bool(true)
    case .matches:
      let pattern = try string(values[0], for: op)
      // The whole string must match (docs/behaviour.md, "Talang functions"). The pattern is
      // checked alone first, so its parentheses cannot close the group around it.
      guard (try? NSRegularExpression(pattern: pattern)) != nil,
        let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$")
      else {
        throw RuleFailure(message: "invalid regular expression '\(pattern)'")
      }
      for value in values.dropFirst() {
        let text = try string(value, for: op)
        let range = NSRange(text.startIndex..., in: text)
        if regex.firstMatch(in: text, range: range) == nil { return .bool(false) }
      }
      return .bool(true)
    case .toString:
      return .string(values[0].text)
    case .join:
      let glue = try string(values[1], for: op)
      return .string(try list(values[0], for: op).map(\.text).joined(separator: glue))
    case .split:
      let text = try string(values[0], for: op)
      let separator = try string(values[1], for: op)
      if separator.isEmpty { return .list(text.map { .string(String($0)) }) }
      return .list(text.components(separatedBy: separator).map(TalangValue.string))
    case .firstName, .lastName:
      let words = try string(values[0], for: op).split(separator: " ").map(String.init)
      if op == .lastName { return .string(words.last ?? "") }
      return .string(words.dropLast().joined(separator: " "))
    default:
      throw RuleFailure(message: "'\(op.rawValue)' cannot be used here")
    }
  }

  /// Whether `needle` occurs in `haystack`: a substring of a string, an element of a list.
  private static func occurs(_ needle: TalangValue, in haystack: TalangValue, for op: Operator)
    throws -> Bool
  {
    if case .list(let elements) = haystack { return elements.contains { equal($0, needle) } }
    return try string(haystack, for: op).contains(string(needle, for: op))
  }
}
