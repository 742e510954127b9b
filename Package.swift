// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "talon",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "talon", targets: ["talon"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // Wire models, JSONValue, the IntegrationAPI protocol and the bundled reference document.
    .target(
      name: "TalonAPI",
      exclude: ["Resources"],
      plugins: ["EmbedResources"]
    ),
    // The embedded Integration API: SQLite store (GRDB), campaign files, the Talang rule engine
    // and the 11 operations.
    .target(
      name: "TalonEngine",
      dependencies: ["TalonAPI", .product(name: "GRDB", package: "GRDB.swift")],
      exclude: ["Resources"],
      plugins: ["EmbedResources"]
    ),
    // Throughput of updateCustomerSessionV2 against a file-backed store (`make bench`).
    .executableTarget(name: "talon-bench-engine", dependencies: ["TalonEngine"]),
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
    .testTarget(name: "TalonEngineTests", dependencies: ["TalonEngine", "TalonAPI"]),
    // Runs the built `talon` binary end to end.
    .testTarget(name: "EndToEndTests", dependencies: ["talon"]),
  ]
)
