/// What the shell's completion needs to know about the text before the cursor, read by the
/// tolerant lexer (the same scanner the parser uses): the word at the cursor and the words of
/// the command being typed before it.
package struct InputScan: Sendable {
  /// The words of the command being typed, before the cursor's word, as written:
  /// whitespace-separated runs of tokens from the start of the command (after the last line
  /// break, `|` or block brace, after `let NAME =`, after `expect error STATUS ["TEXT"]`).
  /// `coupons=[A,` is one word.
  package let commandWords: [String]
  /// Whether the command follows `expect error STATUS ["TEXT"]` (only API commands fit).
  package let followsExpectError: Bool
  /// The word the cursor is at the end of.
  package let cursor: CursorWord

  package init(_ text: String) {
    let source = SourceFile(name: "<input>", text: text)
    let scan = Lexer.scan(source)
    let tokens = scan.tokens.filter { $0.kind != .endOfFile }
    let end = source.bytes.count
    let cursor: CursorWord
    switch scan.ending {
    case .comment, .unreadable, .openString(_, interpolation: nil):
      cursor = .nothing(at: end)
    case .openString(_, let code?):
      cursor = Self.interpolationWord(source, code: code)
    case .plain:
      cursor = Self.word(tokens, in: source)
    }
    let head = Array(tokens.prefix { $0.range.end <= cursor.start })
    let command = CommandStart(head, in: source)
    var rest = head[command.start...]
    // `expect error STATUS ["TEXT"] `: once the status and the text are complete (a space
    // follows them).
    var followsExpectError = false
    if scan.problem == nil, rest.count >= 3, command.word(rest.startIndex, "expect"),
      command.word(rest.startIndex + 1, "error"), rest[rest.startIndex + 2].kind == .number
    {
      var after = rest.dropFirst(3)
      if let wanted = after.first, [.string, .rawString, .variable].contains(wanted.kind) {
        after = after.dropFirst()
      }
      if rest[after.startIndex - 1].range.end < cursor.start {
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
    self.cursor = Self.classified(cursor, head: head, command: command, in: source)
  }

  /// The word at the end of text that ends in a token or white space.
  private static func word(_ tokens: [Token], in source: SourceFile) -> CursorWord {
    let end = source.bytes.count
    if let reference = CursorWord.reference(endingAt: end, tokens, in: source, bareNames: false) {
      return reference
    }
    var word = CursorWord(
      text: "", kind: .word, followsSpace: false, inInterpolation: false, start: end)
    guard let last = tokens.last else { return word }
    guard last.range.end == end else {
      word.followsSpace = true
      return word
    }
    switch last.kind {
    case .word, .number:
      word.text = source.text(in: last.range)
      word.start = last.range.start
      word.followsSpace = last.spaceBefore && last.range.start > 0
    case .newline:
      word.followsSpace = true
    case .leftParen, .leftBracket, .leftBrace, .comma, .colon, .assign, .pipe:
      break
    default:
      word.kind = .nothing
    }
    return word
  }

  /// The word at the end of the code of an unfinished `"${...`, which starts at `code`: a
  /// reference (bare names are references there), or nothing.
  private static func interpolationWord(_ source: SourceFile, code: Int) -> CursorWord {
    let end = source.bytes.count
    let scan = Lexer.scan(source, range: SourceRange(start: code, end: end))
    let tokens = scan.tokens.filter { $0.kind != .endOfFile }
    guard scan.ending == .plain else { return .nothing(at: end) }
    if let reference = CursorWord.reference(endingAt: end, tokens, in: source, bareNames: true) {
      return reference
    }
    // After white space, an opening bracket, a comma or an operator: a name goes there.
    var name = CursorWord(
      text: "", kind: .referenceName, followsSpace: true, inInterpolation: true, start: end)
    if let last = tokens.last, last.range.end == end {
      switch last.kind {
      case .leftParen, .leftBracket, .leftBrace, .comma, .colon, .equal, .notEqual, .less,
        .lessEqual, .greater, .greaterEqual, .plus, .minus, .star, .slash:
        name.followsSpace = false
      default:
        return .nothing(at: end)
      }
    }
    return name
  }

  /// A bare word at the cursor, classified by where it stands in its command: the value of
  /// `key=` (or of an element of `key=[...`), nothing inside other open brackets, or a word.
  private static func classified(
    _ cursor: CursorWord, head: [Token], command: CommandStart, in source: SourceFile
  ) -> CursorWord {
    guard cursor.kind == .word else { return cursor }
    var result = cursor
    switch command.innermostOpen {
    case nil:
      guard let assign = head.indices.last, head[assign].range.end == cursor.start,
        let key = command.key(assignedAt: assign)
      else { return result }
      result.kind = .value(key: key, inList: false)
    case let open?:
      guard head[open].kind == .leftBracket, !head[open].spaceBefore, open > 0,
        let key = command.key(assignedAt: open - 1)
      else {
        result.kind = .nothing
        return result
      }
      result.kind = .value(key: key, inList: true)
    }
    return result
  }
}

/// Where the command being typed starts in the tokens before the cursor, and which of its
/// brackets are still open.
private struct CommandStart {
  let tokens: [Token]
  let source: SourceFile
  /// The index of the command's first token.
  private(set) var start = 0
  /// The index of the innermost bracket still open inside the command, if any (a block's
  /// brace starts a command and is not counted).
  private(set) var innermostOpen: Int?

  init(_ tokens: [Token], in source: SourceFile) {
    self.tokens = tokens
    self.source = source
    // Braces, innermost last: whether each opens a block. A command starts after the last
    // line break, `|`, or brace of a block.
    var braces: [Bool] = []
    // Open brackets, innermost last; nil for the brace of a block.
    var open: [Int?] = []
    for (index, token) in tokens.enumerated() {
      switch token.kind {
      case .newline, .pipe:
        start = index + 1
      case .leftParen, .leftBracket:
        open.append(index)
      case .leftBrace:
        let opensBlock =
          start < index && ["if", "else", "for", "repeat"].contains { word(start, $0) }
        braces.append(opensBlock)
        open.append(opensBlock ? nil : index)
        if opensBlock { start = index + 1 }
      case .rightBrace:
        if braces.popLast() == true { start = index + 1 }
        _ = open.popLast()
      case .rightParen, .rightBracket:
        _ = open.popLast()
      default:
        break
      }
    }
    // `let NAME =`: the value's command.
    if tokens.count >= start + 3, word(start, "let"), tokens[start + 2].kind == .assign {
      start += 3
    }
    innermostOpen = open.last ?? nil
    if let inner = innermostOpen, inner < start { innermostOpen = nil }
  }

  func word(_ index: Int, _ text: String) -> Bool {
    tokens[index].kind == .word && source.text(in: tokens[index].range) == text
  }

  /// The key of `key=` when `tokens[assign]` is its `=` (written without spaces), not the one
  /// of `let NAME =`.
  func key(assignedAt assign: Int) -> String? {
    guard tokens[assign].kind == .assign, !tokens[assign].spaceBefore, assign > 0,
      assign >= start, tokens[assign - 1].kind == .word
    else { return nil }
    return source.text(in: tokens[assign - 1].range)
  }
}
