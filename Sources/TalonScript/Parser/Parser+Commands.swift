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
    if current.kind == .word, let type = try commandType() {
      return .command(try command(type, nameRange: start.union(tokens[max(0, position - 1)].range)))
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
  mutating func commandType() throws(ScriptError) -> (any ScriptCommand)? {
    let word = text(of: current)
    if let operation = CommandTable.operation(named: word) {
      advance()
      return operation
    }
    let family = CommandTable.family(word)
    guard !family.isEmpty else { return nil }
    let first = advance()
    let next = current.kind == .word ? text(of: current) : nil
    if let sub = family.first(where: { $0.spec.words.count == 2 && $0.spec.words[1] == next }) {
      advance()
      return sub
    }
    if let single = family.first(where: { $0.spec.words.count == 1 }) { return single }
    let choices = family.map { $0.spec.words[1] }.joined(separator: ", ")
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

  /// The arguments of a command, checked against its spec: where it works, the number of
  /// positional arguments, the keys (required ones too) and literal words of a choice.
  mutating func command(_ type: any ScriptCommand, nameRange: SourceRange) throws(ScriptError)
    -> CommandNode
  {
    let spec = type.spec
    if origin == .file, spec.availability == .shellOnly {
      throw error(
        "'\(spec.name)' works only in the interactive shell", at: nameRange.start)
    }
    var positional: [Expression] = []
    var named: [NamedArgument] = []
    while !atCommandEnd {
      if current.kind == .word, peek().kind == .assign {
        let keyToken = advance()
        let key = text(of: keyToken)
        advance()
        let declared = spec.key(key)
        if declared == nil, spec.freeKeys == nil {
          let allowed =
            spec.keys.isEmpty
            ? "it takes no key=value arguments"
            : "keys: " + spec.keys.map(\.name).joined(separator: ", ")
          throw error("unknown key '\(key)' for \(spec.name); \(allowed)", at: keyToken.range.start)
        }
        if named.contains(where: { $0.key == key }) {
          throw error("'\(key)=' is given twice", at: keyToken.range.start)
        }
        if atCommandEnd {
          throw error("expected a value after '\(key)='", at: current.range.start)
        }
        let value = try primary()
        if let declared { try checkChoice(value, declared, of: spec) }
        named.append(NamedArgument(key: key, keyRange: keyToken.range, value: value))
      } else {
        let value = try primary()
        if let limit = spec.maximumPositional, positional.count >= limit {
          throw error(
            "too many arguments for \(spec.name) (usage: \(spec.usage))", at: value.range.start)
        }
        try checkChoice(
          value, spec.positional[min(positional.count, spec.positional.count - 1)], of: spec)
        positional.append(value)
      }
    }
    if positional.count < spec.minimumPositional {
      throw error(
        "missing argument for \(spec.name) (usage: \(spec.usage))", at: current.range.start)
    }
    for key in spec.keys where key.isRequired && !named.contains(where: { $0.key == key.name }) {
      throw error(
        "\(spec.name) needs \(key.name)= (usage: \(spec.usage))", at: nameRange.start)
    }
    let range = SourceRange(start: nameRange.start, end: previousEnd)
    return CommandNode(
      command: type, nameRange: nameRange, positional: positional, named: named, range: range)
  }

  /// A bare word or string given where the spec wants one of some words must be one of them
  /// (other values are checked when the command runs).
  private func checkChoice(_ value: Expression, _ argument: ArgumentSpec, of spec: CommandSpec)
    throws(ScriptError)
  {
    guard case .choice(let words) = argument.type,
      case .literal(.string(let word), let range) = value,
      !words.contains(word)
    else { return }
    throw error(
      "\(spec.name) takes \(words.joined(separator: " or ")) here, not '\(word)' (usage: \(spec.usage))",
      at: range.start)
  }
}

/// "did you mean ...?" for unknown command words.
enum CommandSuggestion {
  static var words: [String] {
    Array(Set(CommandTable.friendly.map { $0.spec.words[0] })).sorted()
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
