import TalonAPI

extension Parser {
  /// A pipeline: a command or expression, then `| COMMAND`, `| .path` or `| EXPR` stages.
  /// At the start of a statement an unknown word is an unknown command; after `let x =` it is
  /// a string.
  mutating func pipeline(atStatementStart: Bool) throws(ScriptError) -> Pipeline {
    var stages = [try stage(strictWords: atStatementStart)]
    while current.kind == .pipe {
      advance()
      skipNewlines()
      if current.kind == .dot || (current.kind == .leftBracket && current.spaceBefore) {
        let start = current.range.start
        let path = try pathComponents(allowLeadingSpace: true)
        stages.append(.path(path, SourceRange(start: start, end: previousEnd)))
      } else {
        stages.append(try stage(strictWords: true))
      }
    }
    return Pipeline(stages: stages)
  }

  private mutating func stage(strictWords: Bool) throws(ScriptError) -> PipeStage {
    let start = current.range
    if current.kind == .word, let kind = try commandKind() {
      return .command(try command(kind, nameRange: start.union(tokens[max(0, position - 1)].range)))
    }
    if strictWords, current.kind == .word, !isExpressionWord {
      let word = text(of: current)
      throw error(
        "unknown command '\(word)'\(CommandSuggestion.hint(for: word))", at: current.range.start)
    }
    return .expression(try expression())
  }

  /// Words that begin an expression at the start of a statement: literals, `not`, calls.
  private var isExpressionWord: Bool {
    let word = text(of: current)
    if ["true", "false", "null", "not"].contains(word) { return true }
    return CommandInfo.functions.contains(word) && peek().kind == .leftParen && !peek().spaceBefore
  }

  /// The command named by the word(s) at the current token, consuming them; nil when the
  /// word names no command.
  mutating func commandKind() throws(ScriptError) -> CommandKind? {
    let word = text(of: current)
    if let operation = IntegrationOperation.named(word) {
      advance()
      return .raw(operation)
    }
    let family = BuiltinCommand.family(word)
    guard !family.isEmpty else { return nil }
    let first = advance()
    let next = current.kind == .word ? text(of: current) : nil
    if let sub = family.first(where: { $0.words.count == 2 && $0.words[1] == next }) {
      advance()
      return .builtin(sub)
    }
    if let single = family.first(where: { $0.words.count == 1 }) { return .builtin(single) }
    let choices = family.map { $0.words[1] }.joined(separator: ", ")
    guard let next else {
      throw error("'\(word)' needs a subcommand: \(choices)", at: first.range.end)
    }
    throw error(
      "unknown '\(word)' command '\(next)'; expected one of: \(choices)", at: current.range.start)
  }

  private var atCommandEnd: Bool {
    switch current.kind {
    case .newline, .endOfFile, .pipe, .rightBrace: true
    default: false
    }
  }

  mutating func command(_ kind: CommandKind, nameRange: SourceRange) throws(ScriptError)
    -> CommandNode
  {
    var positional: [Expression] = []
    var named: [NamedArgument] = []
    let spec = kind.spec
    while !atCommandEnd {
      if current.kind == .word, peek().kind == .assign {
        let keyToken = advance()
        let key = text(of: keyToken)
        advance()
        if let keys = spec.keys, !keys.contains(key) {
          let allowed =
            keys.isEmpty
            ? "it takes no key=value arguments" : "keys: " + keys.joined(separator: ", ")
          throw error("unknown key '\(key)' for \(kind.name); \(allowed)", at: keyToken.range.start)
        }
        if named.contains(where: { $0.key == key }) {
          throw error("'\(key)=' is given twice", at: keyToken.range.start)
        }
        if atCommandEnd {
          throw error("expected a value after '\(key)='", at: current.range.start)
        }
        named.append(NamedArgument(key: key, keyRange: keyToken.range, value: try primary()))
      } else {
        let value = try primary()
        if let limit = spec.positional?.upperBound, positional.count >= limit {
          throw error(
            "too many arguments for \(kind.name) (usage: \(spec.usage))", at: value.range.start)
        }
        positional.append(value)
      }
    }
    if positional.count < spec.minimumPositional {
      throw error(
        "missing argument for \(kind.name) (usage: \(spec.usage))", at: current.range.start)
    }
    let range = SourceRange(start: nameRange.start, end: previousEnd)
    return CommandNode(
      kind: kind, nameRange: nameRange, positional: positional, named: named, range: range)
  }
}

/// "did you mean ...?" for unknown command words.
enum CommandSuggestion {
  static var words: [String] {
    Array(Set(BuiltinCommand.allCases.map { $0.words[0] })).sorted()
      + IntegrationOperation.allCases.map(\.sdkName) + CommandInfo.keywords
  }

  static func hint(for word: String) -> String {
    let lowered = word.lowercased()
    let best = words.map { ($0, distance(lowered, $0.lowercased())) }.min { $0.1 < $1.1 }
    guard let (candidate, cost) = best, cost <= max(1, candidate.count / 3) else {
      return " (type 'help' for the list; quote it to mean the string)"
    }
    return "; did you mean '\(candidate)'?"
  }

  /// Levenshtein distance, bounded in cost by the short inputs it sees.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.prefix(64))
    let b = Array(b.prefix(64))
    var row = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
      var previous = row[0]
      row[0] = i
      for j in stride(from: 1, through: b.count, by: 1) {
        let saved = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
        previous = saved
      }
    }
    return a.isEmpty ? b.count : row[b.count]
  }
}
