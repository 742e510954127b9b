import Foundation
import TalonAPI
import TalonRendering
import TalonScript

/// Tab completion for the command language, from a ``ShellStateSnapshot`` (never waits for
/// the interpreter). What the cursor is in is read by the language's own lexer (`InputScan`:
/// the word at the cursor, what kind of word it is, the command being typed), its words and
/// arguments by the command table (`CommandInfo`):
/// - the first word of a statement (also after `let NAME =`, `|` and a block's `{`): command
///   words (the shell's commands among them) and statement keywords; the second word of a
///   command family (`session up` → `update`); the words of a fixed choice (`set output s`);
/// - `$na` → variable names and `last`, `profile`, `session`, `env`, `args`; `$last.ef` or
///   `$cart.items[0].s` → field names of the actual value; `$env.` → environment names; the
///   same inside `"${...}"`, where references are written without `$` (`"${last.ef`);
/// - arguments of the command being typed: its `key=` names, and ids where an id goes:
///   profile ids (`profile update`, `use profile`, `profile=`, `advocate=`, `friend=`),
///   session ids (`session update`, `use session`), coupon codes (`coupon reserve`,
///   `coupons=[...]`, `coupon=`), session states after `state=`, SKUs of the cart after
///   `cart remove`;
/// - a path after `run ` or `record start `, relative to the working directory;
/// - `error` after `expect ` (once a letter is typed), and after `expect error STATUS ["TEXT"] `
///   the command as at the start of a statement.
///
/// Nothing completes in a comment or in the text of a string (docs/behaviour.md, "Shell").
public struct ScriptCompleter: Completer {
  let snapshot: ShellStateSnapshot
  let commands: [CommandInfo]

  public init(snapshot: ShellStateSnapshot, commands: [CommandInfo] = Interpreter.commands) {
    self.snapshot = snapshot
    self.commands = commands
  }

  public func complete(line: String, cursor: Int) -> CompletionResult {
    let scan = InputScan(String(line.prefix(cursor)))
    let state = snapshot.current
    let word = scan.cursor
    let words = scan.commandWords
    switch word.kind {
    case .nothing:
      return .none
    case .referenceName:
      let names =
        ["last", "profile", "session", "env", "args", "runid"] + state.variables.keys.sorted()
      return prefixed(word.text, names, appendsSpace: false)
    case .referenceField(let name, let steps):
      return completeField(word, name: name, steps: steps, state: state)
    case .value(let key, let inList):
      let candidates = values(forKey: key, command: command(words), state: state)
      return prefixed(word.text, candidates, appendsSpace: !inList)
    case .word:
      break
    }
    if let command = command(words), command.takesPath, words.count == command.words.count,
      word.followsSpace
    {
      return completePath(word.text, state: state)
    }
    if words.isEmpty {
      return prefixed(
        word.text, scan.followsExpectError ? apiWords() : firstWords(), appendsSpace: true)
    }
    if words == ["expect"], word.followsSpace, !word.text.isEmpty {
      return prefixed(word.text, ["error"], appendsSpace: true)
    }
    if let family = family(words), words.count == 1, word.followsSpace {
      return prefixed(word.text, family, appendsSpace: true)
    }
    return completeArgument(word.text, words: words, state: state)
  }

  // MARK: Commands

  private func firstWords() -> [String] {
    var result: [String] = []
    for command in commands where !result.contains(command.words[0]) {
      result.append(command.words[0])
    }
    for word in CommandInfo.keywords where !result.contains(word) {
      result.append(word)
    }
    return result.sorted()
  }

  /// The first words of the commands that call the API (what `expect error` wraps).
  private func apiWords() -> [String] {
    var result: [String] = []
    for command in commands where command.operation != nil && !result.contains(command.words[0]) {
      result.append(command.words[0])
    }
    return result.sorted()
  }

  /// The second words of a command family (`profile` → `update`, `inventory`, ...).
  private func family(_ words: [String]) -> [String]? {
    let seconds = commands.filter { $0.words.count > 1 && $0.words[0] == words[0] }
      .map { $0.words[1] }
    if words[0] == "connect" { return ["embedded", "http://", "https://"] }
    return seconds.isEmpty ? nil : seconds
  }

  /// The command being typed: the longest command whose words start `words`.
  private func command(_ words: [String]) -> CommandInfo? {
    commands.filter { words.starts(with: $0.words) }.max { $0.words.count < $1.words.count }
  }

  // MARK: Arguments

  private func completeArgument(_ word: String, words: [String], state: ShellState)
    -> CompletionResult
  {
    guard let command = command(words) else { return .none }
    let positional = words.count - command.words.count
    if positional < command.positionalChoices.count,
      !command.positionalChoices[positional].isEmpty
    {
      return prefixed(word, command.positionalChoices[positional], appendsSpace: true)
    }
    let candidates =
      positionalValues(command, index: positional, state: state) + command.keys.map { $0 + "=" }
    let result = prefixed(word, candidates, appendsSpace: true)
    if result.candidates.count == 1, result.candidates[0].hasSuffix("=") {
      return CompletionResult(
        replacing: result.replacing, candidates: result.candidates, appendsSpace: false)
    }
    return result
  }

  private func values(forKey key: String, command: CommandInfo?, state: ShellState) -> [String] {
    if command?.words == ["profile", "inventory"] { return ["true", "false"] }
    switch key {
    case "profile", "advocate", "friend": return state.profiles
    case "coupons", "coupon": return coupons(state)
    case "state": return ["open", "closed", "cancelled"]
    case "silent": return ["yes", "no"]
    case "dry": return ["true", "false"]
    case "campaign": return state.campaignIds
    default: return []
    }
  }

  private func positionalValues(_ command: CommandInfo, index: Int, state: ShellState)
    -> [String]
  {
    switch command.words {
    case ["profile", "update"], ["profile", "update-v1"], ["profile", "inventory"],
      ["profile", "delete-data"],
      ["use", "profile"], ["coupon", "reserved"]:
      index == 0 ? state.profiles : []
    case ["session", "update"], ["session", "update-v1"], ["session", "close"],
      ["session", "cancel"], ["explain"]:
      index == 0 ? state.sessions : []
    case ["use", "session"]:
      index == 0 ? ["new"] + state.sessions : []
    case ["coupon", "reserve"], ["coupon", "unreserve"]:
      index == 0 ? coupons(state) : state.profiles
    case ["coupon", "holders"]:
      index == 0 ? coupons(state) : []
    case ["cart", "remove"]:
      index == 0 ? state.cartSKUs : []
    case ["campaign"], ["referral", "create"]:
      index == 0 ? state.campaignIds : []
    case ["coupons"]:
      index == 0 ? coupons(state) : []
    case ["loyalty", "balance"], ["loyalty", "history"]:
      index == 0 ? state.programIds : []
    default:
      []
    }
  }

  private func coupons(_ state: ShellState) -> [String] {
    state.coupons + state.knownCoupons.filter { !state.coupons.contains($0) }
  }

  // MARK: References

  /// A field of a reference: the keys of the object its path leads to in the snapshot, or
  /// environment names after `env.`.
  private func completeField(
    _ word: CursorWord, name: String, steps: [CursorWord.Step], state: ShellState
  ) -> CompletionResult {
    if name == "env", steps.isEmpty {
      return prefixed(word.text, state.environmentNames, appendsSpace: !word.inInterpolation)
    }
    guard let value = resolve(name, steps, state: state), let object = value.objectValue else {
      return .none
    }
    return prefixed(word.text, object.keys.sorted(), appendsSpace: false)
  }

  /// The value at `name` followed by `steps` in the snapshot, or nil.
  private func resolve(_ name: String, _ steps: [CursorWord.Step], state: ShellState)
    -> JSONValue?
  {
    var value: JSONValue?
    switch name {
    case "last": value = state.last
    case "profile": value = state.profileId.map { .string($0) }
    case "session": value = state.sessionId.map { .string($0) }
    default: value = state.variables[name]
    }
    for step in steps {
      switch step {
      case .field(let field): value = value?[field]
      case .index(let index):
        guard let array = value?.arrayValue else { return nil }
        let position = index < 0 ? array.count + index : index
        value = array.indices.contains(position) ? array[position] : nil
      }
    }
    return value
  }

  // MARK: Files

  private func completePath(_ partial: String, state: ShellState) -> CompletionResult {
    let slash = partial.lastIndex(of: "/")
    let folderPart = slash.map { String(partial[...$0]) } ?? ""
    let namePart = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
    let base =
      folderPart.hasPrefix("/")
      ? URL(fileURLWithPath: folderPart)
      : URL(fileURLWithPath: state.workingDirectory).appending(path: folderPart)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: base.path) else {
      return .none
    }
    var candidates: [String] = []
    var onlyDirectory = false
    for name in names.sorted() where name.hasPrefix(namePart) {
      if name.hasPrefix(".") && !namePart.hasPrefix(".") { continue }
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(
        atPath: base.appending(path: name).path, isDirectory: &isDirectory)
      let directory = exists && isDirectory.boolValue
      candidates.append(folderPart + name + (directory ? "/" : ""))
      onlyDirectory = directory
    }
    return CompletionResult(
      replacing: partial.count, candidates: candidates,
      appendsSpace: !(candidates.count == 1 && onlyDirectory))
  }

  // MARK: Helpers

  private func prefixed(_ word: String, _ candidates: [String], appendsSpace: Bool)
    -> CompletionResult
  {
    var seen = Set<String>()
    let matching = candidates.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
    return CompletionResult(replacing: word.count, candidates: matching, appendsSpace: appendsSpace)
  }
}
