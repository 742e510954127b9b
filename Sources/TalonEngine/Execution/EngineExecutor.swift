import Foundation

/// The engine's own thread, as a task executor: `EmbeddedEngine` runs every operation here, one
/// after the other, so that no thread of Swift's shared pool ever waits on the store.
///
/// Why a thread of its own: the engine runs each operation as one synchronous SQLite
/// transaction. Run on the shared pool, concurrent callers (the requests of `talon serve`) would
/// each hold a pool thread while waiting for the store, leaving none to parse and encode other
/// requests; and each handover to the next waiting call meant waking another thread between two
/// transactions. Here the next call is already queued on the same thread, which runs it as soon
/// as the previous one returns. A caller that makes its calls from this executor (the runner and
/// the shell prefer it, see `IntegrationAPI.preferredTaskExecutor`) pays no hop at all.
///
/// The thread waits for work on a condition (a thread really waits there, so `NSCondition`),
/// and ends after `stop()` once the jobs queued before are done.
public final class EngineExecutor: TaskExecutor, @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []
  private var stopping = false
  private var thread: pthread_t?

  init(name: String) {
    Thread { [self] in self.run(name: name) }.start()
  }

  /// Whether the caller runs on the executor's thread.
  public var isCurrentThread: Bool {
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

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  private func run(name: String) {
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
