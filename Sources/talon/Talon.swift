import ArgumentParser
import Foundation
import TalonAPI
import TalonEngine

/// The `talon` command: a shell, a workflow runner and a local Talon.One Integration API.
///
/// Decision: the shell is the default subcommand (`talon` = `talon shell`) rather than the
/// root command's own `run()`. With the shell's options (`--url`, `--api-key`, `--memory`,
/// ...) on the root, ArgumentParser hands those flags to the root even when they follow a
/// subcommand, so `talon serve --api-key K` lost its key. The root therefore has no options
/// of its own; add subcommands to ``subcommandTypes``.
///
/// Decision: a usage error (unknown option, bad value) exits 2, the code `talon run` gives a
/// parse error, instead of ArgumentParser's 64, so scripts see one code for "nothing ran". A
/// campaign file that cannot be used exits 2 too, from the shell, `run` and `serve` alike.
@main
struct Talon: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "talon",
    abstract: "A command-line tool for the Talon.One Integration API.",
    discussion: """
      talon speaks the Integration API of Talon.One (API version \(TalonVersion.apiVersion)): \
      profiles, sessions, events, coupon reservations, referrals, inventory and customer data \
      deletion. Without a subcommand, talon is the shell (see `talon shell --help`).
      """,
    version: TalonVersion.current,
    subcommands: Self.subcommandTypes,
    defaultSubcommand: ShellCommand.self
  )

  /// Exit status of a usage error, and of a campaign file that cannot be loaded.
  static let usageErrorStatus: Int32 = 2

  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let failure as CampaignFileFailure {
      FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
      Foundation.exit(usageErrorStatus)
    } catch {
      if let error = error as? CampaignFileError {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        Foundation.exit(usageErrorStatus)
      }
      if exitCode(for: error) == .validationFailure {
        let message = fullMessage(for: error)
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(usageErrorStatus)
      }
      exit(withError: error)
    }
  }

  /// The subcommands; add new ones here.
  static let subcommandTypes: [any ParsableCommand.Type] = [
    ShellCommand.self, ServeCommand.self, RunCommand.self, CampaignsCommand.self,
  ]
}
