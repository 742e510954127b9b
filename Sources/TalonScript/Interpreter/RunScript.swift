import Foundation
import TalonAPI

/// `run FILE.tw [key=value ...]`: runs another script in a child scope (its own variables,
/// `$args` from the arguments) sharing the context and `$last`. Relative paths resolve against
/// the calling script's folder (the working directory in the shell). Nesting is bounded.
extension Interpreter {
  func runScript(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let name = try await string(command.positional[0], "the script path", pipe: pipe)
    let caller = frames[frames.count - 1]
    let path = ScriptPath.resolve(name, from: caller.directory ?? environment.workingDirectory)
    if frames.count > environment.maximumRunDepth {
      let chain = (frames.map(\.source.name) + [path]).joined(separator: " -> ")
      throw failure(
        "run nested too deeply (more than \(environment.maximumRunDepth) levels): \(chain)",
        at: command.range)
    }
    var arguments: [String: JSONValue] = [:]
    for argument in command.named {
      arguments[argument.key] = try await evaluate(argument.value, pipe: pipe)
    }
    let text: String
    do {
      text = try environment.readFile(path)
    } catch {
      throw failure("cannot read '\(path)': \(Self.reason(error))", at: command.positional[0].range)
    }
    let program: Program
    do {
      program = try Interpreter.parse(text, file: path)
    }
    frames.append(Frame(source: program.source, arguments: arguments))
    defer { frames.removeLast() }
    let depth = frames.count - 1
    for statement in program.statements {
      _ = try await executeStatement(statement, depth: depth)
    }
    return CommandOutcome(value: .null, kind: .none)
  }

  private static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
      return "no such file"
    }
    return nsError.localizedDescription
  }
}
