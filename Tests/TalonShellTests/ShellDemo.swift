import Foundation

/// The `talon-shell-demo` test fixture and a private home for one run of it.
///
/// The binary is found in the build products folder: the test runner (`swift test` runs the
/// `.xctest` executable in `.build/<triple>/debug/`) is `CommandLine.arguments[0]` /
/// `Bundle.main.executableURL`, and `swift build --build-tests` builds every product beside
/// it. `TALON_SHELL_DEMO` overrides the path; `.build/debug/` next to this package is the
/// last resort.
struct ShellDemo {
  /// A temporary folder used as HOME and XDG_STATE_HOME; removed by ``remove()``.
  let home: URL

  init() throws {
    home = FileManager.default.temporaryDirectory.appending(
      path: "talon-shell-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
  }

  static var executable: URL {
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["TALON_SHELL_DEMO"] { return URL(fileURLWithPath: path) }
    let runner =
      Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    let beside = runner.deletingLastPathComponent().appending(path: "talon-shell-demo")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return package.appending(path: ".build/debug/talon-shell-demo")
  }

  var historyFile: URL {
    home.appending(path: "state/talon/history")
  }

  /// The environment of a run: nothing inherited but PATH, so the user's own settings
  /// (~/.editrc, history, NO_COLOR) never leak in.
  func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = [
      "HOME": home.path,
      "XDG_STATE_HOME": home.appending(path: "state").path,
      "TERM": "xterm",
      "NO_COLOR": "1",
      "LC_ALL": "C.UTF-8",
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    environment.merge(extra) { $1 }
    return environment.filter { !$0.value.isEmpty }
  }

  /// Starts the shell on a new pseudo-terminal and waits for its first prompt.
  func start(_ extra: [String: String] = [:], prompt: String = "talon embedded> ") throws
    -> PseudoTerminal
  {
    let terminal = try PseudoTerminal(executable: Self.executable, environment: environment(extra))
    if !prompt.isEmpty { try terminal.waitFor(prompt) }
    return terminal
  }

  func remove() {
    try? FileManager.default.removeItem(at: home)
  }
}
