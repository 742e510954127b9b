import Foundation
import Testing

/// `record start FILE.tw` / `record status` / `record stop` in the shell (through a pipe, which
/// runs the same evaluator as the terminal, and in a pty), and replaying a recording.
@Suite("Recording")
struct RecordingTests {
  @Test func successfulStatementsAreWrittenAsTypedWithAHeader() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    let file = home.home.appending(path: "session.tw")
    let script = """
      record start \(file.path)
      profile update ann tier=gold
      let order = {
        sku: SHOE-1,
      }
      expect $order.sku == "SHOE-1"
      let creds = {key: "sk-live-1"}
      echo $order.sku
      record status
      record stop
      echo not recorded

      """
    let outcome = try await home.run(
      ["--memory", "--seed", "7"], input: script)
    #expect(outcome.status == 0, "\(outcome.errors)")
    #expect(outcome.output.contains("recording to \(file.path)"))
    #expect(outcome.output.contains("note: not recorded (it may contain a secret)"))
    #expect(outcome.output.contains("(4 statements so far)"))
    let text = try String(contentsOf: file, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0].hasPrefix("# talon recording, 20"))
    #expect(text.contains("# backend: embedded (memory)\n"))
    #expect(text.contains("# campaigns: built-in demo shop\n"))
    #expect(text.contains("# seed: 7\n"))
    #expect(text.contains("# replay (from this folder): talon run --seed 7 session.tw\n"))
    #expect(
      text.hasSuffix(
        "profile update ann tier=gold\nlet order = {\n  sku: SHOE-1,\n}\nexpect $order.sku == \"SHOE-1\"\necho $order.sku\n"
      ))
    #expect(!text.contains("record "))
    #expect(!text.contains("sk-live-1"))
    let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func anExistingFileIsKeptUnlessForcedAndAUsedStoreIsNamed() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    let file = home.home.appending(path: "kept.tw")
    try "# mine\n".write(to: file, atomically: true, encoding: .utf8)
    let refused = try await home.run(["--memory"], input: "record start \(file.path)\n")
    #expect(refused.status == 3)
    #expect(refused.errors.contains("kept.tw exists; `record start"))
    #expect(try String(contentsOf: file, encoding: .utf8) == "# mine\n")

    let forced = try await home.run(
      ["--memory"], input: "profile update bo\nrecord start \(file.path) force\nrecord stop\n")
    #expect(forced.status == 0)
    #expect(forced.output.contains("warning: the store was not fresh"))
    #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("# talon recording"))
  }

  @Test func aRecordingOfAFreshSeededShellReplaysToTheSameResults() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    let file = home.home.appending(path: "explore.tw")
    let shell = try await home.start(["--memory", "--seed", "5", "--output", "json"])
    try await shell.enter("record start \(file.path)", expecting: "recording to")
    try await shell.enter(
      "profile update amy tier=gold", expecting: "}", prompt: "talon embedded amy> ")
    // Each key goes in once the prompt shows, as a person types.
    for (line, result) in [
      ("use session new", "\"s-"),
      (
        "session update items=[{sku: SHOE-1, name: Runner, price: 150, quantity: 1}]",
        "\"effects\":"
      ),
      ("event track newsletter_signup name=Amy", "WELCOME-"),
      ("record stop", "recording stopped"),
    ] {
      try shell.send(line + "\r")
      try await shell.waitFor(result)
      try await shell.waitFor("talon embedded amy/s-")
      try await shell.waitFor("> ")
    }
    try shell.send("\u{04}")
    #expect(try await shell.waitForExit() == 0)

    let replay = try await home.run(
      ["--memory", "--seed", "5", "--output", "json"],
      input: try String(contentsOf: file, encoding: .utf8))
    #expect(replay.status == 0, "\(replay.errors)")
    let recorded = Self.jsonLines(shell.transcript.replacingOccurrences(of: "\r\n", with: "\n"))
    let replayed = Self.jsonLines(replay.output)
    #expect(recorded.count == 4)
    #expect(recorded == replayed)
  }

  /// The lines of `text` that are results in json output: objects, and the made-up session id.
  static func jsonLines(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter {
      $0.hasPrefix("{\"") || $0.hasPrefix("\"s-")
    }
  }
}
