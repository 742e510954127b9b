import Foundation
import Synchronization
import TalonAPI

/// The engine's clock and random source, shared by all operations (see `EngineConfiguration`).
final class EngineRuntime: Sendable {
  struct State: Sendable {
    var offset: TimeInterval = 0
    var virtualNow: Date?
    var random: SeededRandom?
  }

  private let state: Mutex<State>
  /// The state it started with, for ``restart()``.
  private let initial: State

  /// A seed starts the virtual clock at `clockStart`, or at `BackendClock.virtualEpoch`
  /// (2020-06-01T12:00:00Z) when that is nil; `clockStart` alone starts it there too.
  init(seed: UInt64?, clockStart: Date? = nil) {
    var initial = State()
    if let seed {
      initial.virtualNow = Date(timeIntervalSince1970: 1_591_012_800)
      initial.random = SeededRandom(seed: seed)
    }
    if let clockStart { initial.virtualNow = clockStart }
    self.initial = initial
    state = Mutex(initial)
  }

  /// Back to the start: the clock where it began, the random source at its seed.
  func restart() {
    let initial = initial
    state.withLock { $0 = initial }
  }

  /// The clock and the random source as plain values, to keep in a store several instances
  /// share (`SharedState`).
  struct Snapshot: Codable, Sendable, Equatable {
    /// The virtual clock's time, nil when the clock is the real one plus `offset`.
    var virtualNow: Date?
    var offset: TimeInterval
    /// The seeded random source's position (decimal, as JSON numbers lose 64-bit integers).
    var random: String?
  }

  /// Where the clock and the random source stand now.
  func snapshot() -> Snapshot {
    state.withLock { Self.snapshot(of: $0) }
  }

  /// Moves the clock and the random source to `snapshot`.
  func load(_ snapshot: Snapshot) {
    state.withLock { state in
      state.virtualNow = snapshot.virtualNow
      state.offset = snapshot.offset
      state.random = snapshot.random.flatMap(UInt64.init).map { SeededRandom(seed: $0) }
    }
  }

  private static func snapshot(of state: State) -> Snapshot {
    Snapshot(
      virtualNow: state.virtualNow, offset: state.offset,
      random: state.random.map { String($0.position) })
  }

  /// The clock and random source as they are now, for an engine snapshot.
  var saved: State { state.withLock { $0 } }

  /// Puts back what ``saved`` gave.
  func restore(_ saved: State) {
    state.withLock { $0 = saved }
  }

  func now() -> Date {
    state.withLock { state in
      state.virtualNow ?? Date().addingTimeInterval(state.offset)
    }
  }

  func set(to date: Date) {
    state.withLock { state in
      if state.virtualNow != nil {
        state.virtualNow = date
      } else {
        state.offset = date.timeIntervalSinceNow
      }
    }
  }

  func advance(by seconds: TimeInterval) {
    state.withLock { state in
      if let now = state.virtualNow {
        state.virtualNow = now.addingTimeInterval(seconds)
      } else {
        state.offset += seconds
      }
    }
  }

  /// A copy for one dry run: its clock stands at `now` and its random source continues from
  /// this one's without moving it, so codes drawn in a dry run are not drawn from the engine's.
  func dryRunCopy(at now: Date) -> EngineRuntime {
    let copy = EngineRuntime(seed: nil)
    let random = state.withLock { $0.random }
    copy.state.withLock { copied in
      copied.virtualNow = now
      copied.random = random
    }
    return copy
  }

  /// A code from the settings' pattern.
  func code(_ settings: CodeGeneratorSettings) -> String {
    state.withLock { state in
      if var random = state.random {
        defer { state.random = random }
        return CodeGenerator.code(settings, using: &random)
      }
      var system = SystemRandomNumberGenerator()
      return CodeGenerator.code(settings, using: &system)
    }
  }
}
