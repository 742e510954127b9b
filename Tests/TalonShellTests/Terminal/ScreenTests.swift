import Foundation
import TalonAPI
import TalonTestSupport
import Testing

/// What an interactive shell shows around results: the banner, the pager, `clear`.
@Suite("The shell's screen", .serialized)
struct ScreenTests {
  let home: TalonHome

  init() throws {
    home = try TalonHome()
  }

  @Test func theShellStartsWithABanner() async throws {
    defer { home.remove() }
    let shell = try await home.start(prompt: "")
    try await shell.waitFor(
      "talon \(TalonVersion.current) · embedded (memory) · campaigns: Demo shop · type help")
    try await shell.waitFor("talon embedded> ")
    // Piped input gets no banner.
    let piped = try await home.run(["--memory"], input: "echo hi\n")
    #expect(piped.output == "hi\n")
  }

  @Test func resultsTallerThanTheTerminalGoThroughThePagerUntilItIsOff() async throws {
    defer { home.remove() }
    let shell = try await home.start(environment: ["PAGER": "sed 's/^/paged: /'"])
    // `help` is taller than the 30-row terminal: paged.
    try await shell.enter("help", expecting: "paged: Commands:")
    // A short result is not.
    try await shell.enter("echo short", expecting: "\r\nshort\r\n")
    try await shell.enter("set pager off", expecting: "pager: off")
    try await shell.enter("help", expecting: "\r\nCommands:\r\n")
    try await shell.enter("set pager on", expecting: "pager: sed 's/^/paged: /'")
    try await shell.enter("help", expecting: "paged: Commands:")
  }

  @Test func clearClearsTheScreenAndIsRefusedInAFile() async throws {
    defer { home.remove() }
    let shell = try await home.start()
    try await shell.enter("clear", expecting: "\u{1B}[H\u{1B}[2J")
    let script = home.home.appending(path: "clear.tw")
    try Data("clear\n".utf8).write(to: script)
    let run = try await home.run(["run", script.path])
    #expect(run.status == 2)
    #expect(
      run.errors.contains("works only in the interactive shell")
        || run.output.contains("works only"))
  }
}
