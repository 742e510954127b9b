import Foundation
import Testing

/// The shell loop's second Ctrl-C, which needs a command that ignores cancellation: only the
/// `talon-shell-demo` fixture has one (`hang`). Everything else is tested on the real `talon`
/// binary (InteractiveTalonTests, NonInteractiveTalonTests).
@Suite("Shell loop fixture in a pseudo-terminal", .serialized)
struct InteractiveShellTests {
  let demo: ShellDemo
  let prompt = "talon embedded> "

  init() throws {
    demo = try ShellDemo()
  }

  @Test func aSecondCtrlCGivesUpOnACommandThatIgnoresCancellation() throws {
    defer { demo.remove() }
    let shell = try demo.start()
    try shell.send("hang 30\r")
    try shell.waitFor("hanging 30 s")
    try shell.send("\u{03}")
    try shell.waitFor("still running; press Ctrl-C again to stop waiting")
    try shell.send("\u{03}")
    try shell.waitFor("interrupted; the command may still finish in the background")
    try shell.waitFor(prompt)
    try shell.enter("next", expecting: "echo: next", prompt: prompt)
  }
}
