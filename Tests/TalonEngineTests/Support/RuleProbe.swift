import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// Evaluates Talang expressions through a real engine: each expression becomes one rule of one
/// campaign whose effect shows `(toString (list EXPRESSION))` as a notification, and one session
/// update of a profile with `profileAttributes` runs them all. The conformance table reaches the
/// engine only through here (and `TestEngine`), so a change of `IntegrationAPI`'s shape touches
/// these helpers rather than the table.
enum RuleProbe {
  /// The value of each expression (as JSON), or nil where its rule failed (and was skipped).
  static func evaluate(_ expressions: [String], profileAttributes: JSONValue = [:]) async throws
    -> [JSONValue?]
  {
    let rules: [JSONValue] = expressions.enumerated().map { index, text in
      [
        "title": .string("example \(index)"), "condition": true,
        "effects": [
          ["showNotification", "talang", .string("\(index)"), .string("(toString (list \(text)))")]
        ],
      ]
    }
    let pack: JSONValue = [
      "application": ["id": 1],
      "campaigns": [["id": 1, "name": "Conformance", "ruleset": ["rules": .array(rules)]]],
    ]
    let test = try TestEngine(json: pack.jsonText)
    try await test.profile("probe", profileAttributes)
    let state = try await test.v2("probe-session", NewCustomerSessionV2(profileId: "probe"))
    var results = [JSONValue?](repeating: nil, count: expressions.count)
    for effect in state.effects.of("showNotification") {
      guard let title = effect.props["title"]?.stringValue, let index = Int(title),
        let body = effect.props["body"]?.stringValue
      else { continue }
      results[index] = try JSONValue(parsing: body)[0]
    }
    return results
  }

  /// Loads a one-rule campaign whose condition is `condition` and tells whether it holds for a
  /// session of `total` (the rule's effect is a discount of 1).
  static func holds(condition: JSONValue, bindings: JSONValue = [], total: String) async throws
    -> Bool
  {
    let pack: JSONValue = [
      "application": ["id": 1],
      "campaigns": [
        [
          "id": 1, "name": "Probe",
          "ruleset": [
            "rules": [
              [
                "title": "probe", "bindings": bindings, "condition": condition,
                "effects": [["setDiscount", "probe", 1]],
              ]
            ]
          ],
        ]
      ],
    ]
    let test = try TestEngine(json: pack.jsonText)
    let state = try await test.v2(
      "probe-session", NewCustomerSessionV2(profileId: "probe", cartItems: [item("A", total)]))
    return !state.effects.of("setDiscount").isEmpty
  }
}
