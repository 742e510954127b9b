import Foundation
import TalonAPI

/// Snapshot expectations: `expect` lines that pin down what an API command answered (the
/// effects with their types and props, rejection reasons among them, the session's totals and
/// state, a referral's code), each marked with a trailing `# snapshot`. A recording made with
/// `record start FILE snapshot` writes them after every API command, so the recording is a
/// regression test; `talon run --update` rewrites only the marked lines.
///
/// Decided in `docs/behaviour.md`, "Recordings": one line per fact, so a failure shows the one
/// value that changed; effects are counted first, so an effect more or less fails too.
public enum SnapshotExpectations {
  /// The comment that marks a line as a snapshot.
  public static let marker = "# snapshot"

  /// Whether `line` is a snapshot expectation: an `expect` statement ending in the marker.
  public static func isMarked(_ line: some StringProtocol) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return trimmed.hasPrefix("expect ") && trimmed.hasSuffix(marker)
  }

  /// The marked `expect` lines for `last`, the value of `$last` after an API command.
  public static func lines(for last: JSONValue) -> [String] {
    facts(last).map { "expect \($0.path) == \(literal($0.value))  \(marker)" }
  }

  /// Each fact as a reference path and the value it had.
  static func facts(_ last: JSONValue) -> [(path: String, value: JSONValue)] {
    guard case .object(let answer) = last else { return [] }
    var facts: [(path: String, value: JSONValue)] = []
    if case .array(let effects) = answer["effects"] {
      facts.append(("len($last.effects)", .number(Decimal(effects.count))))
      for (index, effect) in effects.enumerated() {
        let path = "$last.effects[\(index)]"
        if case .object(let fields) = effect, let type = fields["effectType"] {
          facts.append(("\(path).effectType", type))
          if let props = fields["props"] { facts.append(("\(path).props", props)) }
        } else {
          facts.append((path, effect))
        }
      }
    } else if case .object(let event) = answer["event"], case .array(let effects) = event["effects"]
    {
      facts.append(("len($last.event.effects)", .number(Decimal(effects.count))))
      for (index, effect) in effects.enumerated() {
        facts.append(("$last.event.effects[\(index)]", effect))
      }
    }
    for name in ["customerSession", "session"] {
      guard case .object(let session) = answer[name] else { continue }
      for field in ["total", "cartItemTotal", "additionalCostTotal", "state"] {
        if let value = session[field] { facts.append(("$last.\(name).\(field)", value)) }
      }
    }
    if case .string = answer["code"], let code = answer["code"] {
      facts.append(("$last.code", code))
    }
    return facts
  }

  /// `value` as a literal of the language: JSON, with `$` escaped so that strings never
  /// interpolate.
  static func literal(_ value: JSONValue) -> String {
    value.jsonText.replacingOccurrences(of: "$", with: "\\$")
  }
}

extension StatementResult {
  /// Whether the statement called the API, itself or in its blocks and scripts: the statements
  /// a snapshot follows. A passing `expect error` is an expectation already and does not count.
  public var calledAPI: Bool {
    if case .expectation = kind { return false }
    return !apiCalls.isEmpty || nested.contains { !$0.apiCalls.isEmpty }
  }
}
