import Foundation
import TalonAPI
import TalonTestSupport
import Testing

/// The small truths of issue 17 with the real binary: real lines in piped errors, a failed
/// command that leaves the context alone, `connect` that checks the key, repeated `-c`,
/// sentences instead of raw messages, one exit status for a bad campaign file, and the
/// virtual clock (`--seed`, `--clock`) said and settable.
@Suite("Small truths of the shell, the runner and the server")
struct SmallTruthsTests {
  static func shell(_ arguments: [String], input: String = "") async throws -> TalonBinary.Outcome {
    try await TalonBinary.run(
      ["--memory"] + arguments, input: input,
      environment: ["TALON_API_KEY": "", "TALON_URL": ""])
  }

  // MARK: Piped input and the context

  @Test func errorsInPipedInputCarryTheirRealLine() async throws {
    let outcome = try await Self.shell(
      [], input: "echo one\n\n# a comment\necho [1,\n  2]\nlet x = 12abc\n")
    #expect(outcome.status == 2)
    #expect(outcome.standardError.hasPrefix("<input>:6:9: error:"), "\(outcome.standardError)")
    let runtime = try await Self.shell([], input: "echo one\necho $nothing\n")
    #expect(runtime.status == 3)
    #expect(runtime.standardError.hasPrefix("<input>:2:6: error:"), "\(runtime.standardError)")
  }

  @Test func aFailedCommandLeavesTheContextAsItWas() async throws {
    let outcome = try await Self.shell(
      [],
      input: """
        profile update alice
        session update s1 items=[{sku: A, name: A, price: 10, quantity: 1}]
        cart add sku=B price=5
        expect error 404 profile inventory nobody
        expect $profile == "alice"
        expect $session == "s1"
        expect error 404 GetCustomerInventory nobody
        expect $profile == "alice"
        expect len($last.errors) == 1

        """)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    let failing = try await Self.shell(
      ["-c", "profile update alice", "-c", "profile inventory nobody", "-c", "echo $profile"])
    #expect(failing.status == 3)
    #expect(!failing.standardOutput.contains("nobody"))
  }

  @Test func repeatedDashCRunInOrderAndStopAtTheFirstFailure() async throws {
    let outcome = try await Self.shell([
      "-c", "let x = 1", "-c", "echo $x first", "-c", "echo second",
    ])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput == "1 first\nsecond\n")
    let failed = try await Self.shell(["-c", "echo one", "-c", "expect 1 == 2", "-c", "echo three"])
    #expect(failed.status == 1)
    #expect(failed.standardOutput == "one\n")
    #expect(failed.standardError.hasPrefix("<-c 2>:1:8: error:"), "\(failed.standardError)")
  }

  // MARK: connect

  @Test func connectChecksTheKeyAndKeepsTheOldBackendWhenRefused() async throws {
    let server = try await ServeProcess.start(["--port", "0", "--memory", "--api-key", "right"])
    let wrong = try await Self.shell(["-c", "connect \(server.url) key=wrong"])
    #expect(wrong.status == 3)
    #expect(wrong.standardError.contains("the key was refused"), "\(wrong.standardError)")
    #expect(wrong.standardError.contains("still connected to embedded (memory)"))
    let right = try await Self.shell([
      "-c", "connect \(server.url) key=right", "-c", "profile update zed",
      "-c", "expect $profile == \"zed\"",
    ])
    #expect(right.status == 0, "\(right.standardError)")
    #expect(right.standardOutput.hasPrefix("connected to \(server.url)"))
    try await server.stop()
  }

  @Test func connectFromAMemoryStoreWithDataAsksFirst() async throws {
    let refused = try await Self.shell([], input: "profile update ann\nconnect embedded\n")
    #expect(refused.status == 3)
    #expect(refused.standardError.contains("would be lost"), "\(refused.standardError)")
    #expect(refused.standardError.contains("force"))
    let forced = try await Self.shell(
      [],
      input: "profile update ann\nconnect embedded force\nexpect error 404 profile inventory ann\n")
    #expect(forced.status == 0, "\(forced.standardError)")
    let empty = try await Self.shell([], input: "connect embedded\n")
    #expect(empty.status == 0, "\(empty.standardError)")
  }

  // MARK: Sentences instead of raw messages

  @Test func aFolderGivenToRunIsNamedAsOne() async throws {
    let folder = try TemporaryFolder()
    let outcome = try await TalonBinary.run(["run", folder.url.path + "/"])
    #expect(outcome.status == 2)
    #expect(outcome.standardError.contains("this is a folder, not a workflow file"))
    #expect(!outcome.standardError.contains("NSCocoaErrorDomain"))
  }

  @Test func aBusyPortIsASentence() async throws {
    let server = try await ServeProcess.start(["--port", "0", "--memory"])
    let outcome = try await TalonBinary.run(["serve", "--port", String(server.port), "--memory"])
    #expect(outcome.status != 0)
    #expect(
      outcome.standardError.contains("the port is already in use"), "\(outcome.standardError)")
    #expect(!outcome.standardError.contains("errno"))
    #expect(!outcome.standardError.contains("bind("))
    try await server.stop()
  }

  @Test func aFractionWhereAWholeNumberBelongsIsNamed() async throws {
    let outcome = try await Self.shell([
      "-c",
      "UpdateCustomerSessionV2 s1 {customerSession: {cartItems: [{name: a, sku: s, quantity: 1.5, price: 1}]}}",
    ])
    #expect(outcome.status == 3)
    #expect(outcome.standardError.contains("expected a whole number, not 1.5"))
    #expect(!outcome.standardError.contains("Parsed JSON"))
  }

  @Test func retriesSayWhatHappenedOnce() async throws {
    let port = try ReservedPort()
    defer { port.release() }
    let outcome = try await TalonBinary.run(
      [
        "--url", "http://127.0.0.1:\(port.port)", "--api-key", "k", "--verbose",
        "-c", "profile inventory x",
      ], environment: ["TALON_API_KEY": "", "TALON_URL": ""])
    #expect(outcome.status == 3)
    #expect(outcome.standardError.contains("trying again in 0.2 s (attempt 2 of 3)"))
    #expect(outcome.standardError.contains("trying again in 0.4 s (attempt 3 of 3)"))
    #expect(!outcome.standardError.contains("attempts); "))
    #expect(outcome.standardError.contains("(gave up after 3 attempts)"))
  }

  @Test func helpOfAValueSaysWhatHelpIsFor() async throws {
    let outcome = try await Self.shell(["-c", "help $last"])
    #expect(outcome.status == 3)
    #expect(outcome.standardError.contains("this is a value"))
    #expect(!outcome.standardError.contains("'null'"))
  }

  @Test func oneStatementIsSingular() async throws {
    let folder = try TemporaryFolder()
    let outcome = try await Self.shell(
      [], input: "record start \(folder.path("one.tw"))\necho hi\nrecord stop\n")
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("(1 statement)"))
  }

  @Test func aBadCampaignFileExitsTwoEverywhereWithLineAndColumn() async throws {
    let folder = try TemporaryFolder()
    let bad = folder.path("bad.json")
    try "{\n  \"application\": {\"id\": 1},\n  \"campaigns\": [,]\n}\n".write(
      toFile: bad, atomically: true, encoding: .utf8)
    let workflow = folder.path("w.tw")
    try "echo hi\n".write(toFile: workflow, atomically: true, encoding: .utf8)
    let runs: [[String]] = [
      ["--memory", "--campaigns", bad, "-c", "echo hi"],
      ["--memory", "--campaigns", bad],
      ["run", "--campaigns", bad, workflow],
      ["serve", "--port", "0", "--memory", "--campaigns", bad],
    ]
    for arguments in runs {
      let outcome = try await TalonBinary.run(arguments, input: "echo hi\n")
      #expect(outcome.status == 2, "\(arguments): \(outcome.standardError)")
      #expect(outcome.standardError.contains("line 3, column 17"), "\(outcome.standardError)")
    }
  }

  // MARK: The virtual clock

  @Test func theRunHeaderSaysWhereTheVirtualClockStands() async throws {
    let folder = try TemporaryFolder()
    let workflow = folder.path("clock.tw")
    try "let now = clock\nexpect $now == $args.expected\n".write(
      toFile: workflow, atomically: true, encoding: .utf8)
    let seeded = try await TalonBinary.run(
      ["run", "--seed", "1", "--var", "expected=2020-06-01T12:00:00Z", workflow])
    #expect(seeded.status == 0, "\(seeded.standardOutput)")
    #expect(
      seeded.standardOutput.hasPrefix(
        "seed 1, virtual clock at 2020-06-01T12:00:00Z (--seed; --clock TIME sets another)"))
    let set = try await TalonBinary.run(
      ["run", "--clock", "2026-03-01", "--var", "expected=2026-03-01T00:00:00Z", workflow])
    #expect(set.status == 0, "\(set.standardOutput)")
    #expect(set.standardOutput.hasPrefix("virtual clock at 2026-03-01T00:00:00Z (--clock)"))
    let shell = try await Self.shell(["--clock", "2026-03-01T09:30:00Z", "-c", "clock"])
    #expect(shell.standardOutput == "\"2026-03-01T09:30:00Z\"\n")
    let bad = try await TalonBinary.run(["run", "--clock", "soon", workflow])
    #expect(bad.status == 2)
    #expect(bad.standardError.contains("--clock must be an RFC 3339 time"))
  }
}
