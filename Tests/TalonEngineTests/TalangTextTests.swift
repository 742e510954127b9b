import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// The text form of rules in campaign files: a string starting with `(` wherever a rule holds an
/// expression. Both forms mean the same; text errors name the line and column and the pointer.
@Suite("Talang text form")
struct TalangTextTests {
  /// The same condition in both forms, and cart totals on either side of it.
  static let pairs: [(text: String, json: JSONValue)] = [
    ("(>= (. Session Total) 40)", [">=", [".", "Session", "Total"], 40]),
    (
      #"(and (> (. Session Total) 10) (not (= (. Session Total) 50)))"#,
      [
        "and", [">", [".", "Session", "Total"], 10],
        ["not", ["=", [".", "Session", "Total"], 50]],
      ]
    ),
    (
      "(exists (. Session CartItems) Item (>= (. Item Price) 45))",
      ["exists", [".", "Session", "CartItems"], [["Item"], [">=", [".", "Item", "Price"], 45]]]
    ),
    (
      "(between ; the sum of the item prices\n  (sum (. Session CartItems) ((I) (. I Price))) 20 60)",
      ["between", ["sum", [".", "Session", "CartItems"], [["I"], [".", "I", "Price"]]], 20, 60]
    ),
  ]

  @Test(arguments: 0..<pairs.count)
  func bothFormsMeanTheSame(_ index: Int) async throws {
    let (text, json) = Self.pairs[index]
    for total in ["5", "39.99", "40", "50", "70"] {
      let fromText = try await RuleProbe.holds(condition: .string(text), total: total)
      let fromJSON = try await RuleProbe.holds(condition: json, total: total)
      #expect(fromText == fromJSON, "\(text) at \(total)")
    }
  }

  @Test func textReadsIntoTheArrayForm() throws {
    let text = try TalangText(
      reading: #"(list 1 -2.5 true null "say \"hi\"\n" "[a-z\s]" Hello 2018-01-02T19:04:05Z)"#,
      at: "/x")
    #expect(
      text.json == [
        "list", 1, .number(Decimal(exactly: "-2.5")), true, .null, "say \"hi\"\n", #"[a-z\s]"#,
        "Hello", "2018-01-02T19:04:05Z",
      ])
    #expect(text.positions["/3"].map { [$0.line, $0.column] } == [1, 14])
  }

  /// Writing the array form as text and reading it back gives the same array.
  @Test func textOfAnExpressionReadsBack() throws {
    let tricky: JSONValue = [
      "list", "(x)", "true", "12", "a b", #"back\slash"#, "", "say \"hi\"", "line\nbreak", .null,
      false, .number(Decimal(exactly: "-0.5")), "2018-01-02T19:04:05Z", ["list"],
    ]
    for json in Self.pairs.map(\.json) + [tricky] {
      let text = TalangText.text(of: json)
      #expect(try TalangText(reading: text, at: "").json == json, "\(text)")
    }
    #expect(
      TalangText.text(of: Self.pairs[0].json) == "(>= (. Session Total) 40)")
  }

  @Test func bindingsEffectsAndEffectArgumentsTakeText() async throws {
    let pack: JSONValue = [
      "application": ["id": 1],
      "campaigns": [
        [
          "id": 1, "name": "Text",
          "ruleset": [
            "rules": [
              [
                "title": "text everywhere",
                "bindings": [["name": "Big", "expression": "(* (. Session Total) 2)"]],
                "condition": "(> (. Big) 50)",
                "effects": [
                  "(setDiscount \"tenth\" (/ (. Session Total) 10))",
                  ["setDiscount", "arg", "(- (. Big) (. Session Total) 25)"],
                  "(showNotification \"info\" \"(limited)\" (toString (. Big)))",
                ],
              ]
            ]
          ],
        ]
      ],
    ]
    let test = try TestEngine(json: pack.jsonText)
    let state = try await test.v2(
      "s", NewCustomerSessionV2(profileId: "p", cartItems: [item("A", "30")]))
    #expect(state.effects.of("setDiscount").map { $0.props["value"] } == [3, 5])
    let notification = try #require(state.effects.of("showNotification").first)
    #expect(notification.props["title"] == "(limited)" && notification.props["body"] == "60")
    let small = try await test.v2(
      "s2", NewCustomerSessionV2(profileId: "p", cartItems: [item("A", "20")]))
    #expect(small.effects.of("setDiscount").isEmpty)
  }

  /// `set` and `setTemplate` last for one rule: its condition and effects see them, the next
  /// rule does not.
  @Test func variablesAndTemplatesLiveForOneRule() async throws {
    let pack: JSONValue = [
      "application": ["id": 1],
      "campaigns": [
        [
          "id": 1, "name": "Scopes",
          "ruleset": [
            "rules": [
              [
                "title": "sets",
                "condition":
                  "(= null (set Share 2) (setTemplate \"half(Decimal)Decimal\" (/ (# 0) 2)))",
                "effects": ["(setDiscount \"one\" (! half (+ (. Share) (. Session Total))))"],
              ],
              [
                "title": "sees nothing",
                "condition":
                  "(and (= (.| \"none\" (. Share)) \"none\") (= (catch \"none\" (! half 2)) \"none\"))",
                "effects": ["(setDiscount \"two\" 1)"],
              ],
            ]
          ],
        ]
      ],
    ]
    let test = try TestEngine(json: pack.jsonText)
    let state = try await test.v2(
      "s", NewCustomerSessionV2(profileId: "p", cartItems: [item("A", "30")]))
    #expect(
      state.effects.of("setDiscount").map { [$0.props["name"], $0.props["value"]] } == [
        ["one", 16], ["two", 1],
      ])
  }

  /// A broken text names its line and column inside the string and the string's pointer.
  @Test(arguments: [
    ("(>= (. Session Total) 40", "line 1, column 1: '(' at line 1, column 1 is never closed"),
    (
      "(and\n  (>= (. Session Total) 40)\n  (frobnicate 1))",
      "line 3, column 3: unknown operator 'frobnicate'"
    ),
    ("(not true false)", "line 1, column 1: 'not' takes 1 argument, got 2"),
    ("(= 1 1))", "line 1, column 8: unexpected text after the expression"),
    ("(= \"open 1)", "line 1, column 4: this string is never closed"),
    ("(and true\n (setDiscount \"x\" 1))", "line 2, column 2: 'setDiscount' is an effect"),
    ("(map (list 1) (x))", "line 1, column 15: expected a lambda"),
  ])
  func textErrorsAreLocated(_ condition: String, _ expected: String) throws {
    let pack: JSONValue = [
      "application": ["id": 1],
      "campaigns": [
        [
          "id": 1, "name": "Broken",
          "ruleset": ["rules": [["title": "t", "condition": .string(condition), "effects": []]]],
        ]
      ],
    ]
    let error = try #require(throws: CampaignFileError.self) {
      try CampaignPack.parse(Data(pack.jsonText.utf8), source: "broken.json")
    }
    #expect(error.pointer == "/campaigns/0/ruleset/rules/0/condition")
    #expect(error.message.contains(expected), "\(error.message)")
  }

  @Test func deepNestingIsRefusedNotOverflowed() {
    let text = String(repeating: "(not ", count: 100_000)
    #expect(throws: CampaignFileError.self) { try TalangText(reading: text, at: "/c") }
  }

  @Test func effectTextErrorsAreLocated() throws {
    let pack: JSONValue = [
      "application": ["id": 1],
      "campaigns": [
        [
          "id": 1, "name": "Broken",
          "ruleset": [
            "rules": [
              [
                "title": "t", "condition": true,
                "effects": [["setDiscount", "x", "(* (. Session Total)\n 0.1 (nope))"]],
              ]
            ]
          ],
        ]
      ],
    ]
    let error = try #require(throws: CampaignFileError.self) {
      try CampaignPack.parse(Data(pack.jsonText.utf8), source: "broken.json")
    }
    #expect(error.pointer == "/campaigns/0/ruleset/rules/0/effects/0/2")
    #expect(error.message.contains("line 2, column 6: unknown operator 'nope'"), "\(error.message)")
  }
}
