import TalonAPI

extension Interpreter: CommandContext {
  /// Runs one command. A command that fails leaves the context (current profile, session,
  /// carts) as it was: `profile inventory nobody` answering 404 does not make `nobody` current.
  /// `run` is the exception: what the statements of its script did before one failed stays.
  func execute(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    if command.command is RunCommand {
      return try await command.command.execute(command, in: self, pipe: pipe)
    }
    let checkpoint = contextState.checkpoint()
    do {
      let outcome = try await command.command.execute(command, in: self, pipe: pipe)
      contextState.commit(checkpoint)
      return outcome
    } catch {
      contextState.rollback(to: checkpoint)
      throw error
    }
  }

  var scopeVariables: [String: JSONValue] { frames[frames.count - 1].variables }
}
