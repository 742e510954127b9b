import Foundation

/// A task executor with one thread of its own, on which `SerializedAPI` runs the engine's
/// calls back to back.
///
/// Why: the engine runs each operation synchronously, one at a time. Run on Swift's shared
/// pool, every handover to the next waiting request meant waking another thread, and that wake
/// sat between two engine calls. Here the next call is already queued on the same thread, which
/// runs it as soon as the previous one returns; requests return to the shared pool to encode
/// their answers. The thread holds the executor until `stop()` (called when the owning
/// `SerializedAPI` goes away), then ends once the jobs queued before are done.
final class LaneExecutor: TaskExecutor, @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []
  private var stopping = false
  private let name: String
  private var thread: pthread_t?

  init(name: String) {
    self.name = name
    Thread { [self] in self.run() }.start()
  }

  /// Whether the caller runs on the lane's thread.
  var isCurrentThread: Bool {
    condition.lock()
    defer { condition.unlock() }
    return thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
  }

  /// Lets the thread end after the jobs already queued.
  func stop() {
    condition.lock()
    stopping = true
    condition.signal()
    condition.unlock()
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  private func run() {
    let executor = asUnownedTaskExecutor()
    condition.lock()
    thread = pthread_self()
    condition.unlock()
    Thread.current.name = name
    while true {
      condition.lock()
      while jobs.isEmpty && !stopping { condition.wait() }
      if jobs.isEmpty {
        condition.unlock()
        return
      }
      let batch = jobs
      jobs.removeAll(keepingCapacity: true)
      condition.unlock()
      for job in batch { job.runSynchronously(on: executor) }
    }
  }
}
