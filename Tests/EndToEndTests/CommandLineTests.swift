import Foundation
import TalonAPI
import TalonTestSupport
import Testing

@Suite("The talon executable")
struct CommandLineTests {
  @Test func versionPrintsTheVersion() async throws {
    let outcome = try await TalonBinary.run(["--version"])
    #expect(outcome.status == 0)
    #expect(outcome.standardOutput == TalonVersion.current + "\n")
  }

  @Test func helpDescribesTheTool() async throws {
    let outcome = try await TalonBinary.run(["--help"])
    #expect(outcome.status == 0)
    #expect(outcome.standardOutput.contains("USAGE: talon"))
    #expect(outcome.standardOutput.contains("Integration API"))
  }

  @Test func anUnknownOptionFailsWithUsage() async throws {
    let outcome = try await TalonBinary.run(["--no-such-option"])
    #expect(outcome.status == 2)
    #expect(outcome.standardError.contains("Unknown option '--no-such-option'"))
  }

  @Test(arguments: [
    ["run", "--no-such-option"], ["serve", "--port", "abc"],
    ["run", "--quiet", "--verbose", "x.tw"],
  ])
  func usageErrorsOfSubcommandsExitTwo(arguments: [String]) async throws {
    let outcome = try await TalonBinary.run(arguments)
    #expect(outcome.status == 2, "\(outcome.standardError)")
    #expect(
      outcome.standardError.contains("Usage: talon \(arguments[0])")
        || outcome.standardError.contains("error"))
  }
}
