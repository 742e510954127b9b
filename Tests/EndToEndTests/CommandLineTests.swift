import Foundation
import Testing

@Suite("The talon executable")
struct CommandLineTests {
  @Test func versionPrintsTheVersion() throws {
    let outcome = try TalonBinary.run(["--version"])
    #expect(outcome.status == 0)
    #expect(outcome.standardOutput == "0.1.0\n")
  }

  @Test func helpDescribesTheTool() throws {
    let outcome = try TalonBinary.run(["--help"])
    #expect(outcome.status == 0)
    #expect(outcome.standardOutput.contains("USAGE: talon"))
    #expect(outcome.standardOutput.contains("Integration API"))
  }

  @Test func anUnknownOptionFailsWithUsage() throws {
    let outcome = try TalonBinary.run(["--no-such-option"])
    #expect(outcome.status == 64)
    #expect(outcome.standardError.contains("Unknown option '--no-such-option'"))
  }
}
