import Foundation
import TalonTestSupport
import Testing

/// Shell commands in workflow files: `set output` works everywhere, the shell-only ones are
/// found when the file is checked; and `help` explains statements too.
@Suite("Shell commands in files, help for statements")
struct ShellCommandsInFilesTests {
  @Test func setOutputInAFileChangesHowVerboseShowsResults() async throws {
    let outcome = try await TalonBinary.run(
      ["run", "--verbose", RunCommandTests.fixture("set-output.tw")])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    // The full result under the result line: one line of JSON, not indented JSON.
    let lines = outcome.standardOutput.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    #expect(lines.contains { $0.hasPrefix("{\"") && $0.contains("\"integrationId\":\"ann\"") })
    #expect(!lines.contains("\"profile\": {"))
  }

  @Test func aShellOnlyCommandInAFileIsTwoBeforeAnythingRuns() async throws {
    let file = RunCommandTests.fixture("shell-only.tw")
    let outcome = try await TalonBinary.run(["run", file])
    #expect(outcome.status == 2)
    #expect(
      outcome.standardError.contains(
        "\(file):3:3: error: 'connect' works only in the interactive shell"),
      "\(outcome.standardError)")
    #expect(!outcome.standardOutput.contains("profile update ann"))
  }

  @Test(arguments: ["let", "expect", "for", "if", "run", "repeat", "set output"])
  func helpExplainsStatementsWithAnExample(word: String) async throws {
    let outcome = try await TalonBinary.run(["--memory", "--no-rc", "-c", "help \(word)"])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput.hasPrefix("usage: \(word)"), "\(outcome.standardOutput)")
    #expect(outcome.standardOutput.contains("\nexample:\n  "))
  }
}
