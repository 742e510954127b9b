import Foundation
import TalonTestSupport
import Testing

/// The real `talon` shell (`talon --memory --seed 1`) driven through a pseudo-terminal, as a
/// person would use it: libedit, the command language, the embedded engine, the history file,
/// completion and signals all take part.
///
/// Keys are sent once the prompt shows, as a person would: keys typed while a statement runs
/// meet the terminal in its normal mode.
@Suite("talon in a pseudo-terminal", .serialized)
struct InteractiveTalonTests {
  let home: TalonHome
  let prompt = "talon embedded> "

  init() throws {
    home = try TalonHome()
  }

  @Test func profileAndSessionUpdatesShowTheirEffectsAndThePromptTheContext() async throws {
    defer { home.remove() }
    // On a terminal results show as summaries unless `--output` or `set output` say otherwise.
    let shell = try await home.start()
    try await shell.enter(
      "profile update alice tier=gold", expecting: "profile alice", prompt: "talon embedded alice> "
    )
    try shell.send(
      "session update s1 items=[{sku: SHOE-1, name: Runner, price: 120, quantity: 1, category: shoes}] coupons=[SUMMER10, NOPE]\r"
    )
    try await shell.waitFor("session s1 (profile alice, open)")
    try await shell.waitFor("NOPE rejected: CouponNotFound")
    try await shell.waitFor("SUMMER10 accepted")
    try await shell.waitFor("loyalty   +120 points to alice")
    try await shell.waitFor("20% off shoes on SHOE-1: -24.00")
    try await shell.waitFor("total 120.00 before discounts, 78.00 after (discounts -42.00)")
    try await shell.waitFor("talon embedded alice/s1> ")
    try await shell.enter("use profile bob", expecting: "talon embedded bob> ", prompt: "")
  }

  @Test func arrowUpRecallsThePreviousLineAlsoAfterARestart() async throws {
    defer { home.remove() }
    let first = try await home.start()
    try await first.enter("echo first line", expecting: "first line")
    try await first.enter("echo second line", expecting: "second line")
    try await first.enter("\u{1B}[A\u{1B}[A", expecting: "\r\nfirst line\r\n")
    try first.send("\u{04}")
    #expect(try await first.waitForExit() == 0)

    let second = try await home.start()
    try await second.enter("\u{1B}[A", expecting: "\r\nfirst line\r\n")
    try await second.enter("\u{1B}[A\u{1B}[A", expecting: "\r\nsecond line\r\n")
  }

  @Test func linesWithAnAPIKeyStayOutOfTheHistoryFile() async throws {
    defer { home.remove() }
    let server = try RemoteShellTests.Server(home: home, key: "sk-live-1")
    defer { server.stop() }
    let shell = try await home.start()
    try await shell.enter(
      "connect \(server.url) key=sk-live-1", expecting: "connected to \(server.url)",
      prompt: "talon 127.0.0.1> ")
    try await shell.enter("echo sk-live-1", expecting: "sk-live-1", prompt: "talon 127.0.0.1> ")
    try await shell.enter("connect embedded", expecting: "connected to embedded")
    try await shell.enter(" echo hidden", expecting: "hidden")
    try await shell.enter("echo visible", expecting: "visible")

    let history = try String(contentsOf: home.historyFile, encoding: .utf8)
    #expect(history.contains("echo\\040visible"))
    #expect(!history.contains("sk-live-1"))
    #expect(!history.contains("hidden"))
    let attributes = try FileManager.default.attributesOfItem(atPath: home.historyFile.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func tabCompletesCommandsArgumentKeysAndFieldsOfLastAlsoInInterpolations() async throws {
    defer { home.remove() }
    let shell = try await home.start()
    // libedit redraws a completed word by moving the cursor, so the proof of each completion
    // is what the completed line does.
    try await shell.enter("ech\tdone", expecting: "\r\ndone\r\n")
    // `up` extends to `update`, the common prefix of `update` and `update-v1`.
    try await shell.enter(
      "profile up\t alice tier=gold", expecting: "profile alice",
      prompt: "talon embedded alice> ")
    try await shell.enter(
      "session update s1 coup\t[SUMMER10]", expecting: "SUMMER10 accepted",
      prompt: "talon embedded alice/s1> ")
    try await shell.enter(
      "echo $last.eff\t[0].effectType", expecting: "\r\nacceptCoupon\r\n",
      prompt: "talon embedded alice/s1> ")
    // Inside "${...}" references are written without `$`, and complete all the same.
    try await shell.enter(
      "echo \"first: ${last.eff\t[0].effectType}\"", expecting: "\r\nfirst: acceptCoupon\r\n",
      prompt: "talon embedded alice/s1> ")
  }

  @Test func aMultiLineObjectLiteralIsAccepted() async throws {
    defer { home.remove() }
    let shell = try await home.start()
    try await shell.enter("let order = {", expecting: "... ", prompt: "")
    try await shell.enter("  sku: SHOE-1,", expecting: "... ", prompt: "")
    try await shell.enter("  price: 19.99,", expecting: "... ", prompt: "")
    try await shell.enter("}", expecting: prompt, prompt: "")
    try await shell.enter("echo $order.price", expecting: "\r\n19.99\r\n")
  }

  @Test func ctrlCDuringSleepReturnsToThePromptWithinASecond() async throws {
    defer { home.remove() }
    let shell = try await home.start()
    try await shell.enter("repeat 1 {", expecting: "... ", prompt: "")
    try await shell.enter("echo sleeping now", expecting: "... ", prompt: "")
    try await shell.enter("sleep 30", expecting: "... ", prompt: "")
    try await shell.enter("}", expecting: "sleeping now", prompt: "")
    let interrupted = ContinuousClock.now
    try shell.send("\u{03}")
    try await shell.waitFor("cancelled", timeout: .seconds(1))
    try await shell.waitFor(prompt, timeout: .seconds(1))
    #expect(ContinuousClock.now - interrupted < .seconds(1))
    try await shell.enter("echo still here", expecting: "\r\nstill here\r\n")
  }

  @Test func aSecondCtrlCGivesUpOnACommandThatIgnoresCancellation() async throws {
    defer { home.remove() }
    // `run` of a named pipe blocks in a read that cancellation cannot reach, until a writer
    // comes: the shell's "stop waiting" path.
    let fifo = home.home.appending(path: "pipe.tw")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    let shell = try await home.start()
    try await shell.enter("repeat 1 {", expecting: "... ", prompt: "")
    try await shell.enter("echo reading", expecting: "... ", prompt: "")
    try await shell.enter("run \(fifo.path)", expecting: "... ", prompt: "")
    try await shell.enter("}", expecting: "reading\r\n", prompt: "")
    // Wait until the shell holds the pipe open for reading (only then can a non-blocking
    // writer open it): from there on it is blocked in a read that cancellation cannot reach.
    // A Ctrl-C sent earlier would cancel the block cleanly before `run` starts.
    let deadline = ContinuousClock.now + .seconds(10)
    var writer = open(fifo.path, O_WRONLY | O_NONBLOCK)
    while writer < 0 && ContinuousClock.now < deadline {
      usleep(10_000)
      writer = open(fifo.path, O_WRONLY | O_NONBLOCK)
    }
    #expect(writer >= 0)
    try shell.send("\u{03}")
    try await shell.waitFor("still running; press Ctrl-C again to stop waiting")
    try shell.send("\u{03}")
    try await shell.waitFor("interrupted; the command may still finish in the background")
    try await shell.waitFor(prompt)
    _ = "echo from the pipe\n".withCString { write(writer, $0, strlen($0)) }
    close(writer)
    try await shell.enter("echo next", expecting: "\r\nnext\r\n")
  }

  @Test func ctrlCOnThePromptClearsTheLine() async throws {
    defer { home.remove() }
    let shell = try await home.start()
    try shell.send("abandoned")
    try await shell.waitFor("abandoned")
    try shell.send("\u{03}")
    try await shell.waitFor("^C\r\n" + prompt)
    try await shell.enter("echo kept", expecting: "\r\nkept\r\n")
  }

  @Test func ctrlDExitsWithStatusZeroAndExitWithItsStatus() async throws {
    defer { home.remove() }
    let shell = try await home.start()
    try shell.send("\u{04}")
    #expect(try await shell.waitForExit() == 0)
    let other = try await home.start()
    try other.send("exit 4\r")
    #expect(try await other.waitForExit() == 4)
  }

  @Test func sigtermSavesTheHistoryAndExitsWithStatusZero() async throws {
    defer { home.remove() }
    let shell = try await home.start()
    try await shell.enter("echo remember me", expecting: "\r\nremember me\r\n")
    kill(shell.pid, SIGTERM)
    #expect(try await shell.waitForExit() == 0)
    let history = try String(contentsOf: home.historyFile, encoding: .utf8)
    #expect(history.contains("echo\\040remember\\040me"))
  }

  @Test func thePromptIsColouredUnlessNOCOLOR() async throws {
    defer { home.remove() }
    let shell = try await home.start(environment: ["NO_COLOR": ""], prompt: "")
    try await shell.waitFor("\u{1B}[1mtalon\u{1B}[0m \u{1B}[36membedded\u{1B}[0m> ")
  }

  @Test func theStartupFileRunsFirstAndItsErrorsAreLocated() async throws {
    defer { home.remove() }
    try "set output json\nlet greeting = \"hi\"\n\nprofile update carol\necho $nope\necho never\n"
      .write(to: home.home.appending(path: ".talonrc"), atomically: true, encoding: .utf8)
    let shell = try await home.start(prompt: "")
    try await shell.waitFor("\"integrationId\":\"carol\"")
    try await shell.waitFor(".talonrc:5:6: error: ")
    try await shell.waitFor("talon embedded carol> ")
    try await shell.enter(
      "echo $greeting", expecting: "\r\nhi\r\n", prompt: "talon embedded carol> ")
    #expect(!shell.transcript.contains("never"))

    let skipped = try await home.start(["--memory", "--no-rc"])
    try await skipped.enter("echo $greeting", expecting: "unknown variable $greeting", prompt: "")
  }

  @Test func theDefaultStoreSurvivesARestart() async throws {
    defer { home.remove() }
    let first = try await home.start([])
    try await first.enter("profile update dora", expecting: "dora", prompt: "talon embedded dora> ")
    try first.send("\u{04}")
    #expect(try await first.waitForExit() == 0)
    #expect(
      FileManager.default.fileExists(
        atPath: home.home.appending(path: "data/talon/talon.sqlite").path))
    let second = try await home.start([])
    try await second.enter(
      "profile inventory dora profile=true", expecting: "profile dora: ", prompt: "")
  }

  @Test func resetEmptiesTheStoreAfterConfirmation() async throws {
    defer { home.remove() }
    let shell = try await home.start()
    try await shell.enter("profile update erin", expecting: "erin", prompt: "talon embedded erin> ")
    try await shell.enter("reset", expecting: "[y/N] ", prompt: "")
    try await shell.enter("n", expecting: "reset cancelled", prompt: "talon embedded erin> ")
    try await shell.enter("reset", expecting: "[y/N] ", prompt: "")
    try await shell.enter("y", expecting: "the embedded store is empty", prompt: prompt)
  }

  @Test func theUsersEditrcIsHonoured() async throws {
    defer { home.remove() }
    try "bind -s ^X 'echo from-editrc'\n".write(
      to: home.home.appending(path: ".editrc"), atomically: true, encoding: .utf8)
    let shell = try await home.start()
    try await shell.enter("\u{18}", expecting: "\r\nfrom-editrc\r\n")
  }

  @Test func unicodeInputIsEditedAsCharacters() async throws {
    defer { home.remove() }
    let shell = try await home.start()
    try await shell.enter("echo \"héllo wörld\u{7F}\u{7F}ld\"", expecting: "\r\nhéllo wörld\r\n")
  }

  @Test func aBackslashContinuesTheLine() async throws {
    defer { home.remove() }
    let shell = try await home.start()
    try await shell.enter("echo one \\", expecting: "... ", prompt: "")
    try await shell.enter("two", expecting: "\r\none two\r\n")
  }

  @Test func anUnreadableHistoryFileIsLeftAlone() async throws {
    defer { home.remove() }
    let foreign = "#V2 a history file of another program\nls\n"
    try FileManager.default.createDirectory(
      at: home.historyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
    try foreign.write(to: home.historyFile, atomically: true, encoding: .utf8)
    let shell = try await home.start(prompt: "")
    try await shell.waitFor("cannot read the history file")
    try await shell.waitFor(prompt)
    try await shell.enter("echo kept in memory", expecting: "\r\nkept in memory\r\n")
    try await shell.enter("\u{1B}[A", expecting: "\r\nkept in memory\r\n")
    #expect(try String(contentsOf: home.historyFile, encoding: .utf8) == foreign)
  }
}

extension PseudoTerminal {
  /// Types `keys` and Enter, waits for `response`, then for `prompt` (unless empty).
  func enter(_ keys: String, expecting response: String, prompt: String = "talon embedded> ")
    async throws
  {
    try send(keys + "\r")
    try await waitFor(response)
    if !prompt.isEmpty { try await waitFor(prompt) }
  }
}
