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
  func stop(_ number: Int, of count: Int, statement: Statement, caption: String?) {
    let location = "\(statement.location.file):\(statement.location.line)"
    console.line(
      "\n" + console.styled("── step \(number) of \(count)", .cyan) + " "
        + console.styled("· \(location)", .dim))
    if let caption {
      for line in CaptionText.lines(caption, color: console.color) { console.line("  " + line) }
    }
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
    console.line(indented(ResultRenderer(format: .pretty, color: console.color).render(value: value)))
  }

  private func indented(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
      .joined(separator: "\n")
  }
}

/// Narration text (Markdown-light) as styled terminal lines: `#` headings bold,
/// `**bold**` bold, `- ` and `* ` items as bullets; other lines as written.
enum CaptionText {
  static func lines(_ text: String, color: Bool) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { raw in
      let line = String(raw)
      let trimmed = line.drop { $0 == " " }
      if trimmed.hasPrefix("#") {
        let heading = trimmed.drop { $0 == "#" }.drop { $0 == " " }
        return ANSIStyle.bold.apply(String(heading), enabled: color)
      }
      if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
        return "  • " + inline(String(trimmed.dropFirst(2)), color: color)
      }
      return inline(line, color: color)
    }
  }

  /// `**bold**` spans in bold (the markers dropped).
  static func inline(_ text: String, color: Bool) -> String {
    let parts = text.components(separatedBy: "**")
    guard parts.count >= 3 else { return text }
    var result = ""
    for (index, part) in parts.enumerated() {
      let closed = index % 2 == 1 && index < parts.count - 1
      result += closed ? ANSIStyle.bold.apply(part, enabled: color) : (index % 2 == 1 ? "**" + part : part)
    }
    return result
  }
}
