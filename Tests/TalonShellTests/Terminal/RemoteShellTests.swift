import Foundation
import TalonTestSupport
import Testing

/// The shell against a remote Integration API: a real `talon serve` on loopback, and a
/// listening socket that never answers (to cancel a request in flight).
@Suite("talon shell against a server", .serialized)
struct RemoteShellTests {
  /// `talon serve --memory --port 0` until stopped.
  final class Server {
    let process = Process()
    let url: String

    init(home: TalonHome, key: String, arguments: [String] = []) throws {
      process.executableURL = TalonHome.executable
      process.arguments = ["serve", "--memory", "--port", "0", "--api-key", key] + arguments
      process.environment = home.environment()
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      try process.run()
      let line = try Self.firstLine(of: output.fileHandleForReading.fileDescriptor)
      guard let range = line.range(of: "http://") else {
        throw PseudoTerminalError.timeout(waitingFor: "listening on", output: line)
      }
      url = String(line[range.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func stop() {
      process.terminate()
      process.waitUntilExit()
    }

    /// The first line written to `fd`, waiting at most 10 seconds.
    static func firstLine(of fd: Int32) throws -> String {
      var bytes: [UInt8] = []
      let deadline = ContinuousClock.now + .seconds(10)
      while !bytes.contains(UInt8(ascii: "\n")) {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard ContinuousClock.now < deadline, poll(&descriptor, 1, 100) >= 0 else { break }
        guard descriptor.revents != 0 else { continue }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { break }
        bytes += buffer[0..<count]
      }
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  @Test func dashCWithVerboseTracesTheRequestWithTheKeyMasked() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    let server = try Server(home: home, key: "serve-key-1")
    defer { server.stop() }
    let outcome = try await home.run(
      [
        "--url", server.url, "--api-key", "serve-key-1", "--verbose", "--output", "json", "-c",
        "profile update zed tier=gold",
      ])
    #expect(outcome.status == 0, "\(outcome.errors)")
    #expect(outcome.output.contains("\"integrationId\":\"zed\""))
    #expect(outcome.errors.contains("> PUT /v2/customer_profiles/zed?runRuleEngine=true HTTP/1.1"))
    #expect(outcome.errors.contains("ApiKey-v1 ****"))
    #expect(outcome.errors.contains("< HTTP/1.1 200 OK"))
    #expect(!outcome.errors.contains("serve-key-1"))
  }

  @Test func theInteractiveShellTalksToTheServerAndRefusesReset() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    let server = try Server(home: home, key: "serve-key-2")
    defer { server.stop() }
    let keyFile = home.home.appending(path: "key")
    try "serve-key-2\n".write(to: keyFile, atomically: true, encoding: .utf8)
    let shell = try await home.start(
      ["--url", server.url, "--api-key-file", keyFile.path], prompt: "talon 127.0.0.1> ")
    try await shell.enter(
      "profile update zoe", expecting: "profile zoe",
      prompt: "talon 127.0.0.1 zoe> ")
    try await shell.enter(
      "reset force", expecting: "has no test control",
      prompt: "talon 127.0.0.1 zoe> ")
    try await shell.enter(
      "echo serve-key-2", expecting: "\r\nserve-key-2\r\n", prompt: "talon 127.0.0.1 zoe> ")
    try shell.send("\u{04}")
    #expect(try await shell.waitForExit() == 0)
    let history = try String(contentsOf: home.historyFile, encoding: .utf8)
    #expect(history.contains("profile\\040update\\040zoe"))
    #expect(!history.contains("serve-key-2"))
  }

  @Test func ctrlCCancelsARequestInFlight() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    // A socket that listens but never accepts: connections complete, answers never come.
    let listener = try ReservedPort(listening: true)
    defer { listener.release() }
    let port = listener.port

    // Started with --url: `connect` would check the key first, and that read never answers.
    let shell = try await home.start(
      ["--memory", "--url", "http://127.0.0.1:\(port)", "--api-key", "k"],
      prompt: "talon 127.0.0.1> ")
    // The echo proves the statement runs (the terminal has left editing mode), so the
    // Ctrl-C below is a SIGINT and not a key for the line editor.
    try await shell.enter("repeat 1 {", expecting: "... ", prompt: "")
    try await shell.enter("echo requesting", expecting: "... ", prompt: "")
    try await shell.enter("profile update hung", expecting: "... ", prompt: "")
    try await shell.enter("}", expecting: "requesting\r\n", prompt: "")
    let interrupted = ContinuousClock.now
    try shell.send("\u{03}")
    try await shell.waitFor("cancelled", timeout: .seconds(2))
    try await shell.waitFor("talon 127.0.0.1", timeout: .seconds(2))
    #expect(ContinuousClock.now - interrupted < .seconds(1))
    try await shell.enter(
      "connect embedded", expecting: "connected to embedded", prompt: "talon embedded> ")
    try await shell.enter("echo alive", expecting: "\r\nalive\r\n")
  }

  @Test func sigtermWhileACommandRunsExitsWithStatusZero() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    let shell = try await home.start()
    try await shell.enter("repeat 1 {", expecting: "... ", prompt: "")
    try await shell.enter("echo sleeping now", expecting: "... ", prompt: "")
    try await shell.enter("sleep 30", expecting: "... ", prompt: "")
    try await shell.enter("}", expecting: "sleeping now", prompt: "")
    kill(shell.pid, SIGTERM)
    #expect(try await shell.waitForExit() == 0)
    let history = try String(contentsOf: home.historyFile, encoding: .utf8)
    #expect(history.contains("sleep\\04030"))
  }
}
