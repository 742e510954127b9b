import Synchronization

/// A first-come, first-served gate for async code: `enter` suspends while another holder is
/// inside, `leave` admits the next waiter. Not reentrant. Waiters are suspended tasks, never
/// threads, so a `Mutex` guards the state.
final class AsyncGate: Sendable {
  private struct State {
    var occupied = false
    var waiters: [CheckedContinuation<Void, Never>] = []
  }

  private let state = Mutex(State())

  func enter() async {
    let admitted = state.withLock { state in
      if state.occupied { return false }
      state.occupied = true
      return true
    }
    if admitted { return }
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let admittedNow = state.withLock { state in
        if !state.occupied {
          state.occupied = true
          return true
        }
        state.waiters.append(continuation)
        return false
      }
      if admittedNow { continuation.resume() }
    }
  }

  func leave() {
    let next: CheckedContinuation<Void, Never>? = state.withLock { state in
      guard !state.waiters.isEmpty else {
        state.occupied = false
        return nil
      }
      // As many waiters as calls in flight: removing the first is cheap enough.
      return state.waiters.removeFirst()
    }
    next?.resume()
  }
}
