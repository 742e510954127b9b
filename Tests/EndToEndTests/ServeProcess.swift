import Foundation
import Synchronization
import TalonTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Waits until `condition` holds, checking every few milliseconds, for at most `seconds`.
func waitUntil(
  _ seconds: Double, _ what: String, _ condition: @Sendable () async throws -> Bool
) async throws {
  let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
  while try await !condition() {
    guard ContinuousClock.now < deadline else { throw TimedOut(what: what) }
    try await Task.sleep(for: .milliseconds(5))
  }
}

/// A `talon serve` child process of the built binary: launched with its arguments, waited on
/// until it prints its one `listening on http://HOST:PORT` line, then stopped with SIGTERM (a
/// graceful shutdown that must exit 0) or killed with SIGKILL. Standard output and standard
/// error (the access log) are drained continuously, so a busy server never blocks on a full
/// pipe; both are kept for assertions.
///
/// The child gets a private `XDG_DATA_HOME` and no `TALON_API_KEY` / `TALON_URL` from the
/// environment running the tests, so it never touches the user's files or keys.
final class ServeProcess: @unchecked Sendable {
  /// `http://HOST:PORT` from the listening line, once `waitUntilListening` returned.
  private(set) var url = ""
  private let process = Process()
  private let standardOutput = OutputBuffer()
  private let standardError = OutputBuffer()
  private let dataHome: URL

  /// Launches `talon serve ARGUMENTS` without waiting for anything.
  init(_ arguments: [String], environment: [String: String] = [:]) throws {
    dataHome = FileManager.default.temporaryDirectory.appending(
      path: "talon-serve-xdg-\(UUID().uuidString)")
    var childEnvironment = ProcessInfo.processInfo.environment
    childEnvironment["TALON_API_KEY"] = nil
    childEnvironment["TALON_URL"] = nil
    childEnvironment["XDG_DATA_HOME"] = dataHome.path
    childEnvironment.merge(environment) { $1 }
    process.executableURL = TalonBinary.url
    process.arguments = ["serve"] + arguments
    process.environment = childEnvironment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = standardOutput.pipe
    process.standardError = standardError.pipe
    try process.run()
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    try? FileManager.default.removeItem(at: dataHome)
  }

  /// Launches `talon serve ARGUMENTS` and waits until it listens.
  static func start(
    _ arguments: [String], environment: [String: String] = [:], timeout: Double = 30
  ) async throws -> ServeProcess {
    let server = try ServeProcess(arguments, environment: environment)
    try await server.waitUntilListening(timeout: timeout)
    return server
  }

  /// Waits for the listening line (failing early, with standard error, if the server exits).
  func waitUntilListening(timeout: Double = 30) async throws {
    try await waitUntil(timeout, "`talon serve` to print its listening line") {
      if self.standardOutput.text.contains("\n") { return true }
      if !self.process.isRunning {
        throw ServeFailure(
          "talon serve exited with \(self.process.terminationStatus) before listening: "
            + self.errorText)
      }
      return false
    }
    let line = outputText.split(separator: "\n").first.map(String.init) ?? ""
    guard line.hasPrefix("listening on http://") else {
      throw ServeFailure("unexpected first line of talon serve: \(line)")
    }
    url = String(line.dropFirst("listening on ".count))
  }

  /// The port of `url`.
  var port: Int { Int(url.split(separator: ":").last ?? "") ?? 0 }

  /// Everything printed on standard output so far.
  var outputText: String { standardOutput.text }
  /// Everything printed on standard error so far (the access log, errors).
  var errorText: String { standardError.text }

  /// Sends `signal` to the server.
  func send(_ signal: Int32) {
    kill(process.processIdentifier, signal)
  }

  /// Waits (at most `timeout` seconds) for the server to exit; its status, or the signal that
  /// ended it as a negative number.
  @discardableResult
  func waitForExit(timeout: Double = 30) async throws -> Int32 {
    try await waitUntil(timeout, "`talon serve` to exit") { !self.process.isRunning }
    process.waitUntilExit()
    return process.terminationReason == .uncaughtSignal
      ? -process.terminationStatus : process.terminationStatus
  }

  /// SIGTERM, then waits for the exit; the exit status (0 after a graceful shutdown).
  @discardableResult
  func stop(timeout: Double = 30) async throws -> Int32 {
    send(SIGTERM)
    return try await waitForExit(timeout: timeout)
  }

  /// SIGKILL (no shutdown at all), then waits for the process to be gone.
  func crash() async throws {
    send(SIGKILL)
    let status = try await waitForExit()
    guard status == -SIGKILL else {
      throw ServeFailure("talon serve ended with \(status) before SIGKILL reached it")
    }
  }
}

/// `talon serve` did not behave as a test needs it to (exited early, printed something else).
struct ServeFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// A pipe whose read end is drained into memory as data arrives.
private final class OutputBuffer: @unchecked Sendable {
  let pipe = Pipe()
  private let data = Mutex(Data())

  init() {
    pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let chunk = handle.availableData
      guard let self, !chunk.isEmpty else {
        handle.readabilityHandler = nil
        return
      }
      self.append(chunk)
    }
  }

  private func append(_ chunk: Data) {
    data.withLock { $0.append(chunk) }
  }

  var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }
}
