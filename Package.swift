// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "talon",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "talon", targets: ["talon"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // Wire models, JSONValue, the IntegrationAPI protocol and the bundled reference document.
    .target(
      name: "TalonAPI",
      exclude: ["Resources"],
      plugins: ["EmbedResources"]
    ),
    // The `talon` binary: @main and one file per subcommand.
    .executableTarget(
      name: "talon",
      dependencies: [
        "TalonAPI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Turns files under a target's Resources/ folder into Swift byte arrays at build time,
    // so that the binary carries its data and runs from anywhere.
    .executableTarget(name: "embed-resources", path: "Sources/embed-resources"),
    .plugin(
      name: "EmbedResources",
      capability: .buildTool(),
      dependencies: ["embed-resources"]
    ),
    .testTarget(name: "TalonAPITests", dependencies: ["TalonAPI"]),
    // The command language shared by the shell and the workflow runner: lexer, parser,
    // interpreter, API commands and context. Talks only to the IntegrationAPI protocol.
    .target(name: "TalonScript", dependencies: ["TalonAPI"]),
    .testTarget(
      name: "TalonScriptTests", dependencies: ["TalonScript", "TalonAPI"],
      exclude: ["Golden"]),
  ]
)
