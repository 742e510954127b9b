import Foundation
import PackagePlugin

/// Embeds every file under the target's `Resources/` folder into the module as a byte array
/// (`EmbeddedResources.named("file.json")`), so the binary needs no resource bundle beside it.
@main
struct EmbedResources: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    guard let target = target as? SourceModuleTarget else { return [] }
    let folder = target.directoryURL.appending(path: "Resources")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path())) ?? []
    let inputs = names.sorted().filter { !$0.hasPrefix(".") }.map { folder.appending(path: $0) }
    guard !inputs.isEmpty else { return [] }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) resource(s) into \(target.name)",
        executable: try context.tool(named: "embed-resources").url,
        arguments: [output.path()] + inputs.map { $0.path() },
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
