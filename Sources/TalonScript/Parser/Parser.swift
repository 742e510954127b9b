import Foundation
import TalonAPI

/// Builds statements from tokens. Recursive descent; every error is a located `.parse`
/// `ScriptError`. Nesting (blocks, brackets, parentheses) is bounded so hostile input cannot
/// exhaust the stack.
struct Parser {
  let source: SourceFile
  var tokens: [Token]
  var position = 0
  /// Inside `${...}`: bare words are references (`${args.who}`).
  let interpolation: Bool
  /// A file or a shell session: shell-only commands are errors in a file.
  var origin: ScriptOrigin = .file
  var nesting = 0
  static let maximumNesting = 64

  init(source: SourceFile, tokens: [Token], interpolation: Bool = false) {
    self.source = source
    self.tokens = tokens
    self.interpolation = interpolation
  }

  /// Parses a whole program.
  static func parse(_ source: SourceFile, origin: ScriptOrigin = .file) throws(ScriptError)
    -> Program
  {
    var parser = Parser(source: source, tokens: try Lexer.tokenize(source))
    parser.origin = origin
    var statements: [Statement] = []
    while true {
      let captions = parser.captions()
      let atEnd = parser.current.kind == .endOfFile
      statements += parser.narrations(captions, atEnd: atEnd)
      if atEnd { break }
      var statement = try parser.statement(inBlock: false)
      statement.caption = captions.last
      statements.append(statement)
    }
    return Program(source: source, statements: statements)
  }

  // MARK: Token access

  var current: Token { tokens[min(position, tokens.count - 1)] }

  func peek(_ offset: Int = 1) -> Token { tokens[min(position + offset, tokens.count - 1)] }

  var previousEnd: Int { position > 0 ? tokens[min(position, tokens.count) - 1].range.end : 0 }

  func text(of token: Token) -> String { source.text(in: token.range) }

  @discardableResult
  mutating func advance() -> Token {
    let token = current
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  /// Skips line breaks, and captions too: inside brackets and objects a `#>` line is only a
  /// comment.
  mutating func skipNewlines() {
    while current.kind == .newline || current.kind == .caption { advance() }
  }

  /// Skips line breaks between statements and collects the captions among them: consecutive
  /// `#>` lines (one line break apart) make one caption.
  mutating func captions() -> [Caption] {
    var captions: [Caption] = []
    var lines: [String] = []
    var first: Token?
    var last: Token?
    var breaks = 0
    func close() {
      if let first, let last, !lines.isEmpty {
        captions.append(
          Caption(
            lines: lines, location: source.location(of: first.range.start),
            range: first.range.union(last.range)))
      }
      lines = []
      first = nil
    }
    while current.kind == .newline || current.kind == .caption {
      let token = advance()
      if token.kind == .newline {
        breaks += 1
        continue
      }
      if breaks > 1 { close() }
      breaks = 0
      if first == nil { first = token }
      last = token
      lines.append(captionLine(token))
    }
    close()
    return captions
  }

  /// The text of a `#>` line: after `#>` and one space, without trailing white space.
  private func captionLine(_ token: Token) -> String {
    var text = Substring(self.text(of: token)).dropFirst(2)
    if text.first == " " { text = text.dropFirst() }
    while let last = text.last, last == " " || last == "\t" || last == "\r" {
      text = text.dropLast()
    }
    return String(text)
  }

  /// Statements for the captions that precede no statement: all but the last, and the last
  /// too when the file or block ends after it.
  func narrations(_ captions: [Caption], atEnd: Bool) -> [Statement] {
    let alone = atEnd ? captions[...] : captions.dropLast()
    return alone.map { caption in
      Statement(
        node: .narration, range: caption.range, text: source.text(in: caption.range),
        location: caption.location, caption: caption)
    }
  }

  func isWord(_ text: String, _ token: Token? = nil) -> Bool {
    let token = token ?? current
    return token.kind == .word && self.text(of: token) == text
  }

  func error(_ message: String, at offset: Int) -> ScriptError {
    ScriptError(.parse, message, at: offset, in: source)
  }

  /// What a token is called in "found ..." messages.
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .newline, .endOfFile: token.kind.display
    case .word, .number, .variable, .field: "'\(text(of: token))'"
    default: token.kind.display
    }
  }

  mutating func expect(_ kind: TokenKind, _ what: String) throws(ScriptError) -> Token {
    guard current.kind == kind else {
      throw error("expected \(what), found \(describe(current))", at: current.range.start)
    }
    return advance()
  }

  mutating func enterNesting(at offset: Int) throws(ScriptError) {
    nesting += 1
    if nesting > Self.maximumNesting {
      throw error("nesting too deep (more than \(Self.maximumNesting) levels)", at: offset)
    }
  }

  // MARK: Statements

  mutating func statement(inBlock: Bool) throws(ScriptError) -> Statement {
    let start = current.range.start
    let node = try statementNode()
    let range = SourceRange(start: start, end: previousEnd)
    switch current.kind {
    case .newline, .endOfFile: break
    case .rightBrace where inBlock: break
    default:
      throw error("unexpected \(describe(current)) after the statement", at: current.range.start)
    }
    return Statement(
      node: node, range: range, text: source.text(in: range), location: source.location(of: start))
  }

  private mutating func statementNode() throws(ScriptError) -> StatementNode {
    guard current.kind == .word else { return .pipeline(try pipeline(atStatementStart: true)) }
    switch text(of: current) {
    case "let": return try assignment()
    case "expect":
      advance()
      if isWord("error") { return .expectError(try errorExpectation()) }
      let condition = try expression()
      var message: Expression?
      if ![.newline, .endOfFile, .rightBrace].contains(current.kind) { message = try primary() }
      return .expect(condition, message: message)
    case "if": return try conditional()
    case "for":
      advance()
      let variable = try expect(.word, "a variable name after 'for'")
      let name = try variableName(variable)
      if ReservedNames.all.contains(name) {
        throw error(
          "cannot assign to $\(name): \(ReservedNames.reason(name))", at: variable.range.start)
      }
      guard isWord("in") else {
        throw error("expected 'in' after 'for \(name)'", at: current.range.start)
      }
      advance()
      let sequence = try expression()
      return .loop(
        variable: name, variableRange: variable.range, sequence: sequence, body: try block("for"))
    case "repeat":
      advance()
      let count = try expression()
      return .repeat(count: count, body: try block("repeat"))
    case "else":
      throw error(
        "'else' must follow the closing '}' of an if block on the same line",
        at: current.range.start)
    default:
      return .pipeline(try pipeline(atStatementStart: true))
    }
  }

  private mutating func assignment() throws(ScriptError) -> StatementNode {
    advance()
    let nameToken = try expect(.word, "a variable name after 'let'")
    let name = try variableName(nameToken)
    if ReservedNames.all.contains(name) {
      throw error(
        "cannot assign to $\(name): \(ReservedNames.reason(name))", at: nameToken.range.start)
    }
    _ = try expect(.assign, "'=' after 'let \(name)'")
    return .assignment(
      name: name, nameRange: nameToken.range, value: try pipeline(atStatementStart: false))
  }

  func variableName(_ token: Token) throws(ScriptError) -> String {
    let name = text(of: token)
    guard name.utf8.allSatisfy(CharacterClass.isIdentifier), !CommandInfo.keywords.contains(name)
    else {
      throw error("'\(name)' is not a variable name (letters, digits and _)", at: token.range.start)
    }
    return name
  }

  private mutating func conditional() throws(ScriptError) -> StatementNode {
    advance()
    let condition = try expression()
    let then = try block("if")
    guard isWord("else") else {
      return .conditional(condition: condition, then: then, otherwise: nil)
    }
    advance()
    if isWord("if") {
      let start = current.range.start
      let nested = try conditional()
      let range = SourceRange(start: start, end: previousEnd)
      let statement = Statement(
        node: nested, range: range, text: source.text(in: range),
        location: source.location(of: start))
      return .conditional(condition: condition, then: then, otherwise: [statement])
    }
    return .conditional(condition: condition, then: then, otherwise: try block("else"))
  }

  /// `{` statements separated by line breaks `}`.
  private mutating func block(_ owner: String) throws(ScriptError) -> [Statement] {
    guard current.kind == .leftBrace else {
      throw error(
        "expected '{' to open the \(owner) block, found \(describe(current))",
        at: current.range.start)
    }
    let open = advance()
    try enterNesting(at: open.range.start)
    defer { nesting -= 1 }
    var statements: [Statement] = []
    while true {
      let captions = captions()
      statements += narrations(captions, atEnd: current.kind == .rightBrace)
      if current.kind == .rightBrace {
        advance()
        return statements
      }
      if current.kind == .endOfFile {
        throw error(
          "unclosed block: expected '}' to close the \(owner) block", at: open.range.start)
      }
      var statement = try statement(inBlock: true)
      statement.caption = captions.last
      statements.append(statement)
    }
  }
}

/// Names that `let` cannot assign.
enum ReservedNames {
  static let all: Set<String> = ["last", "profile", "session", "env", "args", "runid"]

  static func reason(_ name: String) -> String {
    switch name {
    case "last": "it holds the result of the last API command"
    case "profile", "session":
      "it is the context's current \(name) (use '\(name == "profile" ? "use profile ID" : "use session ID")')"
    case "env": "it reads the environment"
    case "runid": "it holds the run's unique id"
    default: "it holds the script's arguments"
    }
  }
}
