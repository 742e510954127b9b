import TalonScript

/// What the runner hands to an interactive shell opened in the middle of a workflow: the
/// file's backend and interpreter, and the statement the run stands at.
package struct ShellHandoff: Sendable {
  /// The backend the file runs against.
  package var backend: RunnerBackend
  /// The file's interpreter: its variables, `$last` and context.
  package var interpreter: Interpreter
  /// The statement that runs next.
  package var location: ScriptLocation

  package init(backend: RunnerBackend, interpreter: Interpreter, location: ScriptLocation) {
    self.backend = backend
    self.interpreter = interpreter
    self.location = location
  }
}

/// Opens an interactive shell and returns when the presenter leaves it. The `talon`
/// executable supplies it (the runner links neither the shell nor libedit); without one, the
/// runner never opens a shell.
package typealias InteractiveShell = @Sendable (ShellHandoff) async -> Void
