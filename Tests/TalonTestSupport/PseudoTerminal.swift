import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A child process running on a pseudo-terminal, driven like a person at a keyboard: write
/// keystrokes, wait for text to appear, wait for the exit status.
///
/// How the child gets the pty as its controlling terminal: `posix_spawn` with
/// `POSIX_SPAWN_SETSID` makes the child a session leader with no terminal; then the spawn's
/// file actions open the pty's slave (`/dev/pts/N` of a `/dev/ptmx` master) by path as fd 0 (without `O_NOCTTY`), which on Linux
/// makes it the session's controlling terminal, and duplicate it to fds 1 and 2. glibc runs
/// `setsid` before the file actions. So Ctrl-C written to the master becomes SIGINT for the
/// child, as in a real terminal. (`fork` is not usable from Swift, and Foundation's `Process`
/// gives no controlling terminal.)
///
/// Waiting never sleeps for a fixed time: ``waitFor(_:timeout:)`` polls the master with the
/// time left until its deadline and returns as soon as the text has arrived.
/// Its waits run off the concurrency pool (``offThePool(_:)``); one test drives it at a time,
/// awaiting each call, hence `@unchecked Sendable`.
package final class PseudoTerminal: @unchecked Sendable {
  /// glibc's flag (a GNU extension Swift does not import).
  private static let spawnSetSID: Int32 = 0x80
  /// Linux's TIOCSPTLCK (unlock the slave) and TIOCGPTN (the slave's number): `_IOW`/`_IOR`
  /// macros that Swift does not import.
  private static let unlockRequest: UInt = 0x4004_5431
  private static let numberRequest: UInt = 0x8004_5430

  package let pid: pid_t
  private let master: Int32
  /// Everything the child has written so far (raw bytes, escape sequences included).
  private(set) var output: [UInt8] = []
  /// Where the next ``waitFor(_:timeout:)`` starts looking.
  private var searchStart = 0
  private var status: Int32?

  /// Starts `executable` with `arguments` and exactly `environment` on a new pty of the
  /// given size.
  package init(
    executable: URL, arguments: [String] = [], environment: [String: String],
    columns: UInt16 = 100, rows: UInt16 = 30
  ) throws {
    // posix_openpt/grantpt/unlockpt/ptsname are X/Open functions that Swift's Glibc module
    // does not import; on Linux they are /dev/ptmx plus two ioctls, done here directly.
    master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard master >= 0 else { throw PseudoTerminalError.system("open /dev/ptmx", errno) }
    var unlock: Int32 = 0
    var number: UInt32 = 0
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    guard ioctl(master, Self.unlockRequest, &unlock) == 0,
      ioctl(master, Self.numberRequest, &number) == 0,
      ioctl(master, UInt(TIOCSWINSZ), &size) == 0
    else {
      let code = errno
      close(master)
      throw PseudoTerminalError.system("pty setup", code)
    }
    let slavePath = "/dev/pts/\(number)"

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    // The child must not inherit the test process's other descriptors: a listening socket of a
    // server test running in parallel would stay open in the child and accept connections
    // after that server closed it.
    guard closeDescriptors(from: 3, in: &actions) else {
      throw PseudoTerminalError.system("posix_spawn_file_actions_addclosefrom_np", errno)
    }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigfillset(&defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(
      &attributes,
      Int16(Self.spawnSetSID | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)))

    let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for string in argv + envp { free(string) }
    }
    var child: pid_t = 0
    let result = posix_spawn(&child, executable.path, &actions, &attributes, argv, envp)
    guard result == 0 else {
      close(master)
      throw PseudoTerminalError.system("posix_spawn \(executable.path)", result)
    }
    pid = child
  }

  deinit {
    if status == nil {
      kill(pid, SIGKILL)
      var raw: Int32 = 0
      waitpid(pid, &raw, 0)
    }
    close(master)
  }

  /// Types `text` (control characters included, e.g. "\u{03}" for Ctrl-C).
  package func send(_ text: String) throws {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        throw PseudoTerminalError.system("write", errno)
      }
      bytes = bytes.dropFirst(written)
    }
  }

  /// Waits until `text` appears in the output after the previous match, then moves past it.
  /// Throws, with the output seen, when `timeout` passes first.
  package func waitFor(_ text: String, timeout: Duration = .seconds(10)) async throws {
    try await offThePool { [self] in try waitForBlocking(text, timeout: timeout) }
  }

  private func waitForBlocking(_ text: String, timeout: Duration) throws {
    let needle = Array(text.utf8)
    let deadline = ContinuousClock.now + timeout
    while true {
      if let end = find(needle) {
        searchStart = end
        return
      }
      let left = deadline - ContinuousClock.now
      guard left > .zero, readOutput(waitingUpTo: left) != .closed else {
        throw PseudoTerminalError.timeout(waitingFor: text, output: transcript)
      }
    }
  }

  /// Waits for the child to exit and returns its exit status (128 + N for signal N).
  package func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32 {
    try await offThePool { [self] in try waitForExitBlocking(timeout: timeout) }
  }

  private func waitForExitBlocking(timeout: Duration) throws -> Int32 {
    let deadline = ContinuousClock.now + timeout
    while status == nil {
      var raw: Int32 = 0
      let result = waitpid(pid, &raw, WNOHANG)
      if result == pid {
        status = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        break
      }
      let left = deadline - ContinuousClock.now
      guard left > .zero else {
        throw PseudoTerminalError.timeout(waitingFor: "exit", output: transcript)
      }
      // Output keeps flowing until the child has gone; wait on it in short slices so the
      // exit is noticed soon even when the child writes nothing more.
      if readOutput(waitingUpTo: min(left, .milliseconds(20))) == .closed {
        usleep(1000)
      }
    }
    return status ?? -1
  }

  /// The output as text, for failure messages.
  package var transcript: String {
    String(decoding: output, as: UTF8.self)
  }

  private enum ReadResult {
    case data, nothing, closed
  }

  /// Reads what arrives within `limit`.
  private func readOutput(waitingUpTo limit: Duration) -> ReadResult {
    let (seconds, attoseconds) = limit.components
    let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    let ready = poll(&descriptor, 1, max(1, milliseconds))
    if ready == 0 || (ready < 0 && errno == EINTR) { return .nothing }
    guard ready > 0 else { return .closed }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = read(master, &buffer, buffer.count)
    if count < 0 && errno == EINTR { return .nothing }
    // EIO: every process has closed the terminal's other end.
    guard count > 0 else { return .closed }
    output.append(contentsOf: buffer[0..<count])
    return .data
  }

  private func find(_ needle: [UInt8]) -> Int? {
    guard !needle.isEmpty, output.count - searchStart >= needle.count else { return nil }
    for start in searchStart...(output.count - needle.count)
    where output[start..<start + needle.count].elementsEqual(needle) {
      return start + needle.count
    }
    return nil
  }
}

package enum PseudoTerminalError: Error, CustomStringConvertible {
  case system(String, Int32)
  case timeout(waitingFor: String, output: String)

  package var description: String {
    switch self {
    case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
    case .timeout(let text, let output):
      "timed out waiting for \(text.debugDescription); output:\n\(output.debugDescription)"
    }
  }
}

/// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+), which Swift's Glibc module does not
/// import, looked up at run time.
private func closeDescriptors(
  from lowest: Int32, in actions: inout posix_spawn_file_actions_t
) -> Bool {
  typealias AddCloseFrom =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
  guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np")
  else { return false }
  return unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, lowest) == 0
}
