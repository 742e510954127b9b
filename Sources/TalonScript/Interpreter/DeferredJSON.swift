import Foundation
import Synchronization
import TalonAPI

/// A statement's value that may be computed only when first read: an API result is kept as
/// the typed answer and turned into a `JSONValue` when someone looks at it (`$last`, a pipe,
/// the printer), then kept.
///
/// Why: most statements' results are only printed, and `talon run` prints on another thread,
/// so the conversion runs there, next to the next statement instead of before it. Reads from
/// several threads are safe; the conversion runs once. Decided here: a result that cannot be
/// encoded (never seen for the wire models) reads as `null`.
public final class DeferredJSON: Sendable {
  private enum State {
    case ready(JSONValue)
    case pending(@Sendable () -> JSONValue)
  }

  private let state: Mutex<State>

  /// A value that is already there.
  public init(_ value: JSONValue) {
    state = Mutex(.ready(value))
  }

  /// The JSON form of `result`, made on first read.
  public init(encoding result: some Encodable & Sendable) {
    state = Mutex(.pending({ (try? JSONValueEncoder.encode(result)) ?? .null }))
  }

  public var value: JSONValue {
    state.withLock { state in
      switch state {
      case .ready(let value):
        return value
      case .pending(let make):
        let value = make()
        state = .ready(value)
        return value
      }
    }
  }

  static let null = DeferredJSON(.null)
}
