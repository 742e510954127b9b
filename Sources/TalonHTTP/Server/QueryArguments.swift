import Foundation
import TalonAPI

/// The query parameters of a request, typed by the operation's catalogue entry
/// (`?profile=true&referrals=false`).
///
/// The accepted spellings, unknown and repeated parameters: docs/behaviour.md, "Server
/// (`talon serve`)", query parameters.
enum QueryArguments {
  static func parse(_ query: String?, for operation: IntegrationOperation) throws
    -> [String: QueryValue]
  {
    guard let query, !query.isEmpty, !operation.queryParameters.isEmpty else { return [:] }
    var values: [String: QueryValue] = [:]
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = decode(parts[0])
      guard let parameter = operation.queryParameter(name) else { continue }
      let text = parts.count > 1 ? decode(parts[1]) : ""
      if parameter.kind == .strings {
        let elements =
          parameter.explode
          ? [text] : text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if case .strings(let earlier) = values[name] {
          values[name] = .strings(earlier + elements)
        } else {
          values[name] = .strings(elements)
        }
      } else {
        values[name] = try value(text, of: parameter)
      }
    }
    return values
  }

  private static func value(_ text: String, of parameter: QueryParameter) throws -> QueryValue {
    switch parameter.kind {
    case .bool:
      switch text.lowercased() {
      case "true", "1": return .bool(true)
      case "false", "0": return .bool(false)
      default: throw mistyped(parameter, text, "true or false")
      }
    case .integer:
      guard let number = Int(text) else { throw mistyped(parameter, text, "an integer") }
      return .integer(number)
    case .dateTime:
      guard let date = dateTime(text) else {
        throw mistyped(parameter, text, "an RFC 3339 date-time")
      }
      return .dateTime(date)
    case .string, .strings:
      return .string(text)
    }
  }

  /// RFC 3339, and the two forms the reference and today's SDK add: an offset without its
  /// colon (`2024-05-29T15:04:05.000000+0000`, as the Python SDK writes it) and a date alone
  /// (midnight UTC).
  static func dateTime(_ text: String) -> Date? {
    if let date = RFC3339.date(from: text) { return date }
    let characters = Array(text)
    if characters.count == 10 { return RFC3339.date(from: text + "T00:00:00Z") }
    let offset = characters.suffix(5)
    guard characters.count > 16, let sign = offset.first, sign == "+" || sign == "-",
      offset.dropFirst().allSatisfy(\.isASCII), offset.dropFirst().allSatisfy(\.isNumber)
    else { return nil }
    let digits = String(offset.dropFirst())
    return RFC3339.date(
      from: String(characters.dropLast(5)) + String(sign) + digits.prefix(2) + ":"
        + digits.suffix(2))
  }

  private static func mistyped(_ parameter: QueryParameter, _ text: String, _ expected: String)
    -> IntegrationError
  {
    .badRequest(
      "the query parameter \(parameter.name) must be \(expected), not \"\(text)\"", title: "type",
      parameter: parameter.name)
  }

  private static func decode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }
}
