import Foundation

/// A `talon serve` child process on a free loopback port: started with `--port 0`, ready once
/// it prints `listening on http://HOST:PORT`, stopped with SIGTERM (which must exit 0).
final class ServeProcess: @unchecked Sendable {
  enum Failure: Error, CustomStringConvertible {
    case notListening(output: String, errors: String)
    case didNotStop
    var description: String {
      switch self {
      case .notListening(let output, let errors):
        "talon serve did not say where it listens; stdout: \(output.debugDescription); stderr: \(errors.debugDescription)"
      case .didNotStop: "talon serve did not exit after SIGTERM"
      }
    }
  }

  private let process = Process()
  private let lock = NSLock()
  private var output = Data()
  private var errors = Data()
  private let ready = DispatchSemaphore(value: 0)
  private let exited = DispatchSemaphore(value: 0)
  /// `http://127.0.0.1:PORT`.
  private(set) var url = ""

  /// Starts `talon serve` with `arguments` (after `serve --port 0`) and waits for its line.
  init(arguments: [String], timeout: Duration = .seconds(30)) throws {
    process.executableURL = TalonBinary.url
    process.arguments = ["serve", "--port", "0"] + arguments
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = FileHandle.nullDevice
    stdout.fileHandleForReading.readabilityHandler = { [weak self] handle in
      self?.received(handle.availableData, error: false)
    }
    stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
      self?.received(handle.availableData, error: true)
    }
    process.terminationHandler = { [exited, ready] _ in
      exited.signal()
      ready.signal()
    }
    try process.run()
    let deadline = DispatchTime.now() + .milliseconds(Int(timeout.components.seconds * 1000))
    _ = ready.wait(timeout: deadline)
    guard let found = listeningURL() else {
      process.terminate()
      throw Failure.notListening(output: text(error: false), errors: text(error: true))
    }
    url = found
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
  }

  private func received(_ data: Data, error: Bool) {
    guard !data.isEmpty else { return }
    let isReady: Bool = lock.withLock {
      if error {
        if errors.count < 1 << 20 { errors.append(data) }
        return false
      }
      output.append(data)
      return url.isEmpty && String(decoding: output, as: UTF8.self).contains("\n")
    }
    if isReady { ready.signal() }
  }

  private func text(error: Bool) -> String {
    lock.withLock { String(decoding: error ? errors : output, as: UTF8.self) }
  }

  private func listeningURL() -> String? {
    let prefix = "listening on "
    for line in text(error: false).split(separator: "\n") where line.hasPrefix(prefix) {
      return String(line.dropFirst(prefix.count))
    }
    return nil
  }

  /// Sends SIGTERM and returns the exit status, waiting at most `timeout`.
  func stop(timeout: Duration = .seconds(30)) throws -> Int32 {
    kill(process.processIdentifier, SIGTERM)
    let deadline = DispatchTime.now() + .milliseconds(Int(timeout.components.seconds * 1000))
    guard exited.wait(timeout: deadline) == .success else { throw Failure.didNotStop }
    process.waitUntilExit()
    return process.terminationStatus
  }
}
