import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// One keep-alive HTTP/1.1 connection without TLS, on the client's event loop: the short way
/// for `http://` URLs (`talon serve`, a local proxy), one request at a time.
///
/// Why: `talon run` against `talon serve` sends one request at a time and waits for it.
/// AsyncHTTPClient's general machinery (connection pool, request state machines, a request
/// object that parses the URL again) cost about as much CPU per request as the rest of a
/// statement, and it wrote each request's head and body with two system calls, so the server
/// read most requests in two pieces. This connection writes a request in one call and reads
/// the answer whole. It answers only when idle (`isIdle`); the client sends through
/// AsyncHTTPClient otherwise (requests at once from several tasks) and always for `https://`.
///
/// Failures are those AsyncHTTPClient reports, so the client classifies them the same way:
/// a refused connection (`NIOConnectionError`, `IOError`), `HTTPClientError.connectTimeout`,
/// `.remoteConnectionClosed` (the server closed before answering) and `.deadlineExceeded`. A failed or cancelled exchange closes the connection; the next request
/// opens another. All state lives on the event loop.
final class PlainConnection: @unchecked Sendable {
  private let loop: any EventLoop
  private let host: String
  private let port: Int
  private let connectTimeout: TimeAmount
  private let maxBodySize: Int
  /// The open connection, if any (event loop only).
  private var channel: (any Channel)?
  /// Whether a request is under way (event loop only).
  private var busy = false
  /// Set once by `shutdown()`; read from any thread, so that nothing is asked of a loop that
  /// may have stopped.
  private let isShutDown = Atomic<Bool>(false)

  /// What came back: the status, the headers and the body.
  struct Answer: Sendable {
    var head: HTTPResponseHead
    var body: ByteBuffer
  }

  init(loop: any EventLoop, host: String, port: Int, connectTimeout: TimeAmount, maxBodySize: Int) {
    self.loop = loop
    self.host = host
    self.port = port
    self.connectTimeout = connectTimeout
    self.maxBodySize = maxBodySize
  }

  /// Sends the request when no other is under way; nil (nothing sent) when one is. From
  /// another thread than the loop's (the shell's tasks), it asks the loop first.
  func sendIfIdle(_ head: HTTPRequestHead, body: ByteBuffer?, deadline: NIODeadline) async
    -> EventLoopFuture<Answer>?
  {
    // After shutdown, AsyncHTTPClient reports the client as shut down.
    if isShutDown.load(ordering: .acquiring) { return nil }
    if loop.inEventLoop { return send0(head, body: body, deadline: deadline) }
    return try? await loop.submit { self.send0(head, body: body, deadline: deadline) }.get()
  }

  /// Closes the connection; later requests go to AsyncHTTPClient, which fails them. Call it
  /// before the event loop stops; later calls do nothing.
  func shutdown() async {
    guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
    try? await loop.flatSubmit {
      guard let channel = self.channel else { return self.loop.makeSucceededVoidFuture() }
      self.channel = nil
      return channel.close().recover { _ in }
    }.get()
  }

  /// Cancels the exchange under way: closes its connection, which fails it.
  func cancel() {
    loop.execute {
      guard self.busy, let channel = self.channel else { return }
      self.channel = nil
      channel.close(promise: nil)
    }
  }

  private func send0(_ head: HTTPRequestHead, body: ByteBuffer?, deadline: NIODeadline)
    -> EventLoopFuture<Answer>?
  {
    guard !busy, !isShutDown.load(ordering: .acquiring) else { return nil }
    busy = true
    let answer = connection().flatMap { channel in
      self.exchange(on: channel, head, body: body, deadline: deadline)
    }
    answer.whenComplete { result in
      self.busy = false
      if case .failure = result, let channel = self.channel {
        // The connection's state is unknown after a failure: the next request opens another.
        self.channel = nil
        channel.close(promise: nil)
      }
    }
    return answer
  }

  private func connection() -> EventLoopFuture<any Channel> {
    if let channel, channel.isActive { return loop.makeSucceededFuture(channel) }
    channel = nil
    let maxBodySize = self.maxBodySize
    return ClientBootstrap(group: loop)
      .connectTimeout(connectTimeout)
      .channelOption(.socketOption(.tcp_nodelay), value: 1)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHTTPClientHandlers()
          try channel.pipeline.syncOperations.addHandler(
            AnswerCollector(maxBodySize: maxBodySize))
        }
      }
      .connect(host: host, port: port)
      .flatMapErrorThrowing { error in
        if case ChannelError.connectTimeout = error { throw HTTPClientError.connectTimeout }
        throw error
      }
      .map { channel in
        self.channel = channel
        return channel
      }
  }

  private func exchange(
    on channel: any Channel, _ head: HTTPRequestHead, body: ByteBuffer?, deadline: NIODeadline
  ) -> EventLoopFuture<Answer> {
    let promise = loop.makePromise(of: Answer.self)
    let collector: AnswerCollector
    do {
      collector = try channel.pipeline.syncOperations.handler(type: AnswerCollector.self)
    } catch {
      promise.fail(error)
      return promise.futureResult
    }
    collector.expect(promise)
    let timeout = loop.assumeIsolated().scheduleTask(deadline: deadline) {
      collector.fail(HTTPClientError.deadlineExceeded)
    }
    promise.futureResult.whenComplete { _ in timeout.cancel() }
    // Head, body and end leave with one flush: one system call for the whole request.
    channel.write(HTTPClientRequestPart.head(head), promise: nil)
    if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil) }
    channel.writeAndFlush(HTTPClientRequestPart.end(nil)).assumeIsolated().whenFailure { error in
      collector.fail(error)
    }
    return promise.futureResult
  }
}

/// Collects one answer at a time on a `PlainConnection`'s channel.
private final class AnswerCollector: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPClientResponsePart

  private let maxBodySize: Int
  private var promise: EventLoopPromise<PlainConnection.Answer>?
  private var head: HTTPResponseHead?
  private var body = ByteBuffer()

  init(maxBodySize: Int) {
    self.maxBodySize = maxBodySize
  }

  func expect(_ promise: EventLoopPromise<PlainConnection.Answer>) {
    self.promise = promise
    head = nil
    body.clear()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      // An interim answer (100 Continue) is not the answer.
      if head.status.code >= 100 && head.status.code < 200 { return }
      self.head = head
    case .body(var part):
      guard head != nil else { return }
      if body.readableBytes + part.readableBytes > maxBodySize {
        fail(HTTPClientError.bodyLengthMismatch)
        context.close(promise: nil)
        return
      }
      body.writeBuffer(&part)
    case .end:
      guard let head, let promise else { return }
      self.promise = nil
      self.head = nil
      let answer = PlainConnection.Answer(head: head, body: body)
      body = ByteBuffer()
      if !head.isKeepAlive { context.close(promise: nil) }
      promise.succeed(answer)
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    fail(HTTPClientError.remoteConnectionClosed)
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    fail(error)
    context.close(promise: nil)
  }

  /// Fails the answer awaited, if any.
  func fail(_ error: any Error) {
    guard let promise else { return }
    self.promise = nil
    promise.fail(error)
  }
}
