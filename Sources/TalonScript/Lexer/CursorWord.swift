/// The word the cursor is at the end of, as the tolerant lexer reads the text before it: the
/// text a completion replaces, and what kind of thing goes there.
package struct CursorWord: Sendable, Equatable {
  package enum Kind: Sendable, Equatable {
    /// A bare word where a command word, an argument or a `key=` name goes.
    case word
    /// The value of `key=`, or an element of the list `key=[...` while it is open.
    case value(key: String, inList: Bool)
    /// The name of a reference: after `$`, or a bare name inside `"${...}"`.
    case referenceName
    /// A field after `.` in a reference path: the reference's name and the steps before it.
    case referenceField(name: String, steps: [Step])
    /// Nothing completes here: in a comment, the text of a string, unreadable bytes, an
    /// unfinished index, right after a closing bracket, an operator or a complete string.
    case nothing
  }

  /// One step of a reference path that completion can follow in a value.
  package enum Step: Sendable, Equatable {
    case field(String)
    case index(Int)
  }

  /// The partial word: what a completion replaces (without the `$` or `.` before it).
  package var text: String
  package var kind: Kind
  /// Whether white space separates the word from the token before it.
  package var followsSpace: Bool
  /// Whether the word lies in the code of a `"${...}"` interpolation.
  package var inInterpolation: Bool
  /// Where the word starts (a byte offset in the text before the cursor).
  var start: Int

  static func nothing(at offset: Int) -> CursorWord {
    CursorWord(text: "", kind: .nothing, followsSpace: false, inInterpolation: false, start: offset)
  }
}

extension CursorWord {
  /// The reference that `tokens` end with, when the last token ends at `end` and the adjacent
  /// tokens before it form a reference path: `$`, `$na`, `$last.effects[0].pr`, and, with
  /// `bareNames` (inside `${...}`), `la` and `last.effects[-1].`. Nil for anything else,
  /// including an index still open or a step completion cannot follow (`[$i]`).
  static func reference(
    endingAt end: Int, _ tokens: [Token], in source: SourceFile, bareNames: Bool
  ) -> CursorWord? {
    guard let last = tokens.last, last.range.end == end else { return nil }
    // The run of adjacent tokens that ends at the cursor, and the last name in it.
    var first = tokens.count - 1
    while first > 0, !tokens[first].spaceBefore { first -= 1 }
    guard
      let head = tokens[first...].lastIndex(where: {
        $0.kind == .variable || $0.kind == .dollar || (bareNames && $0.kind == .word)
      })
    else { return nil }
    func word(_ text: String, _ kind: Kind, at offset: Int) -> CursorWord {
      CursorWord(
        text: text, kind: kind, followsSpace: false, inInterpolation: bareNames, start: offset)
    }
    let name: String
    var steps: [Step] = []
    let headText = source.text(in: tokens[head].range)
    if tokens[head].kind == .word {
      // Inside `${...}` a dotted word is a path (as the parser reads it): `last.effects`.
      var segments = headText.split(separator: ".", omittingEmptySubsequences: false)
        .map(String.init)
      name = segments.removeFirst()
      if head == tokens.count - 1 {
        guard let partial = segments.popLast() else {
          return word(name, .referenceName, at: tokens[head].range.start)
        }
        guard !segments.contains(where: \.isEmpty) else { return nil }
        return word(
          partial, .referenceField(name: name, steps: segments.map(Step.field)),
          at: end - partial.utf8.count)
      }
      guard !segments.contains(where: \.isEmpty) else { return nil }
      steps = segments.map(Step.field)
    } else {
      name = String(headText.dropFirst())
      if head == tokens.count - 1 {
        return word(name, .referenceName, at: tokens[head].range.start + 1)
      }
    }
    var index = head + 1
    while index < tokens.count {
      switch tokens[index].kind {
      case .dot:
        guard index + 1 < tokens.count else {
          return word("", .referenceField(name: name, steps: steps), at: end)
        }
        guard tokens[index + 1].kind == .field else { return nil }
        let field = source.text(in: tokens[index + 1].range)
        if index + 2 == tokens.count {
          return word(
            field, .referenceField(name: name, steps: steps), at: tokens[index + 1].range.start)
        }
        steps.append(.field(field))
        index += 2
      case .leftBracket:
        guard let (step, next) = indexStep(tokens, after: index, in: source) else { return nil }
        steps.append(step)
        index = next
      default:
        return nil
      }
    }
    // The path ends with `]`: nothing to complete right after it.
    return nil
  }

  /// The step `[N]`, `[-N]` or `["field"]` whose `[` is `tokens[open]`, and the index after
  /// its `]`; nil when it is unfinished or not a literal.
  private static func indexStep(_ tokens: [Token], after open: Int, in source: SourceFile)
    -> (Step, Int)?
  {
    var index = open + 1
    var negative = false
    if index < tokens.count, tokens[index].kind == .minus {
      negative = true
      index += 1
    }
    guard index + 1 < tokens.count, tokens[index + 1].kind == .rightBracket else { return nil }
    let text = source.text(in: tokens[index].range)
    switch tokens[index].kind {
    case .number:
      guard let number = Int(text) else { return nil }
      return (.index(negative ? -number : number), index + 2)
    case .string where !negative:
      // A key written as a plain string; one with escapes or `${...}` is not followed.
      let key = text.dropFirst().dropLast()
      guard !key.contains("\\"), !key.contains("$") else { return nil }
      return (.field(String(key)), index + 2)
    default:
      return nil
    }
  }
}
