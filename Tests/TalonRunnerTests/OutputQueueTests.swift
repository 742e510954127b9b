import Foundation
import Synchronization
import Testing

@testable import TalonRunner

/// The printer thread of `talon run`: everything submitted is printed once, in order, by the
/// time `drain()` returns, with a small limit as with none, and `close()` ends it.
@Suite("Output queue")
struct OutputQueueTests {
  private final class Lines: Sendable {
    let lines = Mutex<[Int]>([])
    func add(_ line: Int) { lines.withLock { $0.append(line) } }
    var all: [Int] { lines.withLock { $0 } }
  }

  @Test(arguments: [1, 4, 256])
  func everythingIsPrintedInOrderByDrain(limit: Int) {
    let queue = OutputQueue(enabled: true, limit: limit)
    let printed = Lines()
    for line in 0..<2_000 {
      queue.submit { printed.add(line) }
      if line == 1_000 {
        queue.drain()
        #expect(printed.all == Array(0...1_000))
      }
    }
    queue.close()
    #expect(printed.all == Array(0..<2_000))
  }

  /// A result submitted after the printer went to sleep (a slow statement) is still printed.
  @Test func aPrinterAsleepIsWokenBySubmit() async throws {
    let queue = OutputQueue(enabled: true)
    let printed = Lines()
    queue.submit { printed.add(1) }
    queue.drain()
    try await waitUntil { queue.printerIsAsleep }
    queue.submit { printed.add(2) }
    try await waitUntil { printed.all.count == 2 }
    #expect(printed.all == [1, 2])
    queue.close()
  }

  /// Polls `condition` until it holds, failing after ten seconds.
  private func waitUntil(_ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while !condition() {
      guard ContinuousClock.now < deadline else {
        Issue.record("timed out")
        return
      }
      try await Task.sleep(for: .milliseconds(1))
    }
  }

  @Test func disabledQueuesPrintAtOnce() {
    let queue = OutputQueue(enabled: false)
    let printed = Lines()
    queue.submit { printed.add(7) }
    #expect(printed.all == [7])
    queue.close()
  }
}
