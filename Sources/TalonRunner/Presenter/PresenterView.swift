import TalonAPI
import TalonRendering
import TalonScript

/// What presenter mode prints: a stop (its number, caption and statement, then the keys), a
/// step's result as people read it (the summary view: effects in words, receipts), notes, and
/// on request the full JSON. No wire lines, and each statement is printed once.
struct PresenterView {
  let console: Console
  /// No key hints with `--auto`.
  let showsKeys: Bool
  var format: OutputFormat

  static let keys =
    "[Enter] next  [b] back  [g N] go to  [v] JSON  [e] explain  [!] shell  [s] skip  [q] quit "

  /// A stop: `── step 3 of 12 · demo.tw:21`, the caption, the statement.
  func stop(_ number: Int, of count: Int, statement: Statement, caption: Caption?) {
    let location = "\(statement.location.file):\(statement.location.line)"
    console.line(
      "\n" + console.styled("── step \(number) of \(count)", .cyan) + " "
        + console.styled("· \(location)", .dim))
    if let caption {
      console.line(CaptionText.terminal(caption, width: console.width, color: console.color))
    }
    // A caption standing alone has no statement of its own to show.
    if statement.isNarration { return }
    for line in statement.text.split(separator: "\n", omittingEmptySubsequences: false) {
      console.line("  " + console.styled("> ", .dim) + console.styled(String(line), .bold))
    }
  }

  /// The keys, on the line the presenter answers on.
  func prompt() {
    guard showsKeys else { return }
    console.write(console.styled(Self.keys, .dim))
  }

  /// Ends the prompt line once a key was pressed.
  func answered() {
    if showsKeys { console.line("") }
  }

  /// The end of the demo, and (with a presenter) what can still be done.
  func end(steps: Int) {
    console.line("\n" + console.styled("── end of the demo (\(steps) steps)", .cyan))
    guard showsKeys else { return }
    console.write(console.styled("[Enter] finish  [b] back  [g N] go to  [q] quit ", .dim))
  }

  /// A result as people read it; nothing for results without a view.
  func result(_ result: StatementResult) {
    let text = ResultRenderer(format: format, color: console.color).render(result)
    if !text.isEmpty { console.line(indented(text)) }
  }

  /// `echo` text, as is.
  func output(_ text: String) {
    console.line(text.hasSuffix("\n") ? String(text.dropLast()) : text)
  }

  /// A note: a failed `expect`, an API error, a skip, what a key cannot do.
  func note(_ text: String) {
    console.line(console.styled("note: ", .yellow) + text)
  }

  /// The full JSON of a value (`v`).
  func json(_ value: JSONValue) {
    console.line(
      indented(ResultRenderer(format: .pretty, color: console.color).render(value: value)))
  }

  private func indented(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
      .joined(separator: "\n")
  }
}
