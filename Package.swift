// swift-tools-version: 6.1
import Foundation
import PackageDescription

let package = Package(
  name: "talon",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "talon", targets: ["talon"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: [
    // Wire models, JSONValue, the IntegrationAPI protocol and the bundled reference document.
    .target(
      name: "TalonAPI",
      exclude: ["Resources"],
      plugins: ["EmbedResources"]
    ),
    // The Integration API over HTTP: the Hummingbird server (`talon serve`) and the
    // AsyncHTTPClient client. The only module that imports the HTTP stack.
    .target(
      name: "TalonHTTP",
      dependencies: [
        "TalonAPI",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
      ]
    ),
    // The embedded Integration API: SQLite store (GRDB), campaign files, the Talang rule engine
    // and the 11 operations.
    .target(
      name: "TalonEngine",
      dependencies: [
        "TalonAPI", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["Resources"],
      plugins: ["EmbedResources"]
    ),
    // Opens a backend (the embedded engine on a file or in memory, or a remote Integration API
    // with a key or a signature) with its optional abilities: for the shell, `run` and `serve`;
    // the campaign file's SHA-256 that recordings name (Crypto).
    .target(
      name: "TalonBackends",
      dependencies: [
        "TalonAPI", "TalonEngine", "TalonHTTP", "TalonPostgres",
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .testTarget(
      name: "TalonBackendsTests",
      dependencies: ["TalonBackends", "TalonAPI", "TalonEngine", "TalonHTTP", "TalonTestSupport"]),
    // Throughput of updateCustomerSessionV2 against a file-backed store (`make bench`).
    .executableTarget(name: "talon-bench-engine", dependencies: ["TalonEngine"]),
    // The `talon` binary: @main and one file per subcommand.
    .executableTarget(
      name: "talon",
      dependencies: [
        "TalonAPI",
        "TalonBackends",
        "TalonEngine",
        "TalonHTTP",
        "TalonRendering",
        "TalonRunner",
        "TalonScript",
        "TalonShell",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Turns files under a target's Resources/ folder into Swift string literals at build time,
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
    // The interactive shell: line editing, history, prompt, signals, the REPL loop, and the
    // language-facing parts (evaluator adapter, completion, result rendering).
    .target(
      name: "TalonShell", dependencies: ["CLibEdit", "TalonAPI", "TalonRendering", "TalonScript"]),
    // Results as text for people, shared by the shell and the runner: json, pretty and summary
    // views, the one effect describer, the runner's one-line results, terminal facts and ANSI
    // styles. No libedit.
    .target(name: "TalonRendering", dependencies: ["TalonAPI", "TalonScript"]),
    .testTarget(name: "TalonAPITests", dependencies: ["TalonAPI", "TalonTestSupport"]),
    .testTarget(
      name: "TalonHTTPTests",
      dependencies: [
        "TalonTestSupport",
        "TalonHTTP",
        "TalonAPI",
        "TalonEngine",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Load, races, hostile input and secret handling of `talon serve` over a real engine.
    .testTarget(
      name: "HardeningTests",
      dependencies: [
        "TalonTestSupport",
        "TalonHTTP",
        "TalonEngine",
        "TalonAPI",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(
      name: "TalonShellTests",
      dependencies: [
        "TalonShell", "TalonRendering", "TalonScript", "TalonAPI", "TalonEngine", "talon",
        "TalonTestSupport",
      ],
      exclude: ["Golden"]),
    // Test helpers shared by the test targets: the binary in a pseudo-terminal or as a child
    // process, bounded waits, and a real server on loopback with raw HTTP (TalonHTTP's stack,
    // which every target using these helpers links anyway).
    .target(
      name: "TalonTestSupport",
      dependencies: [
        "TalonAPI",
        "TalonHTTP",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
      ],
      path: "Tests/TalonTestSupport"),
    .testTarget(
      name: "TalonEngineTests",
      dependencies: [
        "TalonEngine", "TalonAPI", "TalonPostgres", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    // The engine's store on a PostgreSQL database (postgres-nio): its connection, the password's
    // sources and the schema's migrations. The only module that imports PostgresNIO.
    .target(
      name: "TalonPostgres",
      dependencies: [
        "TalonEngine", "TalonAPI",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ]),
    // Runs against the throw-away cluster `make test` and `make postgres-check` start
    // (TALON_TEST_POSTGRES); the suites that need a server are disabled without it.
    .testTarget(
      name: "TalonPostgresTests", dependencies: ["TalonPostgres", "TalonEngine", "TalonAPI"]),
    // Runs the built `talon` binary end to end.
    // The differential and crash tests also call the engine in process and the HTTP client.
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "talon", "TalonAPI", "TalonEngine", "TalonHTTP", "TalonPostgres", "TalonTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      exclude: ["Fixtures"]),
    // The command language shared by the shell and the workflow runner: lexer, parser,
    // interpreter, API commands and context. Talks only to the IntegrationAPI protocol.
    .target(name: "TalonScript", dependencies: ["TalonAPI"]),
    .testTarget(
      name: "TalonScriptTests", dependencies: ["TalonScript", "TalonAPI"],
      exclude: ["Golden"]),
    // `talon run`: loads workflow files, runs each against its own backend, prints results,
    // failure reports, the summary and the JUnit report. It opens an interactive shell only
    // through a hook the `talon` executable supplies, so it links neither TalonShell nor libedit.
    .target(name: "TalonRunner", dependencies: ["TalonScript", "TalonAPI", "TalonRendering"]),
    .testTarget(
      name: "TalonRunnerTests",
      dependencies: ["TalonRunner", "TalonRendering", "TalonScript", "TalonAPI", "TalonEngine"]),
  ]
)

// The libFuzzer target over the script lexer and parser. It exists only when TALON_FUZZ is
// set (`make fuzz`, and the bounded run at the end of `make test`), so ordinary builds never
// see it. Decisions:
// - with TALON_FUZZ the package shrinks to what the fuzz target needs (TalonAPI, TalonScript
//   and the resource plugin) and drops every package dependency, so the separate fuzz build
//   (`.build/fuzz`) neither resolves nor builds the HTTP, SQLite or crypto stacks: that keeps
//   the cold build `make test` adds in CI small;
// - the sanitizer flags are set per target here: given with `-Xswiftc` they also reach the
//   build-tool plugin's `embed-resources` executable, whose link then fails (libFuzzer's
//   `main` wants an `LLVMFuzzerTestOneInput`);
// - SwiftPM links a module's entry point as `main`, so the target's main.swift calls
//   libFuzzer's `LLVMFuzzerRunDriver` (declared with the experimental `@_extern(c)`);
// - lld links it: gold stops with an internal error (format_file_lineno) on these objects.
if ProcessInfo.processInfo.environment["TALON_FUZZ"] != nil {
  let needed: Set = ["TalonAPI", "TalonScript", "EmbedResources", "embed-resources"]
  package.targets.removeAll { !needed.contains($0.name) }
  package.products = []
  package.dependencies = []
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
