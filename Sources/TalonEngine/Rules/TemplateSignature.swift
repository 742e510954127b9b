import Foundation

/// The signature a `setTemplate` names, `plus(Decimal, Decimal)Decimal`: the template's name and
/// how many arguments `!` must pass. A bare name (`Template1`) takes any number of arguments.
/// The types are documentation only (docs/behaviour.md, "Talang functions").
struct TemplateSignature: Sendable, Hashable {
  var name: String
  /// nil for a bare name.
  var parameterCount: Int?

  init?(_ text: String) {
    guard let open = text.firstIndex(of: "(") else {
      guard !text.isEmpty, !text.contains(where: { $0 == ")" || $0.isWhitespace }) else {
        return nil
      }
      name = text
      parameterCount = nil
      return
    }
    guard let close = text.lastIndex(of: ")"), open < close else { return nil }
    let name = text[..<open].trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, !name.contains(where: \.isWhitespace) else { return nil }
    let parameters = text[text.index(after: open)..<close]
      .split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    if parameters == [""] {
      parameterCount = 0
    } else {
      guard !parameters.contains(where: \.isEmpty) else { return nil }
      parameterCount = parameters.count
    }
    self.name = name
  }
}
