import TalonAPI

/// The interpreter's state between top-level statements, as a value: presenter mode keeps one
/// per step so that `b` (back) and `g N` (go to) show the same results again, and the shell a
/// demo opens starts from the demo's state.
public struct InterpreterSnapshot: Sendable {
  fileprivate var variables: [String: JSONValue]
  fileprivate var arguments: [String: JSONValue]
  fileprivate var context: ContextState
  fileprivate var last: DeferredJSON
  fileprivate var outputFormat: String?
  fileprivate var random: SeededRandom?
}

extension Interpreter {
  /// The top-level variables and `$args`, the context (profile, session, carts), `$last`, the
  /// output format and the seeded random source as they are now.
  public func snapshot() -> InterpreterSnapshot {
    InterpreterSnapshot(
      variables: frames[0].variables, arguments: frames[0].arguments, context: contextState,
      last: lastDeferred, outputFormat: outputFormat, random: random)
  }

  /// Puts back what ``snapshot()`` took (of this interpreter or of another one on the same
  /// backend).
  public func restore(_ snapshot: InterpreterSnapshot) {
    frames = [frames[0]]
    frames[0].variables = snapshot.variables
    frames[0].arguments = snapshot.arguments
    contextState = snapshot.context
    lastDeferred = snapshot.last
    outputFormat = snapshot.outputFormat
    random = snapshot.random
  }
}
