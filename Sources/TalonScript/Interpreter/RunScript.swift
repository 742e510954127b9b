import Foundation
import TalonAPI

/// The interpreter's side of `run FILE.tw`: the script runs in a child frame (its own
/// variables, `$args`), sharing the context and `$last`. Relative paths resolve against the
/// calling script's folder (the working directory in the shell). Nesting is bounded. The file
/// is parsed as a file, so shell-only commands in it are errors before it runs.
extension Interpreter {
  func runFile(_ name: String, arguments: [String: JSONValue], for command: CommandNode)
    async throws
  {
    let caller = frames[frames.count - 1]
    let path = ScriptPath.resolve(name, from: caller.directory ?? environment.workingDirectory)
    if frames.count > environment.maximumRunDepth {
      let chain = (frames.map(\.source.name) + [path]).joined(separator: " -> ")
      throw failure(
        "run nested too deeply (more than \(environment.maximumRunDepth) levels): \(chain)",
        at: command.range)
    }
    let text: String
    do {
      text = try environment.readFile(path)
    } catch {
      throw failure("cannot read '\(path)': \(Self.reason(error))", at: command.positional[0].range)
    }
    let program = try Interpreter.parse(text, file: path, origin: .file)
    frames.append(Frame(source: program.source, arguments: arguments))
    defer { frames.removeLast() }
    let depth = frames.count - 1
    for statement in program.statements {
      _ = try await executeStatement(statement, depth: depth)
    }
  }

  private static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
      return "no such file"
    }
    return nsError.localizedDescription
  }
}
