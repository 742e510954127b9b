import Foundation
import TalonAPI
import TalonHTTP
import TalonTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Campaign files checked when they load, and read again by the shell's `reload` and by
/// `talon serve` on SIGHUP: the real binary, a real pseudo-terminal, a real server process.
@Suite("Campaign file checks and reload")
struct CampaignCheckTests {
  /// A campaign file with one campaign named `name` whose rule's condition is `condition` and
  /// whose discount is called `name` too.
  static func file(name: String, condition: String = "true", extra: String = "") -> String {
    #"""
    {"application": {"id": 1, "name": "Shop", "apiKey": "check-key"},\#(extra)
     "campaigns": [{"id": 1, "name": "\#(name)", "ruleset": {"rules": [
       {"title": "r", "condition": \#(condition), "effects": [["setDiscount", "\#(name)", 1]]}]}}]}
    """#
  }

  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "talon-checks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  static func write(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url, options: .atomic)
  }

  static let misspelt = #"[">", [".", "Session", "CartItemTotl"], 10]"#

  /// Issue 16's "done when": a misspelt field stops the shell with exit status 2 and the
  /// field's JSON pointer.
  @Test func aMisspeltFieldStopsTheShellWithItsPointer() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "shop.json")
    try Self.write(Self.file(name: "Big", condition: Self.misspelt), to: file)
    let outcome = try await TalonBinary.run([
      "--memory", "--campaigns", file.path, "-c", "campaigns",
    ])
    #expect(outcome.status == 2)
    #expect(outcome.standardOutput.isEmpty)
    #expect(
      outcome.standardError
        == "error: \(file.path): /campaigns/0/ruleset/rules/0/condition/1/2: unknown field Session.CartItemTotl (did you mean Session.CartItemTotal?)\n"
    )
  }

  /// An undeclared custom attribute without an `attributes` section: one warning on standard
  /// error, and the command runs with exit status 0.
  @Test func anUndeclaredAttributeIsAWarningPrintedOnce() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "shop.json")
    let condition =
      #"["and", [".|", true, [".", "Profile", "Attributes", "vip"]], [".|", true, [".", "Profile", "Attributes", "vip"]]]"#
    try Self.write(Self.file(name: "Vip", condition: condition), to: file)
    let outcome = try await TalonBinary.run([
      "--memory", "--campaigns", file.path, "-c", "campaigns",
    ])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("Vip"))
    #expect(
      outcome.standardError
        == "warning: \(file.path): /campaigns/0/ruleset/rules/0/condition/1/2/3: undeclared attribute Profile.Attributes.vip (declare it in the file's 'attributes')\n"
    )
    let workflow = folder.appending(path: "one.tw")
    try Self.write("echo \"ran\"\n", to: workflow)
    let run = try await TalonBinary.run(["run", "--campaigns", file.path, workflow.path])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(
      run.standardError.components(separatedBy: "undeclared attribute Profile.Attributes.vip")
        .count == 2)
    let declared = #""attributes": [{"name": "vip", "entity": "Profile", "type": "boolean"}],"#
    try Self.write(Self.file(name: "Vip", condition: condition, extra: declared), to: file)
    let quiet = try await TalonBinary.run(["--memory", "--campaigns", file.path, "-c", "campaigns"])
    #expect(quiet.status == 0)
    #expect(quiet.standardError.isEmpty)
  }

  /// `reload` in an interactive shell: the edited file's campaigns from the next statement; a
  /// file with errors is reported and the old campaigns stay.
  @Test func theShellReloadsTheEditedFile() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "shop.json")
    try Self.write(Self.file(name: "FirstVersion"), to: file)
    let terminal = try PseudoTerminal(
      executable: TalonBinary.url,
      arguments: ["--memory", "--no-rc", "--campaigns", file.path],
      environment: [
        "TERM": "xterm", "NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PAGER": "",
        "HOME": folder.path, "XDG_DATA_HOME": folder.path, "XDG_STATE_HOME": folder.path,
        "XDG_CONFIG_HOME": folder.path,
      ])
    try terminal.send("campaigns\r")
    try await terminal.waitFor("FirstVersion")
    try Self.write(Self.file(name: "SecondVersion"), to: file)
    try terminal.send("reload\r")
    try await terminal.waitFor("reloaded \(file.path): 1 campaigns")
    try terminal.send("campaigns\r")
    try await terminal.waitFor("SecondVersion")
    try Self.write(Self.file(name: "ThirdVersion", condition: Self.misspelt), to: file)
    try terminal.send("reload\r")
    try await terminal.waitFor("unknown field Session.CartItemTotl")
    try await terminal.waitFor("the campaigns loaded before stay")
    try terminal.send("campaigns\r")
    try await terminal.waitFor("SecondVersion")
    try terminal.send("exit\r")
    #expect(try await terminal.waitForExit() == 0)
    #expect(!terminal.transcript.contains("ThirdVersion"))
  }

  /// `talon serve` reads the file again on SIGHUP and logs it; a later request sees the new
  /// campaigns; a file with errors is logged and the old campaigns stay.
  @Test func serveReloadsOnSIGHUP() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "shop.json")
    try Self.write(Self.file(name: "FirstVersion"), to: file)
    let server = try await ServeProcess.start(
      ["--port", "0", "--memory", "--campaigns", file.path])
    func discount(_ session: String) async throws -> JSONValue? {
      try await withClient(server.url, apiKey: "check-key") { client in
        let state = try await client.updateCustomerSessionV2(
          customerSessionId: session,
          body: IntegrationRequest(
            customerSession: NewCustomerSessionV2(
              profileId: "p",
              cartItems: [CartItem(name: "a", sku: "A", quantity: 1, price: 20)])))
        return state.effects.first { $0.effectType == "setDiscount" }?.props["name"]
      }
    }
    #expect(try await discount("s1") == "FirstVersion")

    try Self.write(Self.file(name: "SecondVersion"), to: file)
    server.send(SIGHUP)
    try await waitUntil(30, "the reload to be logged") {
      server.errorText.contains("reloaded \(file.path): 1 campaigns")
    }
    #expect(try await discount("s2") == "SecondVersion")

    try Self.write(Self.file(name: "ThirdVersion", condition: Self.misspelt), to: file)
    server.send(SIGHUP)
    try await waitUntil(30, "the refused reload to be logged") {
      server.errorText.contains("the campaigns loaded before stay")
    }
    #expect(server.errorText.contains("unknown field Session.CartItemTotl"))
    #expect(try await discount("s3") == "SecondVersion")
    #expect(try await server.stop() == 0)
  }
}
