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
    // libedit as a system library; shim.h wraps its variadic C calls. Only TalonShell imports it.
    .systemLibrary(
      name: "CLibEdit",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    // The interactive shell: line editing, history, prompt, signals and the REPL loop.
    .target(name: "TalonShell", dependencies: ["CLibEdit", "TalonAPI"]),
    // Test fixture: the shell loop with a tiny built-in evaluator, driven in a pty by the tests.
    .executableTarget(name: "talon-shell-demo", dependencies: ["TalonShell"]),
    .testTarget(name: "TalonAPITests", dependencies: ["TalonAPI"]),
    .testTarget(name: "TalonShellTests", dependencies: ["TalonShell", "talon-shell-demo"]),
    // Runs the built `talon` binary end to end.
    .testTarget(name: "EndToEndTests", dependencies: ["talon"]),
  ]
)
