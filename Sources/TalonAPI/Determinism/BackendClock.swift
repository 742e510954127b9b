import Foundation

/// A backend whose clock can be read and moved: the embedded engine conforms, a remote
/// Talon.One does not. The language's `clock` statements and `now()` use it when the backend
/// offers it.
///
/// Decided in `docs/behaviour.md`, "Clock": a seeded run uses a virtual clock starting at
/// 2020-06-01T12:00:00Z that moves only when told to; otherwise the real clock plus any advance.
public protocol BackendClock: Sendable {
  /// The backend's current time.
  func now() async -> Date
  /// The backend's current time, or why it cannot be read (a remote server without test
  /// control). `clock` statements use this one.
  func readClock() async throws -> Date
  /// Moves the clock to `date`; later reads continue from there.
  func setClock(to date: Date) async throws
  /// Moves the clock forward by `seconds` (must not be negative).
  func advanceClock(by seconds: TimeInterval) async throws
}

extension BackendClock {
  public func readClock() async throws -> Date { await now() }

  /// Where the virtual clock of a seeded run starts.
  public static var virtualEpoch: Date { Date(timeIntervalSince1970: 1_591_012_800) }
}
