// swift-tools-version: 6.1
import Foundation
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

// The libFuzzer target over the script lexer and parser. It exists only when TALON_FUZZ is
// set (`make fuzz`), so ordinary builds never see it. Decisions:
// - the sanitizer flags are set per target here: given with `-Xswiftc` they also reach the
//   build-tool plugin's `embed-resources` executable, whose link then fails (libFuzzer's
//   `main` wants an `LLVMFuzzerTestOneInput`);
// - SwiftPM links a module's entry point as `main`, so the target's main.swift calls
//   libFuzzer's `LLVMFuzzerRunDriver` (declared with the experimental `@_extern(c)`);
// - lld links it: gold stops with an internal error (format_file_lineno) on these objects.
if ProcessInfo.processInfo.environment["TALON_FUZZ"] != nil {
  let sanitizers = ["-sanitize=fuzzer,address"]
  for target in package.targets where ["TalonAPI", "TalonScript"].contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(sanitizers)]
  }
  package.targets.append(
    .executableTarget(
      name: "talon-fuzz-script", dependencies: ["TalonScript"],
      swiftSettings: [
        .unsafeFlags(sanitizers), .enableExperimentalFeature("Extern"),
      ],
      linkerSettings: [.unsafeFlags(sanitizers + ["-use-ld=lld"])]))
}
