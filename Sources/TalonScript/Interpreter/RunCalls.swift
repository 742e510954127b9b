/// A `run FILE.tw` statement found without running the program, for `talon run --dry-run`.
public struct RunCall: Sendable {
  /// The path as written, when it is a plain string (not built from variables).
  public var path: String?
  /// The path resolved the way `run` resolves it: against the calling script's folder.
  public var resolvedPath: String?
  /// Where the `run` statement stands.
  public var location: ScriptLocation
}

extension Interpreter {
  /// Every `run` statement of a program, blocks included, in source order. A path that is
  /// not a plain string (e.g. `run $file`) has no `path`: a dry run cannot follow it.
  public nonisolated static func runCalls(in program: Program) -> [RunCall] {
    let directory = Frame(source: program.source).directory ?? "."
    var calls: [RunCall] = []
    func visit(_ statements: [Statement]) {
      for statement in statements {
        switch statement.node {
        case .pipeline(let pipeline):
          for case .command(let command) in pipeline.stages where command.command is RunCommand {
            var path: String?
            switch command.positional.first {
            case .literal(.string(let text), _)?: path = text
            case .interpolated(let parts, _)?:
              var text = ""
              for part in parts {
                guard case .text(let piece) = part else {
                  text = ""
                  break
                }
                text += piece
              }
              path = text.isEmpty ? nil : text
            default: break
            }
            calls.append(
              RunCall(
                path: path, resolvedPath: path.map { ScriptPath.resolve($0, from: directory) },
                location: program.source.location(of: command.range.start)))
          }
        case .conditional(_, let then, let otherwise):
          visit(then)
          visit(otherwise ?? [])
        case .loop(_, _, _, let body), .repeat(_, let body):
          visit(body)
        case .assignment, .expect, .expectError, .narration:
          break
        }
      }
    }
    visit(program.statements)
    return calls
  }
}
