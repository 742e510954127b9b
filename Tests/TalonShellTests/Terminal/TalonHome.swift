import Foundation
import TalonTestSupport

/// The built `talon` binary and a private home for one run of it: HOME, XDG_STATE_HOME
/// (history) and XDG_DATA_HOME (the default store) all inside a temporary folder.
///
/// The binary is the one `TalonBinary` finds.
struct TalonHome {
  let home: URL

  init() throws {
    home = FileManager.default.temporaryDirectory.appending(
      path: "talon-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
  }

  static var executable: URL { TalonBinary.url }

  var historyFile: URL { home.appending(path: "state/talon/history") }

  /// The environment of a run: nothing inherited but PATH, so the user's own settings
  /// (~/.editrc, ~/.talonrc, history, NO_COLOR, TALON_URL) never leak in.
  func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = [
      "HOME": home.path,
      "XDG_STATE_HOME": home.appending(path: "state").path,
      "XDG_DATA_HOME": home.appending(path: "data").path,
      "TERM": "xterm",
      "NO_COLOR": "1",
      "LC_ALL": "C.UTF-8",
      // Tall results go through the pager: `cat` keeps them on the screen for the tests.
      "PAGER": "cat",
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    environment.merge(extra) { $1 }
    return environment.filter { !$0.value.isEmpty }
  }

  /// Starts `talon ARGUMENTS` on a new pseudo-terminal and waits for `prompt`.
  func start(
    _ arguments: [String] = ["--memory", "--seed", "1"], environment extra: [String: String] = [:],
    prompt: String = "talon embedded> "
  ) async throws -> PseudoTerminal {
    let terminal = try PseudoTerminal(
      executable: Self.executable, arguments: arguments, environment: environment(extra))
    if !prompt.isEmpty { try await terminal.waitFor(prompt) }
    return terminal
  }

  struct Outcome {
    var status: Int32
    var output: String
    var errors: String
  }

  /// Runs `talon ARGUMENTS` with standard input from a pipe holding `input`, in `directory`
  /// (by default the test's own working directory).
  func run(_ arguments: [String], input: String = "", in directory: URL? = nil) async throws
    -> Outcome
  {
    let outcome = try await TalonBinary.run(
      arguments, input: input, environment: environment(), inheriting: false,
      directory: directory)
    return Outcome(
      status: outcome.status, output: outcome.standardOutput, errors: outcome.standardError)
  }

  func remove() {
    try? FileManager.default.removeItem(at: home)
  }
}
