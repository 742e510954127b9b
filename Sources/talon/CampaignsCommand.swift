import ArgumentParser
import Foundation
import TalonBackends
import TalonEngine

/// `talon campaigns export`: prints a campaign pack as a campaign file, to copy and edit.
struct CampaignsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "campaigns",
    abstract: "Work with campaign files.",
    subcommands: [Export.self])

  /// `talon campaigns export [--campaigns FILE]`.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the campaign pack as a campaign file (the built-in demo shop by default).",
      discussion: """
        Save it, edit it and start talon with --campaigns FILE. The file is checked before it \
        is printed: a file with errors prints nothing and exits 2.
        """)

    @Option(
      help: "The campaign file to export (default: the built-in demo shop).",
      completion: .file(extensions: ["json"]))
    var campaigns: String?

    func run() throws {
      let pack: CampaignPack
      do {
        pack = try EmbeddedChoice.campaignPack(file: campaigns)
      } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        throw ExitCode(2)
      }
      let text = pack.fileText.hasSuffix("\n") ? pack.fileText : pack.fileText + "\n"
      FileHandle.standardOutput.write(Data(text.utf8))
    }
  }
}
