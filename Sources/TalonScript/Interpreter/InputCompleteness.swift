/// Decides whether shell input needs a continuation line, from the tolerant lexer: brackets
/// still open outside strings and comments, or a final `\`. A string left open on its line is
/// not a reason to continue (strings end on their line; the parser reports it).
enum InputCompleteness {
  static func isIncomplete(_ text: String) -> Bool {
    Lexer.scan(SourceFile(name: "<input>", text: text)).isIncomplete
  }
}
