import ArgumentParser
import Foundation
import TalonAPI
import TalonScript
import TalonShell

/// The `talon` command: a shell, a workflow runner and a local Talon.One Integration API.
/// Without a subcommand it is the shell: interactive on a terminal, reading statements from
/// standard input otherwise, or running the one statement of `-c`.
@main
struct Talon: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "talon",
    abstract: "A command-line tool for the Talon.One Integration API.",
    discussion: """
      talon speaks the Integration API of Talon.One (API version \(TalonVersion.apiVersion)): \
      profiles, sessions, events, coupon reservations, referrals, inventory and customer data \
      deletion.

      Without a subcommand, talon is a shell for the talon command language (`help` lists \
      the commands). With standard input from a pipe or a file it runs the statements and \
      stops at the first failure: exit status 1 for a failed expect, 2 for a parse error, \
      3 for an API or runtime error. The startup file ~/.talonrc runs before the first \
      prompt of an interactive shell.
      """,
    version: TalonVersion.current,
    subcommands: Self.subcommandTypes
  )

  /// The subcommands; add new ones here.
  static let subcommandTypes: [any ParsableCommand.Type] = [ServeCommand.self, RunCommand.self]

  @OptionGroup(title: "Remote Integration API")
  var remote: RemoteOptions

  @OptionGroup(title: "Embedded engine")
  var embedded: EmbeddedOptions

  @Option(name: .customShort("c"), help: "Run this statement and exit with its status.")
  var command: String?

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
    let status = try await ShellCommand(options: self).run()
    if status != 0 { throw ExitCode(status) }
  }
}
