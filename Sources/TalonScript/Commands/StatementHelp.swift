/// The help of a statement (`let`, `expect`, `if`, `for`, `repeat`): statements are parsed
/// by the parser itself, not through the command table, but `help` explains them alike.
struct StatementHelp: Sendable {
  var words: [String]
  var usage: String
  var summary: String
  var details: String = ""
  var examples: [String]

  static let all: [StatementHelp] = [
    StatementHelp(
      words: ["let"], usage: "let NAME = VALUE|COMMAND",
      summary: "keep a value or a command's result in $NAME",
      details: "After '=' an unknown word is a string: let tier = gold.",
      examples: ["let total = 2 * 19.99", "let effects = session update | .effects"]),
    StatementHelp(
      words: ["expect"], usage: "expect CONDITION [\"MESSAGE\"]",
      summary: "fail the script (exit 1) unless the condition holds",
      examples: ["expect len($last.effects) == 1 \"one effect\""]),
    StatementHelp(
      words: ["expect", "error"], usage: "expect error STATUS [\"TEXT\"] COMMAND ...",
      summary: "the API command must fail with this HTTP status (and an error containing TEXT)",
      examples: ["expect error 404 \"not found\" profile inventory nobody"]),
    StatementHelp(
      words: ["if"], usage: "if CONDITION { ... } [else if CONDITION { ... }] [else { ... }]",
      summary: "run a block when a condition holds",
      details: "'else' goes on the line of the closing '}'.",
      examples: [
        "if len($last.effects) > 0 {\n    echo \"got effects\"\n  } else {\n    echo none\n  }"
      ]),
    StatementHelp(
      words: ["for"], usage: "for NAME in LIST|OBJECT { ... }",
      summary: "run a block for each element of a list (or each key of an object)",
      examples: ["for code in [SUMMER10, WELCOME] {\n    session update coupons=[$code]\n  }"]),
    StatementHelp(
      words: ["repeat"], usage: "repeat COUNT { ... }", summary: "run a block COUNT times",
      examples: ["repeat 3 {\n    event track viewed_page\n  }"]),
    StatementHelp(
      words: ["|"], usage: "COMMAND | COMMAND, COMMAND | .path, COMMAND | EXPRESSION",
      summary: "pipe: the next stage sees the previous result as $",
      examples: ["session update | .effects[0].props"]),
  ]
}
