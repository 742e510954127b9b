/// What the tolerant lexer found in unfinished input.
struct LexerScan: Sendable {
  var tokens: [Token]
  /// The first thing that would be a syntax error, if any (lexing went on after it).
  var problem: ScriptError?
  /// The brackets still open at the end, innermost last.
  var open: [TokenKind]
  /// The input ends with `\` (and spaces): the statement goes on on the next line.
  var continuesAtEnd: Bool
  /// What the input ends in after its last token.
  var ending: ScanEnding

  /// Whether the shell should read another line: a bracket is open or the line continues.
  var isIncomplete: Bool { !open.isEmpty || continuesAtEnd }
}

/// What unfinished input ends in after its last token (for completion, which must not offer
/// words inside a comment or the text of a string).
enum ScanEnding: Sendable, Equatable {
  /// The last token, white space, or nothing at all.
  case plain
  /// A `#` comment.
  case comment
  /// A string that is not closed: where it starts, and, when the end lies in the code of one
  /// of its `${...}` interpolations, where that code starts (just after `${`).
  case openString(start: Int, interpolation: Int?)
  /// Bytes the lexer could not read.
  case unreadable
}

/// Turns source bytes into tokens. It never fails silently: an unexpected character, an
/// unterminated string or a malformed digit-led token is a located parse error.
///
/// Decisions: newlines are always tokens (the parser skips them inside brackets and objects);
/// `\` before a line break joins the lines; after `{` or `,` a word stops at `:` so that
/// unquoted object keys work (`{tier: gold}`); `.` followed by a letter starts a path field.
struct Lexer {
  let source: SourceFile
  private let bytes: [UInt8]
  private var index: Int
  private let end: Int
  private var tokens: [Token] = []
  private var spaceBefore = true
  /// Tolerant mode (``scan(_:)``): errors are noted and skipped instead of thrown.
  private var tolerant = false
  private var problem: ScriptError?
  private var continuesAtEnd = false
  private var ending = ScanEnding.plain
  /// Where a malformed token that was just reported ends (recovery goes on after it).
  private var unreadableEnd: Int?

  /// Lexes the whole file, or the byte range `range` of it (for `${...}` interpolations).
  init(source: SourceFile, range: SourceRange? = nil) {
    self.source = source
    self.bytes = source.bytes
    self.index = range?.start ?? 0
    self.end = min(range?.end ?? source.bytes.count, source.bytes.count)
  }

  static func tokenize(_ source: SourceFile, range: SourceRange? = nil) throws(ScriptError)
    -> [Token]
  {
    var lexer = Lexer(source: source, range: range)
    return try lexer.run()
  }

  /// Lexes text that may be unfinished or wrong (what the shell has typed so far), all of it
  /// or the byte range `range` (the code of an unfinished `${...}`): never throws; says where
  /// it stopped, which brackets are open and whether the last line asks for a continuation.
  static func scan(_ source: SourceFile, range: SourceRange? = nil) -> LexerScan {
    var lexer = Lexer(source: source, range: range)
    lexer.tolerant = true
    let tokens = (try? lexer.run()) ?? lexer.tokens
    // A stray closer counts against the openers before it, so `echo } {` is complete.
    var open: [TokenKind] = []
    var depth = 0
    for token in tokens {
      switch token.kind {
      case .leftParen, .leftBracket, .leftBrace:
        open.append(token.kind)
        depth += 1
      case .rightParen, .rightBracket, .rightBrace:
        if !open.isEmpty { open.removeLast() }
        depth -= 1
      default: break
      }
    }
    return LexerScan(
      tokens: tokens, problem: lexer.problem, open: depth > 0 ? open : [],
      continuesAtEnd: lexer.continuesAtEnd, ending: lexer.ending)
  }

  private mutating func run() throws(ScriptError) -> [Token] {
    while index < end {
      let byte = bytes[index]
      do throws(ScriptError) {
        if CharacterClass.isSpace(byte) {
          index += 1
          spaceBefore = true
          ending = .plain
        } else if byte == UInt8(ascii: "#") {
          let start = index
          while index < end, bytes[index] != UInt8(ascii: "\n") { index += 1 }
          if !tolerant, startsNarration(at: start) {
            let stop = index
            add(.caption, from: start, to: stop)
          }
          ending = .comment
        } else if byte == UInt8(ascii: "\\") {
          try lineContinuation()
        } else if byte == UInt8(ascii: "\n") {
          add(.newline, from: index, to: index + 1)
          spaceBefore = true
        } else {
          try token(startingWith: byte)
        }
      } catch {
        guard tolerant else { throw error }
        recover(from: error, at: byte)
      }
    }
    add(.endOfFile, from: end, to: end)
    return tokens
  }

  /// Tolerant mode: notes the first problem and goes on after it (a broken string to the end
  /// of its line, a malformed digit-led token after its end, anything else by one byte).
  private mutating func recover(from failure: ScriptError, at byte: UInt8) {
    if problem == nil { problem = failure }
    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
      var code: Int?
      if byte == UInt8(ascii: "\""),
        case .open(let start) = QuotedText.scan(bytes, from: index + 1, end: end, in: .string)
      {
        code = start
      }
      ending = .openString(start: index, interpolation: code)
      while index < end, bytes[index] != UInt8(ascii: "\n") { index += 1 }
    } else {
      ending = .unreadable
      index = max(index + 1, unreadableEnd ?? 0)
    }
    unreadableEnd = nil
    spaceBefore = true
  }

  /// Whether the `#` at `start` begins a narration line: `#>` with nothing but spaces before it
  /// on its line, right after a line break (or at the start of the file). Anywhere else `#>`
  /// is an ordinary comment; the tolerant scan of the shell never makes captions.
  private func startsNarration(at start: Int) -> Bool {
    guard start + 1 < end, bytes[start + 1] == UInt8(ascii: ">") else { return false }
    var before = start
    while before > 0, bytes[before - 1] == UInt8(ascii: " ") || bytes[before - 1] == 0x09 {
      before -= 1
    }
    guard before == 0 || bytes[before - 1] == UInt8(ascii: "\n") else { return false }
    guard let previous = tokens.last else { return before == 0 }
    return previous.kind == .newline
  }

  private mutating func add(_ kind: TokenKind, from start: Int, to stop: Int) {
    tokens.append(
      Token(kind: kind, range: SourceRange(start: start, end: stop), spaceBefore: spaceBefore))
    index = stop
    spaceBefore = false
    if kind != .endOfFile { ending = .plain }
  }

  private func peek(_ offset: Int = 1) -> UInt8? {
    index + offset < end ? bytes[index + offset] : nil
  }

  private func error(_ message: String, at offset: Int) -> ScriptError {
    ScriptError(.parse, message, at: offset, in: source)
  }

  private mutating func lineContinuation() throws(ScriptError) {
    var next = index + 1
    while next < end, CharacterClass.isSpace(bytes[next]) { next += 1 }
    guard next >= end || bytes[next] == UInt8(ascii: "\n") else {
      throw error(
        "unexpected '\\' (a backslash continues a statement only at the end of a line)", at: index)
    }
    continuesAtEnd = next >= end
    index = min(next + 1, end)
    spaceBefore = true
    ending = .plain
  }

  private mutating func token(startingWith byte: UInt8) throws(ScriptError) {
    let start = index
    if spaceBefore, atRunPath, !"\"'$(|}:=,".utf8.contains(byte) {
      runPath()
      return
    }
    switch byte {
    case UInt8(ascii: "("): add(.leftParen, from: start, to: start + 1)
    case UInt8(ascii: ")"): add(.rightParen, from: start, to: start + 1)
    case UInt8(ascii: "["): add(.leftBracket, from: start, to: start + 1)
    case UInt8(ascii: "]"): add(.rightBracket, from: start, to: start + 1)
    case UInt8(ascii: "{"): add(.leftBrace, from: start, to: start + 1)
    case UInt8(ascii: "}"): add(.rightBrace, from: start, to: start + 1)
    case UInt8(ascii: ","): add(.comma, from: start, to: start + 1)
    case UInt8(ascii: ":"): add(.colon, from: start, to: start + 1)
    case UInt8(ascii: "|"): add(.pipe, from: start, to: start + 1)
    case UInt8(ascii: "+"): add(.plus, from: start, to: start + 1)
    case UInt8(ascii: "-"): add(.minus, from: start, to: start + 1)
    case UInt8(ascii: "*"): add(.star, from: start, to: start + 1)
    case UInt8(ascii: "/"): add(.slash, from: start, to: start + 1)
    case UInt8(ascii: "="):
      if peek() == UInt8(ascii: "=") {
        add(.equal, from: start, to: start + 2)
      } else {
        add(.assign, from: start, to: start + 1)
      }
    case UInt8(ascii: "!"):
      guard peek() == UInt8(ascii: "=") else {
        throw error("unexpected '!' (write 'not' for negation, '!=' for inequality)", at: start)
      }
      add(.notEqual, from: start, to: start + 2)
    case UInt8(ascii: "<"):
      if peek() == UInt8(ascii: "=") {
        add(.lessEqual, from: start, to: start + 2)
      } else {
        add(.less, from: start, to: start + 1)
      }
    case UInt8(ascii: ">"):
      if peek() == UInt8(ascii: "=") {
        add(.greaterEqual, from: start, to: start + 2)
      } else {
        add(.greater, from: start, to: start + 1)
      }
    case UInt8(ascii: "."):
      add(.dot, from: start, to: start + 1)
      if index < end, CharacterClass.isIdentifier(bytes[index]) {
        var stop = index
        while stop < end, CharacterClass.isIdentifier(bytes[stop]) { stop += 1 }
        add(.field, from: index, to: stop)
      }
    case UInt8(ascii: "$"):
      var stop = start + 1
      while stop < end, CharacterClass.isIdentifier(bytes[stop]) { stop += 1 }
      add(stop == start + 1 ? .dollar : .variable, from: start, to: stop)
    case UInt8(ascii: "\""):
      try doubleQuoted()
    case UInt8(ascii: "'"):
      var stop = start + 1
      while stop < end, bytes[stop] != UInt8(ascii: "'"), bytes[stop] != UInt8(ascii: "\n") {
        stop += 1
      }
      guard stop < end, bytes[stop] == UInt8(ascii: "'") else {
        throw error(
          "unterminated string (a single-quoted string ends with ' on the same line)", at: start)
      }
      add(.rawString, from: start, to: stop + 1)
    default:
      if CharacterClass.isLetter(byte) {
        word()
      } else if CharacterClass.isDigit(byte) {
        try digitLed()
      } else {
        throw error("unexpected character \(describe(byte))", at: start)
      }
    }
  }

  private func describe(_ byte: UInt8) -> String {
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    if byte >= 0x80,
      let character = String(decoding: bytes[index..<min(index + 4, end)], as: UTF8.self).first,
      character != "\u{FFFD}"
    {
      return "'\(character)' (quote text that is not ASCII)"
    }
    let hex = String(byte, radix: 16, uppercase: true)
    return "0x" + (hex.count == 1 ? "0" + hex : hex)
  }

  /// After the words of a command whose first argument is a path (`run`, `record start`, at
  /// the start of a statement), the next token is a path: `../lib/x.tw`, `/tmp/a.tw`.
  private var atRunPath: Bool {
    CommandTable.pathCommands.contains { words in
      guard tokens.count >= words.count else { return false }
      let last = tokens.suffix(words.count)
      guard
        zip(last, words).allSatisfy({ token, word in
          token.kind == .word && source.text(in: token.range) == word
        })
      else { return false }
      guard tokens.count > words.count else { return true }
      let before = tokens[tokens.count - words.count - 1].kind
      return before == .newline || before == .leftBrace || before == .pipe || before == .assign
    }
  }

  /// A path after `run` (or `record start`): everything up to white space or a character that ends a statement.
  private mutating func runPath() {
    var stop = index
    while stop < end {
      let byte = bytes[stop]
      if CharacterClass.isSpace(byte) || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "#")
        || byte == UInt8(ascii: "|") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "\\")
      {
        break
      }
      stop += 1
    }
    add(.word, from: index, to: stop)
  }

  /// Whether the previous token (skipping line breaks) makes this word an object key.
  private var atKeyPosition: Bool {
    guard let previous = tokens.last(where: { $0.kind != .newline && $0.kind != .caption })
    else { return false }
    return previous.kind == .leftBrace || previous.kind == .comma
  }

  private mutating func word() {
    let keyPosition = atKeyPosition
    var stop = index + 1
    while stop < end, CharacterClass.isWord(bytes[stop]) {
      if keyPosition, bytes[stop] == UInt8(ascii: ":") { break }
      stop += 1
    }
    add(.word, from: index, to: stop)
  }

  private mutating func digitLed() throws(ScriptError) {
    let start = index
    var stop = start
    var sawTime = false
    while stop < end {
      let byte = bytes[stop]
      if byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t") { sawTime = true }
      if CharacterClass.isWord(byte) {
        stop += 1
      } else if byte == UInt8(ascii: "+"), stop > start,
        sawTime || bytes[stop - 1] == UInt8(ascii: "e") || bytes[stop - 1] == UInt8(ascii: "E")
      {
        stop += 1
      } else {
        break
      }
    }
    let text = source.text(in: SourceRange(start: start, end: stop))
    switch DigitLedToken.classify(Substring(text)) {
    case .number: add(.number, from: start, to: stop)
    case .text: add(.word, from: start, to: stop)
    case nil:
      unreadableEnd = stop
      throw error(
        "'\(text)' is not a number; quote it (\"\(text)\") if it is text, or put spaces around operators",
        at: start)
    }
  }

  /// A double-quoted string: escapes and `${...}` interpolations (which may nest strings and
  /// braces) are skipped here and decoded by the parser. Strings end on their line.
  private mutating func doubleQuoted() throws(ScriptError) {
    let start = index
    guard let close = QuotedText.close(bytes, from: start + 1, end: end, in: .string) else {
      throw error(
        "unterminated string (a double-quoted string ends with \" on the same line)", at: start)
    }
    add(.string, from: start, to: close + 1)
  }
}
