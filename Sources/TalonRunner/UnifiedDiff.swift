/// A unified diff of two texts by lines (`diff -u` style, three lines of context), for what
/// `talon run --update` changed.
enum UnifiedDiff {
  /// The diff of `old` and `new` under the two names; empty when the texts are equal.
  static func text(old: String, new: String, oldName: String, newName: String, context: Int = 3)
    -> String
  {
    let a = lines(old)
    let b = lines(new)
    let edits = script(a, b)
    guard edits.contains(where: { $0.kind != .same }) else { return "" }
    var output = ["--- \(oldName)", "+++ \(newName)"]
    var index = 0
    while index < edits.count {
      guard edits[index].kind != .same else {
        index += 1
        continue
      }
      // A hunk: from `context` lines before this change to `context` lines after the last
      // change that is at most 2 * context unchanged lines away.
      let start = max(0, index - context)
      var end = index
      var last = index
      while end < edits.count {
        if edits[end].kind != .same { last = end }
        if end - last > 2 * context { break }
        end += 1
      }
      end = min(edits.count, last + context + 1)
      let hunk = edits[start..<end]
      let oldStart = hunk.first.map { $0.oldLine } ?? 0
      let newStart = hunk.first.map { $0.newLine } ?? 0
      let oldCount = hunk.filter { $0.kind != .added }.count
      let newCount = hunk.filter { $0.kind != .removed }.count
      output.append(
        "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount)"
          + " +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@")
      for edit in hunk {
        switch edit.kind {
        case .same: output.append(" " + edit.text)
        case .removed: output.append("-" + edit.text)
        case .added: output.append("+" + edit.text)
        }
      }
      index = end
    }
    return output.joined(separator: "\n") + "\n"
  }

  struct Edit {
    enum Kind { case same, removed, added }
    var kind: Kind
    var text: String
    /// Lines of the old and the new text before this one (0-based positions).
    var oldLine: Int
    var newLine: Int
  }

  /// The lines of `text` without the line break that ends the last one.
  static func lines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// The shortest edit script by a longest common subsequence table (recordings are small).
  static func script(_ a: [String], _ b: [String]) -> [Edit] {
    var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var edits: [Edit] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        edits.append(Edit(kind: .same, text: a[i], oldLine: i, newLine: j))
        i += 1
        j += 1
      } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
        edits.append(Edit(kind: .removed, text: a[i], oldLine: i, newLine: j))
        i += 1
      } else {
        edits.append(Edit(kind: .added, text: b[j], oldLine: i, newLine: j))
        j += 1
      }
    }
    return edits
  }
}
