import Foundation
import Testing

/// `record start FILE.tw` / `record status` / `record stop` in the shell (driven through a pipe,
/// which runs the same evaluator as the terminal).
@Suite("Recording")
struct RecordingTests {
  @Test func successfulStatementsAreWrittenAsTypedWithAHeader() throws {
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
    let outcome = try home.run(
      ["--memory", "--seed", "7"], input: script)
    #expect(outcome.status == 0, "\(outcome.errors)")
    #expect(outcome.output.contains("recording to \(file.path)"))
    #expect(outcome.output.contains("note: not recorded (it may contain a secret)"))
    #expect(outcome.output.contains("(4 statements so far)"))
    let text = try String(contentsOf: file, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0].hasPrefix("# talon recording, 20"))
    #expect(text.contains("# backend: embedded (memory)\n"))
    #expect(text.contains("# campaign pack: Demo shop\n"))
    #expect(text.contains("# seed: 7 (replay: talon run --seed 7 FILE.tw)\n"))
    #expect(
      text.hasSuffix(
        "profile update ann tier=gold\nlet order = {\n  sku: SHOE-1,\n}\nexpect $order.sku == \"SHOE-1\"\necho $order.sku\n"
      ))
    #expect(!text.contains("record "))
    #expect(!text.contains("sk-live-1"))
    let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func anExistingFileIsKeptUnlessForcedAndAUsedStoreIsNamed() throws {
    let home = try TalonHome()
    defer { home.remove() }
    let file = home.home.appending(path: "kept.tw")
    try "# mine\n".write(to: file, atomically: true, encoding: .utf8)
    let refused = try home.run(["--memory"], input: "record start \(file.path)\n")
    #expect(refused.status == 3)
    #expect(refused.errors.contains("kept.tw exists; `record start"))
    #expect(try String(contentsOf: file, encoding: .utf8) == "# mine\n")

    let forced = try home.run(
      ["--memory"], input: "profile update bo\nrecord start \(file.path) force\nrecord stop\n")
    #expect(forced.status == 0)
    #expect(forced.output.contains("warning: the store was not fresh"))
    #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("# talon recording"))
  }
}
