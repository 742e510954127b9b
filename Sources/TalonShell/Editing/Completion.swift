import Foundation

/// Supplies tab completions for the line being edited. Called on the line editor's thread
/// while the user waits, so it must answer quickly and must not block on the evaluator;
/// keep what it needs (command names, variables, ids seen) in a snapshot it can read at once.
public protocol Completer: Sendable {
  /// Completions for `line` with the cursor after `cursor` characters (`Character` count).
  func complete(line: String, cursor: Int) -> CompletionResult
}

/// The completions for one TAB press: the candidates replace the last `replacing` characters
/// before the cursor (the partial word), e.g. typed `$last.ef` → `replacing: 3`,
/// candidates `["effects"]`.
public struct CompletionResult: Sendable, Equatable {
  /// How many characters before the cursor the candidates replace.
  public var replacing: Int
  /// Full replacements for the partial word, in display order.
  public var candidates: [String]
  /// Whether a space follows a unique candidate (false for a prefix such as `$last.` or a
  /// directory, after which the user keeps typing).
  public var appendsSpace: Bool

  public init(replacing: Int, candidates: [String], appendsSpace: Bool = true) {
    self.replacing = replacing
    self.candidates = candidates
    self.appendsSpace = appendsSpace
  }

  /// No completion.
  public static let none = CompletionResult(replacing: 0, candidates: [])
}

/// What a TAB press does to the line: the pure decision behind the editor's completion key.
///
/// One candidate replaces the partial word (plus a space when asked). Several candidates
/// extend the word to their longest common prefix; when that adds nothing, they are listed.
/// No candidate rings the bell.
enum CompletionAction: Equatable {
  /// Replace the last `deleting` characters before the cursor with `text`.
  case replace(deleting: Int, text: String)
  /// Show the candidates below the line.
  case list([String])
  case beep

  init(result: CompletionResult, line: String, cursor: Int) {
    let before = String(line.prefix(cursor))
    let replacing = min(max(0, result.replacing), before.count)
    let word = String(before.suffix(replacing))
    let candidates = result.candidates.reduce(into: [String]()) { unique, candidate in
      if !unique.contains(candidate) { unique.append(candidate) }
    }
    switch candidates.count {
    case 0:
      self = .beep
    case 1:
      let text = candidates[0] + (result.appendsSpace ? " " : "")
      self = .replace(deleting: replacing, text: text)
    default:
      let common = Self.commonPrefix(candidates)
      if common.count > word.count {
        self = .replace(deleting: replacing, text: common)
      } else {
        self = .list(candidates)
      }
    }
  }

  /// The longest prefix, in characters, that all `strings` share.
  static func commonPrefix(_ strings: [String]) -> String {
    guard var prefix = strings.first.map({ Substring($0) }) else { return "" }
    for string in strings.dropFirst() {
      prefix = prefix.prefix(zip(prefix, string).prefix { $0 == $1 }.count)
    }
    return String(prefix)
  }

  /// `candidates` laid out in columns that fit `width` characters, one line each.
  static func columns(_ candidates: [String], width: Int) -> [String] {
    let cell = (candidates.map(\.count).max() ?? 0) + 2
    let perLine = max(1, (width > 0 ? width : 80) / cell)
    let rows = (candidates.count + perLine - 1) / perLine
    return (0..<rows).map { row in
      var line = ""
      for column in 0..<perLine {
        let index = column * rows + row
        guard index < candidates.count else { break }
        let candidate = candidates[index]
        let isLast = (column + 1) * rows + row >= candidates.count
        line += isLast ? candidate : candidate.padding(toLength: cell, withPad: " ", startingAt: 0)
      }
      return line
    }
  }
}
