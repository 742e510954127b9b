import ArgumentParser
import TalonRendering
import TalonShell

/// `talon shell`, the default subcommand: the shell for the talon command language.
/// Interactive on a terminal; reading statements from standard input otherwise; or running
/// the one statement of `-c`.
struct ShellCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shell",
    abstract: "The talon shell (the default when no subcommand is given).",
    discussion: """
      On a terminal: line editing, history, completion and a context prompt; `help` lists \
      the commands. With standard input from a pipe or a file, talon runs the statements \
      and stops at the first failure: exit status 1 for a failed expect, 2 for a parse \
      error, 3 for an API or runtime error (`-c` likewise). The startup file ~/.talonrc \
      (or --rc FILE) runs before the first prompt of an interactive shell.
      """)

  @OptionGroup(title: "Remote Integration API")
  var remote: RemoteOptions

  @OptionGroup(title: "Embedded engine")
  var embedded: EmbeddedOptions

  @Option(
    name: .customShort("c"),
    help: """
      Run this statement and exit with its status. Repeat it to run several in order; the \
      first that fails stops the rest.
      """)
  var commands: [String] = []

  @Option(
    help: "How results are shown: json, pretty or summary.",
    completion: .list(OutputFormat.allCases.map(\.rawValue)),
    transform: OutputFormat.parseArgument)
  var output: OutputFormat = .pretty

  @Option(
    name: .customLong("rc"), help: "Run this startup file instead of ~/.talonrc.",
    completion: .file())
  var startupFile: String?

  @Flag(name: .customLong("no-rc"), help: "Do not run a startup file.")
  var noStartupFile = false

  @Flag(help: "Trace HTTP requests and answers on standard error, like curl -v.")
  var verbose = false

  func validate() throws {
    if startupFile != nil && noStartupFile {
      throw ValidationError("--rc and --no-rc exclude each other.")
    }
  }

  func run() async throws {
    let status = try await ShellSession(options: self).run()
    if status != 0 { throw ExitCode(status) }
  }
}
