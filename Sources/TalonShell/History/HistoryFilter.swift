import Foundation

/// Decides which accepted lines may enter the history. A pure function of the line and the
/// secrets currently in use, so it is tested without a terminal or a file.
///
/// A line is not recorded when it is blank, starts with a space (the shell convention for
/// "keep this out of history"), or may carry a secret:
/// - it contains one of `activeSecrets` (the API key in use), compared exactly;
/// - a word (letters, digits, `-`, `_`; leading dashes ignored; any case) is `key` followed
///   by `=` or `:` (optionally after a closing quote), as in `key=...` or `{"key": ...}`;
/// - a word is `--key` or `--api-key` (an option that takes the key);
/// - a word starts with `apikey` once `-` and `_` are removed: `api-key=`, `api_key`,
///   `apiKey`, `--api-key`, `ApiKey-v1 ...` (the Authorization header scheme).
/// Decision: the filter errs on the side of forgetting; a false positive only costs a
/// history entry.
public enum HistoryFilter {
  /// Whether `line` may be stored in the history file.
  public static func shouldRecord(_ line: String, activeSecrets: [String] = []) -> Bool {
    if line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return false }
    if line.first == " " { return false }
    return !mayContainSecret(line, activeSecrets: activeSecrets)
  }

  /// Whether `line` names a key argument or contains one of `activeSecrets`.
  public static func mayContainSecret(_ line: String, activeSecrets: [String] = []) -> Bool {
    for secret in activeSecrets where !secret.isEmpty && line.contains(secret) {
      return true
    }
    for word in words(in: line) {
      let name = word.text.drop { $0 == "-" }.lowercased()
      let dashes = word.text.count - name.count
      let compact = name.filter { $0 != "-" && $0 != "_" }
      if compact.hasPrefix("apikey") { return true }
      if name == "key" && (dashes == 2 || isAssignment(after: word.end, in: line)) {
        return true
      }
    }
    return false
  }

  private struct Word {
    var text: Substring
    var end: String.Index
  }

  private static func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "-" || character == "_"
  }

  private static func words(in line: String) -> [Word] {
    var result: [Word] = []
    var index = line.startIndex
    while index < line.endIndex {
      guard isWordCharacter(line[index]) else {
        index = line.index(after: index)
        continue
      }
      let start = index
      while index < line.endIndex && isWordCharacter(line[index]) {
        index = line.index(after: index)
      }
      result.append(Word(text: line[start..<index], end: index))
    }
    return result
  }

  /// Whether the text at `index` is `=` or `:`, after an optional quote and spaces.
  private static func isAssignment(after index: String.Index, in line: String) -> Bool {
    var rest = line[index...]
    if let first = rest.first, first == "\"" || first == "'" { rest = rest.dropFirst() }
    rest = rest.drop { $0 == " " || $0 == "\t" }
    return rest.first == "=" || rest.first == ":"
  }
}
