import NIOCore

/// Runs Swift tasks on one NIO event loop: the loop the HTTP client's connection lives on.
///
/// Why: `talon run` over HTTP sends one request at a time and waits for it. With its tasks on
/// Swift's shared pool, each request went from a pool thread to the event loop and the answer
/// back again, two thread wake-ups per statement that curl does not pay. Giving the runner's
/// task this executor as its preference keeps the interpreter, the client and the socket on
/// one thread. Decided here: only the runner uses it; nothing on that path may block waiting
/// for the event loop itself.
public final class EventLoopTaskExecutor: TaskExecutor, Sendable {
  let loop: any EventLoop

  init(loop: any EventLoop) {
    self.loop = loop
  }

  /// Whether the caller runs on the client's event loop.
  public var isCurrent: Bool { loop.inEventLoop }

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
