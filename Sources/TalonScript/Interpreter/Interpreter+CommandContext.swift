import TalonAPI

extension Interpreter: CommandContext {
  /// Runs one command; `pipe` is the previous stage's value in a pipe.
  func execute(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    try await command.command.execute(command, in: self, pipe: pipe)
  }

  var scopeVariables: [String: JSONValue] { frames[frames.count - 1].variables }
}
