/// What the shell's completion needs to know about the text before the cursor, read by the
/// tolerant lexer (the same scanner the parser uses): the words of the command being typed.
public struct InputScan: Sendable {
  /// The words of the command being typed, as written: whitespace-separated runs of tokens
  /// from the start of the command (after the last line break, `|` or block brace, after
  /// `let NAME =`, after `expect error STATUS ["TEXT"]`). `coupons=[A,` is one word.
  public let commandWords: [String]
  /// Whether the command follows `expect error STATUS ["TEXT"]` (only API commands fit).
  public let followsExpectError: Bool

  public init(_ text: String) {
    let source = SourceFile(name: "<input>", text: text)
    let scan = Lexer.scan(source)
    let tokens = scan.tokens.filter { $0.kind != .endOfFile }
    func word(_ token: Token, _ text: String) -> Bool {
      token.kind == .word && source.text(in: token.range) == text
    }
    // The command starts after the last line break, `|`, or brace of a block.
    var start = 0
    var braces: [Bool] = []
    for (index, token) in tokens.enumerated() {
      switch token.kind {
      case .newline, .pipe:
        start = index + 1
      case .leftBrace:
        let opensBlock =
          start < index && ["if", "else", "for", "repeat"].contains { word(tokens[start], $0) }
        braces.append(opensBlock)
        if opensBlock { start = index + 1 }
      case .rightBrace:
        if braces.popLast() == true { start = index + 1 }
      default:
        break
      }
    }
    var rest = tokens[start...]
    // `let NAME =`: the value's command.
    if rest.count >= 3, word(rest[rest.startIndex], "let"),
      rest[rest.startIndex + 2].kind == .assign
    {
      rest = rest.dropFirst(3)
    }
    // `expect error STATUS ["TEXT"] `: once the status and the text are complete (a space
    // follows them).
    var followsExpectError = false
    if scan.problem == nil, rest.count >= 3, word(rest[rest.startIndex], "expect"),
      word(rest[rest.startIndex + 1], "error"), rest[rest.startIndex + 2].kind == .number
    {
      var after = rest.dropFirst(3)
      if let wanted = after.first, [.string, .rawString, .variable].contains(wanted.kind) {
        after = after.dropFirst()
      }
      if rest[after.startIndex - 1].range.end < source.bytes.count {
        rest = after
        followsExpectError = true
      }
    }
    var words: [String] = []
    var wordStart: Int?
    var wordEnd = 0
    for token in rest {
      if token.spaceBefore, let begin = wordStart {
        words.append(source.text(in: SourceRange(start: begin, end: wordEnd)))
        wordStart = nil
      }
      if wordStart == nil { wordStart = token.range.start }
      wordEnd = token.range.end
    }
    if let begin = wordStart {
      words.append(source.text(in: SourceRange(start: begin, end: wordEnd)))
    }
    self.commandWords = words
    self.followsExpectError = followsExpectError
  }
}
