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

  @Test func profileAndSessionUpdatesShowTheirEffectsAndThePromptTheContext() throws {
    defer { home.remove() }
    let shell = try home.start()
    try shell.enter("set output summary", expecting: "output: summary")
    try shell.enter(
      "profile update alice tier=gold", expecting: "profile alice", prompt: "talon embedded alice> "
    )
    try shell.send(
      "session update s1 items=[{sku: SHOE-1, name: Runner, price: 120, quantity: 1, category: shoes}] coupons=[SUMMER10, NOPE]\r"
    )
    try shell.waitFor("session s1 (profile alice, open)")
    try shell.waitFor("NOPE rejected: CouponNotFound")
    try shell.waitFor("SUMMER10 accepted")
    try shell.waitFor("loyalty   +120 points to alice")
    try shell.waitFor("20% off shoes on item 0: -24.00")
    try shell.waitFor("total 120.00 before discounts, 78.00 after (discounts -42.00)")
    try shell.waitFor("talon embedded alice/s1> ")
    try shell.enter("use profile bob", expecting: "talon embedded bob> ", prompt: "")
  }

  @Test func arrowUpRecallsThePreviousLineAlsoAfterARestart() throws {
    defer { home.remove() }
    let first = try home.start()
    try first.enter("echo first line", expecting: "first line")
    try first.enter("echo second line", expecting: "second line")
    try first.enter("\u{1B}[A\u{1B}[A", expecting: "\r\nfirst line\r\n")
    try first.send("\u{04}")
    #expect(try first.waitForExit() == 0)

    let second = try home.start()
    try second.enter("\u{1B}[A", expecting: "\r\nfirst line\r\n")
    try second.enter("\u{1B}[A\u{1B}[A", expecting: "\r\nsecond line\r\n")
  }

  @Test func linesWithAnAPIKeyStayOutOfTheHistoryFile() throws {
    defer { home.remove() }
    let server = try RemoteShellTests.Server(home: home, key: "sk-live-1")
    defer { server.stop() }
    let shell = try home.start()
    try shell.enter(
      "connect \(server.url) key=sk-live-1", expecting: "connected to \(server.url)",
      prompt: "talon 127.0.0.1> ")
    try shell.enter("echo sk-live-1", expecting: "sk-live-1", prompt: "talon 127.0.0.1> ")
    try shell.enter("connect embedded", expecting: "connected to embedded")
    try shell.enter(" echo hidden", expecting: "hidden")
    try shell.enter("echo visible", expecting: "visible")

    let history = try String(contentsOf: home.historyFile, encoding: .utf8)
    #expect(history.contains("echo\\040visible"))
    #expect(!history.contains("sk-live-1"))
    #expect(!history.contains("hidden"))
    let attributes = try FileManager.default.attributesOfItem(atPath: home.historyFile.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func tabCompletesCommandsArgumentKeysAndFieldsOfLastAlsoInInterpolations() throws {
    defer { home.remove() }
    let shell = try home.start()
    // libedit redraws a completed word by moving the cursor, so the proof of each completion
    // is what the completed line does.
    try shell.enter("ech\tdone", expecting: "\r\ndone\r\n")
    // `up` extends to `update`, the common prefix of `update` and `update-v1`.
    try shell.enter(
      "profile up\t alice tier=gold", expecting: "\"tier\": \"gold\"",
      prompt: "talon embedded alice> ")
    try shell.enter(
      "session update s1 coup\t[SUMMER10]", expecting: "\"acceptCoupon\"",
      prompt: "talon embedded alice/s1> ")
    try shell.enter(
      "echo $last.eff\t[0].effectType", expecting: "\r\nacceptCoupon\r\n",
      prompt: "talon embedded alice/s1> ")
    // Inside "${...}" references are written without `$`, and complete all the same.
    try shell.enter(
      "echo \"first: ${last.eff\t[0].effectType}\"", expecting: "\r\nfirst: acceptCoupon\r\n",
      prompt: "talon embedded alice/s1> ")
  }

  @Test func aMultiLineObjectLiteralIsAccepted() throws {
    defer { home.remove() }
    let shell = try home.start()
    try shell.enter("let order = {", expecting: "... ", prompt: "")
    try shell.enter("  sku: SHOE-1,", expecting: "... ", prompt: "")
    try shell.enter("  price: 19.99,", expecting: "... ", prompt: "")
    try shell.enter("}", expecting: prompt, prompt: "")
    try shell.enter("echo $order.price", expecting: "\r\n19.99\r\n")
  }

  @Test func ctrlCDuringSleepReturnsToThePromptWithinASecond() throws {
    defer { home.remove() }
    let shell = try home.start()
    try shell.enter("repeat 1 {", expecting: "... ", prompt: "")
    try shell.enter("echo sleeping now", expecting: "... ", prompt: "")
    try shell.enter("sleep 30", expecting: "... ", prompt: "")
    try shell.enter("}", expecting: "sleeping now", prompt: "")
    let interrupted = ContinuousClock.now
    try shell.send("\u{03}")
    try shell.waitFor("cancelled", timeout: .seconds(1))
    try shell.waitFor(prompt, timeout: .seconds(1))
    #expect(ContinuousClock.now - interrupted < .seconds(1))
    try shell.enter("echo still here", expecting: "\r\nstill here\r\n")
  }

  @Test func aSecondCtrlCGivesUpOnACommandThatIgnoresCancellation() throws {
    defer { home.remove() }
    // `run` of a named pipe blocks in a read that cancellation cannot reach, until a writer
    // comes: the shell's "stop waiting" path.
    let fifo = home.home.appending(path: "pipe.tw")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    let shell = try home.start()
    try shell.enter("repeat 1 {", expecting: "... ", prompt: "")
    try shell.enter("echo reading", expecting: "... ", prompt: "")
    try shell.enter("run \(fifo.path)", expecting: "... ", prompt: "")
    try shell.enter("}", expecting: "reading\r\n", prompt: "")
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
    try shell.waitFor("still running; press Ctrl-C again to stop waiting")
    try shell.send("\u{03}")
    try shell.waitFor("interrupted; the command may still finish in the background")
    try shell.waitFor(prompt)
    _ = "echo from the pipe\n".withCString { write(writer, $0, strlen($0)) }
    close(writer)
    try shell.enter("echo next", expecting: "\r\nnext\r\n")
  }

  @Test func ctrlCOnThePromptClearsTheLine() throws {
    defer { home.remove() }
    let shell = try home.start()
    try shell.send("abandoned")
    try shell.waitFor("abandoned")
    try shell.send("\u{03}")
    try shell.waitFor("^C\r\n" + prompt)
    try shell.enter("echo kept", expecting: "\r\nkept\r\n")
  }

  @Test func ctrlDExitsWithStatusZeroAndExitWithItsStatus() throws {
    defer { home.remove() }
    let shell = try home.start()
    try shell.send("\u{04}")
    #expect(try shell.waitForExit() == 0)
    let other = try home.start()
    try other.send("exit 4\r")
    #expect(try other.waitForExit() == 4)
  }

  @Test func sigtermSavesTheHistoryAndExitsWithStatusZero() throws {
    defer { home.remove() }
    let shell = try home.start()
    try shell.enter("echo remember me", expecting: "\r\nremember me\r\n")
    kill(shell.pid, SIGTERM)
    #expect(try shell.waitForExit() == 0)
    let history = try String(contentsOf: home.historyFile, encoding: .utf8)
    #expect(history.contains("echo\\040remember\\040me"))
  }

  @Test func thePromptIsColouredUnlessNOCOLOR() throws {
    defer { home.remove() }
    let shell = try home.start(environment: ["NO_COLOR": ""], prompt: "")
    try shell.waitFor("\u{1B}[1mtalon\u{1B}[0m \u{1B}[36membedded\u{1B}[0m> ")
  }

  @Test func theStartupFileRunsFirstAndItsErrorsAreLocated() throws {
    defer { home.remove() }
    try "set output json\nlet greeting = \"hi\"\n\nprofile update carol\necho $nope\necho never\n"
      .write(to: home.home.appending(path: ".talonrc"), atomically: true, encoding: .utf8)
    let shell = try home.start(prompt: "")
    try shell.waitFor("\"integrationId\":\"carol\"")
    try shell.waitFor(".talonrc:5:6: error: ")
    try shell.waitFor("talon embedded carol> ")
    try shell.enter("echo $greeting", expecting: "\r\nhi\r\n", prompt: "talon embedded carol> ")
    #expect(!shell.transcript.contains("never"))

    let skipped = try home.start(["--memory", "--no-rc"])
    try skipped.enter("echo $greeting", expecting: "unknown variable $greeting", prompt: "")
  }

  @Test func theDefaultStoreSurvivesARestart() throws {
    defer { home.remove() }
    let first = try home.start([])
    try first.enter("profile update dora", expecting: "dora", prompt: "talon embedded dora> ")
    try first.send("\u{04}")
    #expect(try first.waitForExit() == 0)
    #expect(
      FileManager.default.fileExists(
        atPath: home.home.appending(path: "data/talon/talon.sqlite").path))
    let second = try home.start([])
    try second.enter(
      "profile inventory dora profile=true", expecting: "\"integrationId\": \"dora\"", prompt: "")
  }

  @Test func resetEmptiesTheStoreAfterConfirmation() throws {
    defer { home.remove() }
    let shell = try home.start()
    try shell.enter("profile update erin", expecting: "erin", prompt: "talon embedded erin> ")
    try shell.enter("reset", expecting: "[y/N] ", prompt: "")
    try shell.enter("n", expecting: "reset cancelled", prompt: "talon embedded erin> ")
    try shell.enter("reset", expecting: "[y/N] ", prompt: "")
    try shell.enter("y", expecting: "the embedded store is empty", prompt: prompt)
  }

  @Test func theUsersEditrcIsHonoured() throws {
    defer { home.remove() }
    try "bind -s ^X 'echo from-editrc'\n".write(
      to: home.home.appending(path: ".editrc"), atomically: true, encoding: .utf8)
    let shell = try home.start()
    try shell.enter("\u{18}", expecting: "\r\nfrom-editrc\r\n")
  }

  @Test func unicodeInputIsEditedAsCharacters() throws {
    defer { home.remove() }
    let shell = try home.start()
    try shell.enter("echo \"héllo wörld\u{7F}\u{7F}ld\"", expecting: "\r\nhéllo wörld\r\n")
  }

  @Test func aBackslashContinuesTheLine() throws {
    defer { home.remove() }
    let shell = try home.start()
    try shell.enter("echo one \\", expecting: "... ", prompt: "")
    try shell.enter("two", expecting: "\r\none two\r\n")
  }

  @Test func anUnreadableHistoryFileIsLeftAlone() throws {
    defer { home.remove() }
    let foreign = "#V2 a history file of another program\nls\n"
    try FileManager.default.createDirectory(
      at: home.historyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
    try foreign.write(to: home.historyFile, atomically: true, encoding: .utf8)
    let shell = try home.start(prompt: "")
    try shell.waitFor("cannot read the history file")
    try shell.waitFor(prompt)
    try shell.enter("echo kept in memory", expecting: "\r\nkept in memory\r\n")
    try shell.enter("\u{1B}[A", expecting: "\r\nkept in memory\r\n")
    #expect(try String(contentsOf: home.historyFile, encoding: .utf8) == foreign)
  }
}

extension PseudoTerminal {
  /// Types `keys` and Enter, waits for `response`, then for `prompt` (unless empty).
  func enter(_ keys: String, expecting response: String, prompt: String = "talon embedded> ")
    throws
  {
    try send(keys + "\r")
    try waitFor(response)
    if !prompt.isEmpty { try waitFor(prompt) }
  }
}
