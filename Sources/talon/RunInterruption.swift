import Foundation
import Synchronization
import TalonRunner
import TalonShell

/// Ctrl-C during `talon run`: the first SIGINT cancels the run, whose statement then stops,
/// its file is marked interrupted, and the summary and reports are still written (exit 130);
/// a second SIGINT exits 130 at once.
enum RunInterruption {
  static func run(_ runner: WorkflowRunner) async -> WorkflowRunner.Outcome {
    let task = Task { await runner.run() }
    let count = Mutex(0)
    let watcher = SignalWatcher(signal: SIGINT) {
      let arrivals = count.withLock { value in
        value += 1
        return value
      }
      if arrivals == 1 {
        task.cancel()
      } else {
        Foundation.exit(130)
      }
    }
    let outcome = await task.value
    watcher.cancel()
    return outcome
  }
}
