import Foundation

/// Runs the built `talon` executable, found beside the test runner in the build products
/// folder (`swift build --build-tests` builds every product); `TALON_BINARY` overrides the path.
package enum TalonBinary {
  package struct Outcome: Sendable {
    package var status: Int32
    package var standardOutput: String
    package var standardError: String
  }

  package static var url: URL {
    if let path = ProcessInfo.processInfo.environment["TALON_BINARY"] {
      return URL(fileURLWithPath: path)
    }
    let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    let beside = runner.deletingLastPathComponent().appending(path: "talon")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return package.appending(path: ".build/debug/talon")
  }

  /// Runs talon with `arguments` and standard input `input`, waiting for it to exit. The
  /// environment is this process's with `environment` merged in, or exactly `environment`
  /// when `inheriting` is false; it runs in `directory` when one is given.
  /// The wait happens on a thread of its own, off the concurrency pool.
  package static func run(
    _ arguments: [String], input: String = "", environment: [String: String] = [:],
    inheriting: Bool = true, directory: URL? = nil
  ) async throws -> Outcome {
    try await offThePool {
      try runBlocking(
        arguments, input: input, environment: environment, inheriting: inheriting,
        directory: directory)
    }
  }

  private static func runBlocking(
    _ arguments: [String], input: String, environment: [String: String],
    inheriting: Bool, directory: URL?
  ) throws -> Outcome {
    let process = Process()
    process.executableURL = url
    if let directory { process.currentDirectoryURL = directory }
    process.arguments = arguments
    process.environment =
      inheriting
      ? ProcessInfo.processInfo.environment.merging(environment) { $1 } : environment
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Standard error is drained on its own thread, so a chatty child cannot fill that pipe
    // and stall while this thread waits for the end of standard output.
    let errors = PipeReader(stderr.fileHandleForReading)
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus,
      standardOutput: String(decoding: output, as: UTF8.self),
      standardError: String(decoding: errors.wait(), as: UTF8.self))
  }
}

/// Reads a pipe to its end on a background thread.
private final class PipeReader: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var data = Data()

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}
