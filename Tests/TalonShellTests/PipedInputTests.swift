import Foundation
import Testing

/// The shell with standard input from a pipe: no prompt, no history, stop at the first
/// failure with its exit code.
@Suite("Piped input")
struct PipedInputTests {
  struct Outcome {
    var status: Int32
    var output: String
    var errors: String
  }

  func run(_ input: String, home: ShellDemo) throws -> Outcome {
    let process = Process()
    process.executableURL = ShellDemo.executable
    process.environment = home.environment()
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
      errors: String(decoding: errors, as: UTF8.self))
  }

  @Test func runsStatementsAndStopsAtTheFirstFailure() throws {
    let home = try ShellDemo()
    defer { home.remove() }
    let outcome = try run("echo a\n{ b,\n c }\nfail 2\necho never\n", home: home)
    #expect(outcome.status == 2)
    #expect(outcome.output == "echo: echo a\necho[2 lines]: { b, |  c }\n")
    #expect(outcome.errors == "demo failure\n")
    #expect(!FileManager.default.fileExists(atPath: home.historyFile.path))
  }

  @Test func endOfInputExitsWithStatusZero() throws {
    let home = try ShellDemo()
    defer { home.remove() }
    let outcome = try run("echo a\n", home: home)
    #expect(outcome.status == 0)
    #expect(outcome.output == "echo: echo a\n")
  }

  @Test func incompleteTextAtTheEndIsStillEvaluated() throws {
    let home = try ShellDemo()
    defer { home.remove() }
    let outcome = try run("echo a\n{ b,\n", home: home)
    #expect(outcome.status == 0)
    #expect(outcome.output == "echo: echo a\necho: { b,\n")
  }
}
