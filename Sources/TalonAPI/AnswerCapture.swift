import Synchronization

/// Where an `IntegrationAPI` that receives its answers as JSON (the HTTP client) leaves the
/// answer of the call running in the current task, as it arrived, next to the typed value it
/// returns.
///
/// Why: the script interpreter shows every result as JSON (`$last`, the result line). For a
/// remote answer it would otherwise encode the typed value straight back into the JSON that
/// was just parsed, which cost more than the rest of printing a result. Decided here: an
/// answer kept this way is the answer as sent, so fields the typed models do not know (a newer
/// Talon.One) stay visible. Backends that compute their answers (the embedded engine) leave
/// nothing, and callers then encode the typed value.
public final class AnswerCapture: Sendable {
  /// The capture of the running task, set by the caller around one API call.
  @TaskLocal public static var current: AnswerCapture?

  private let answer = Mutex<JSONValue?>(nil)

  public init() {}

  /// Called by the API with the answer's JSON.
  public func record(_ value: JSONValue) {
    answer.withLock { $0 = value }
  }

  /// The recorded answer, if the API left one.
  public var value: JSONValue? {
    answer.withLock { $0 }
  }
}
