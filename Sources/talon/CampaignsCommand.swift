import ArgumentParser
import Foundation
import TalonAPI
import TalonBackends
import TalonEngine

/// `talon campaigns export`: prints a campaign pack as a campaign file, to copy and edit.
struct CampaignsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "campaigns",
    abstract: "Work with campaign files.",
    subcommands: [Export.self])

  /// `talon campaigns export [--campaigns FILE] [--app NAME|ID]`.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the campaign pack as a campaign file (the built-in demo shop by default).",
      discussion: """
        Save it, edit it and start talon with --campaigns FILE. The file is checked before it \
        is printed: a file with errors prints nothing and exits 2. A file of several \
        applications is printed whole; --app prints one of them as a file of its own.
        """)

    @Option(
      help: "The campaign file to export (default: the built-in demo shop).",
      completion: .file(extensions: ["json"]))
    var campaigns: String?

    @Option(
      help: ArgumentHelp(
        "Print only this application (name or id) of a file that describes several.",
        valueName: "NAME|ID"))
    var app: String?

    func run() throws {
      let pack: CampaignPack
      do {
        let files = try EmbeddedChoice.campaignFiles(campaigns.map { [$0] } ?? [])
        pack = app == nil ? files.packs[0] : try files.pack(for: app)
      } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        throw ExitCode(2)
      }
      // One application of several: its own part, as a single-application document.
      let whole = app == nil ? nil : pack.document.map { JSONTextWriter(pretty: true).text($0) }
      let exported = whole ?? pack.fileText
      let text = exported.hasSuffix("\n") ? exported : exported + "\n"
      FileHandle.standardOutput.write(Data(text.utf8))
    }
  }
}
