import Dispatch
import Foundation
import Synchronization
import Testing

@testable import TalonShell

@Suite("Signals and cancellation")
struct SignalWatcherTests {
  @Test func aWatchedSignalCallsTheHandlerInsteadOfItsDefaultAction() {
    let received = DispatchSemaphore(value: 0)
    let watcher = SignalWatcher(signal: SIGURG) { received.signal() }
    defer { watcher.cancel() }
    kill(getpid(), SIGURG)
    #expect(received.wait(timeout: .now() + .seconds(5)) == .success)
  }

  @Test func theInterruptTargetCountsInterruptsOfTheCurrentCommand() {
    let target = InterruptTarget()
    #expect(!target.interrupt())
    let seen = Counter()
    target.set { seen.add($0) }
    #expect(target.interrupt())
    #expect(target.interrupt())
    #expect(seen.values == [1, 2])
    #expect(target.clear() == 2)
    #expect(!target.interrupt())
  }

  @Test func aCancelBeforeTheTaskExistsStillCancelsIt() async {
    let canceller = TaskCanceller()
    canceller.cancel()
    let started = ContinuousClock.now
    // The sleep is long and the bound loose: other suites may keep the cooperative pool busy
    // for seconds, but a cancel that got lost would still take the whole two minutes.
    let task = Task<Void, Never> { try? await Task.sleep(for: .seconds(120)) }
    canceller.attach(task)
    await task.value
    #expect(task.isCancelled)
    #expect(ContinuousClock.now - started < .seconds(60))
  }
}

/// Values collected from another thread.
final class Counter: Sendable {
  private let collected = Mutex<[Int]>([])

  func add(_ value: Int) {
    collected.withLock { $0.append(value) }
  }

  var values: [Int] {
    collected.withLock { $0 }
  }
}
