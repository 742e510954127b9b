import Foundation

/// `run` paths as a recording writes them. In the shell a relative `run` path is relative to
/// the working directory; in a workflow file, to the file's folder. So that a recording
/// replays from anywhere, the recorder rewrites the literal path of every `run` the typed
/// text holds (in blocks too) to one that resolves from the recording's folder.
public enum RecordedRunPaths {
  /// `text` (a shell statement) with each literal `run` path replaced by `rewrite(path)`,
  /// and whether some `run` takes a computed path (`run $file`), which cannot be rewritten.
  /// Text that does not parse comes back unchanged.
  public static func rewrite(_ text: String, _ rewrite: (String) -> String) -> (
    text: String, computed: Bool
  ) {
    guard let program = try? Parser.parse(SourceFile(name: "<input>", text: text), origin: .shell)
    else { return (text, false) }
    var literals: [(SourceRange, String)] = []
    var computed = false
    collect(program.statements, into: &literals, computed: &computed)
    var bytes = Array(text.utf8)
    for (range, path) in literals.sorted(by: { $0.0.start > $1.0.start }) {
      bytes.replaceSubrange(range.start..<range.end, with: Array(word(rewrite(path)).utf8))
    }
    return (String(decoding: bytes, as: UTF8.self), computed)
  }

  private static func collect(
    _ statements: [Statement], into literals: inout [(SourceRange, String)], computed: inout Bool
  ) {
    for statement in statements {
      switch statement.node {
      case .assignment(_, _, let pipeline), .pipeline(let pipeline):
        for case .command(let command) in pipeline.stages where command.command is RunCommand {
          if case .literal(.string(let path), let range) = command.positional.first {
            literals.append((range, path))
          } else {
            computed = true
          }
        }
      case .conditional(_, let then, let otherwise):
        collect(then, into: &literals, computed: &computed)
        collect(otherwise ?? [], into: &literals, computed: &computed)
      case .loop(_, _, _, let body), .repeat(_, let body):
        collect(body, into: &literals, computed: &computed)
      case .expect, .expectError, .narration:
        break
      }
    }
  }

  /// A path as the argument of `run`: bare when the lexer reads it back as one word, else a
  /// double-quoted string with `$` escaped.
  static func word(_ path: String) -> String {
    let plain =
      !path.isEmpty
      && path.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII
          && (CharacterSet.alphanumerics.contains(scalar)
            || "/._-@+".unicodeScalars.contains(scalar))
      }
    if plain { return path }
    return SnapshotExpectations.literal(.string(path))
  }
}
