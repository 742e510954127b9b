import Foundation
import Testing

/// The shell driven through a real pseudo-terminal, as a person would use it: libedit, the
/// history file, completion and signals all take part. The child is `talon-shell-demo`.
///
/// Keys are sent once the prompt shows, as a person would: keys typed while a statement runs
/// meet the terminal in its normal mode (a Ctrl-D there is the terminal's own end-of-file and
/// never reaches the editor).
@Suite("Interactive shell in a pseudo-terminal", .serialized)
struct InteractiveShellTests {
  let demo: ShellDemo
  let prompt = "talon embedded> "

  init() throws {
    demo = try ShellDemo()
  }

  @Test func typingALineShowsItsEvaluation() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.enter("hello world", expecting: "echo: hello world")
  }

  @Test func thePromptShowsTheContext() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.enter("use alice/s1", expecting: "talon embedded alice/s1> ", prompt: "")
    try shell.enter("use bob", expecting: "talon embedded bob> ", prompt: "")
  }

  @Test func thePromptIsColouredUnlessNOCOLOR() throws {
    defer { demo.remove() }
    let shell = try demo.start(["NO_COLOR": ""], prompt: "")
    try shell.waitFor("\u{1B}[1mtalon\u{1B}[0m \u{1B}[36membedded\u{1B}[0m> ")
  }

  @Test func arrowUpRecallsThePreviousLineAlsoAfterARestart() throws {
    defer { demo.remove() }
    let first = try demo.start()
    try first.enter("first line", expecting: "echo: first line")
    try first.enter("second line", expecting: "echo: second line")
    try first.enter("\u{1B}[A\u{1B}[A", expecting: "echo: first line")
    try first.send("\u{04}")
    #expect(try first.waitForExit() == 0)

    let second = try demo.start()
    try second.enter("\u{1B}[A", expecting: "echo: first line")
    try second.enter("\u{1B}[A\u{1B}[A", expecting: "echo: second line")
  }

  @Test func aLineWithAnAPIKeyIsNotInTheHistoryFile() throws {
    defer { demo.remove() }
    let shell = try demo.start(["TALON_DEMO_SECRET": "tok-9876"])
    try shell.enter(
      "connect http://h.example api-key=sk-live-1",
      expecting: "echo: connect http://h.example api-key=sk-live-1")
    try shell.enter("echo tok-9876", expecting: "echo: echo tok-9876")
    try shell.enter(" echo hidden", expecting: "echo:  echo hidden")
    try shell.enter("echo visible", expecting: "echo: echo visible")

    let history = try String(contentsOf: demo.historyFile, encoding: .utf8)
    #expect(history.contains("echo\\040visible"))
    #expect(!history.contains("sk-live-1"))
    #expect(!history.contains("tok-9876"))
    #expect(!history.contains("hidden"))
    let attributes = try FileManager.default.attributesOfItem(atPath: demo.historyFile.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func tabCompletesAWordAndListsAlternatives() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.enter("hell\tthere", expecting: "echo: hello there")
    try shell.send("he\t\t")
    try shell.waitFor("hello  help")
    try shell.enter("p\t", expecting: "echo: help ")
  }

  @Test func aMultiLineInputIsOneEvaluation() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.enter("{ name: 1,", expecting: "           ... ", prompt: "")
    try shell.enter("  tags: [\"a\",", expecting: "... ", prompt: "")
    try shell.enter("\"b\"] }", expecting: "echo[3 lines]: { name: 1, |   tags: [\"a\", | \"b\"] }")
    try shell.enter("x \\", expecting: "... ", prompt: "")
    try shell.enter("y", expecting: "echo[2 lines]: x \\ | y")
  }

  @Test func ctrlCDuringACommandReturnsToThePromptWithinASecond() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.enter("sleep 30", expecting: "sleeping 30 s", prompt: "")
    let interrupted = ContinuousClock.now
    try shell.send("\u{03}")
    try shell.waitFor("sleep cancelled", timeout: .seconds(1))
    try shell.waitFor(prompt, timeout: .seconds(1))
    #expect(ContinuousClock.now - interrupted < .seconds(1))
    try shell.enter("still here", expecting: "echo: still here")
  }

  @Test func aSecondCtrlCGivesUpOnACommandThatIgnoresCancellation() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.enter("hang 30", expecting: "hanging 30 s", prompt: "")
    try shell.send("\u{03}")
    try shell.waitFor("still running; press Ctrl-C again to stop waiting")
    try shell.send("\u{03}")
    try shell.waitFor("interrupted; the command may still finish in the background")
    try shell.waitFor(prompt)
    try shell.enter("next", expecting: "echo: next")
  }

  @Test func ctrlCOnThePromptClearsTheLine() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.send("abandoned")
    try shell.waitFor("abandoned")
    try shell.send("\u{1B}[D\u{1B}[D\u{03}")
    try shell.waitFor("^C\r\n" + prompt)
    try shell.enter("kept", expecting: "echo: kept")
    try shell.enter("{ open", expecting: "... ", prompt: "")
    try shell.send("\u{03}")
    try shell.waitFor(prompt)
    try shell.enter("after", expecting: "echo: after")
  }

  @Test func ctrlDExitsWithStatusZero() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.send("\u{04}")
    #expect(try shell.waitForExit() == 0)
  }

  @Test func exitLeavesWithItsStatus() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.send("exit 4\r")
    #expect(try shell.waitForExit() == 4)
  }

  @Test func sigtermSavesTheHistoryAndExitsWithStatusZero() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.enter("remember me", expecting: "echo: remember me")
    try shell.enter("sleep 30", expecting: "sleeping 30 s", prompt: "")
    kill(shell.pid, SIGTERM)
    #expect(try shell.waitForExit() == 0)
    let history = try String(contentsOf: demo.historyFile, encoding: .utf8)
    #expect(history.contains("remember\\040me"))
    #expect(history.contains("sleep\\04030"))
  }

  @Test func sigtermAtThePromptRestoresTheTerminalAndExitsWithStatusZero() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    kill(shell.pid, SIGTERM)
    #expect(try shell.waitForExit() == 0)
  }

  @Test func anUnreadableHistoryFileIsLeftAlone() throws {
    defer { demo.remove() }
    let foreign = "#V2 a history file of another program\nls\n"
    try FileManager.default.createDirectory(
      at: demo.historyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
    try foreign.write(to: demo.historyFile, atomically: true, encoding: .utf8)
    let shell = try demo.start(prompt: "")
    try shell.waitFor("cannot read the history file")
    try shell.waitFor(prompt)
    try shell.enter("echo kept in memory", expecting: "echo: echo kept in memory")
    try shell.enter("\u{1B}[A", expecting: "echo: echo kept in memory")
    #expect(try String(contentsOf: demo.historyFile, encoding: .utf8) == foreign)
  }

  @Test func theUsersEditrcIsHonoured() throws {
    defer { demo.remove() }
    try "bind -s ^X from-editrc\n".write(
      to: demo.home.appending(path: ".editrc"), atomically: true, encoding: .utf8)
    let shell = try demo.start()
    try shell.enter("\u{18}", expecting: "echo: from-editrc")
  }

  @Test func unicodeInputIsEditedAsCharacters() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.enter("héllo wörld\u{7F}\u{7F}ld", expecting: "echo: héllo wörld")
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
