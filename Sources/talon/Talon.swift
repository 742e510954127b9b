import ArgumentParser
import TalonAPI

/// The `talon` command: a shell, a workflow runner and a local Talon.One Integration API.
@main
struct Talon: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "talon",
    abstract: "A command-line tool for the Talon.One Integration API.",
    discussion: """
      talon speaks the Integration API of Talon.One (API version \(TalonVersion.apiVersion)): \
      profiles, sessions, events, coupon reservations, referrals, inventory and customer data \
      deletion.
      """,
    version: TalonVersion.current,
    subcommands: [ServeCommand.self, RunCommand.self]
  )

  func run() async throws {
    print(Talon.helpMessage())
  }
}
