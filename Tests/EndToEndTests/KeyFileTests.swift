import Foundation
import TalonTestSupport
import Testing

/// Issue 8, item 5: secrets need not be flags (other users see flags in `ps`). The API key and
/// the application key come from a flag, a file or the environment; files are trimmed, checked
/// for being empty and for permissions that let other users read them.
@Suite("Key files and key variables")
struct KeyFileTests {
  /// The demo pack's application (id 1) and its signing key.
  static let applicationKey = "fefecafedeadbeef"
  static let pass = RunCommandTests.fixture("pass.tw")

  /// Writes `text` to `name` in `folder` with `mode`; its path.
  static func keyFile(
    _ folder: TemporaryFolder, _ name: String, _ text: String, mode: Int = 0o600
  ) throws -> String {
    let path = folder.path(name)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    return path
  }

  /// Runs talon with only PATH and HOME from this environment (no TALON_* leaking in).
  static func talon(_ arguments: [String], environment: [String: String] = [:]) async throws
    -> TalonBinary.Outcome
  {
    let inherited = ProcessInfo.processInfo.environment
    var base = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin"]
    base["HOME"] = inherited["HOME"]
    return try await TalonBinary.run(
      arguments, environment: base.merging(environment) { $1 }, inheriting: false)
  }

  @Test(arguments: ["file", "environment"])
  func theApplicationKeySignsRequestsFromAFileOrTheEnvironment(_ source: String) async throws {
    let server = try await ServeProcess.start(["--port", "0", "--memory"])
    let folder = try TemporaryFolder()
    let remote = ["run", "--url", server.url, "--app-id", "1"]
    let good: TalonBinary.Outcome
    let wrong: TalonBinary.Outcome
    if source == "file" {
      // The trailing newline an editor leaves is dropped (as hex, it would not parse).
      let file = try Self.keyFile(folder, "app.key", Self.applicationKey + "\n")
      good = try await Self.talon(remote + ["--app-key-file", file, Self.pass])
      let other = try Self.keyFile(folder, "other.key", "00ff00ff00ff00ff\n")
      wrong = try await Self.talon(remote + ["--app-key-file", other, Self.pass])
    } else {
      good = try await Self.talon(
        remote + [Self.pass], environment: ["TALON_APP_KEY": Self.applicationKey])
      wrong = try await Self.talon(remote + [Self.pass], environment: ["TALON_APP_KEY": "00ff00ff"])
    }
    #expect(good.status == 0, "\(good.standardError)")
    #expect(good.standardOutput.contains("passed: 1 file"))
    #expect(!good.standardError.contains("warning"), "\(good.standardError)")
    // A wrong key really is sent and refused: the key from the file or variable is what signs.
    #expect(wrong.status == 3, "\(wrong.standardError)")
    #expect(
      wrong.standardError.contains("failed with 400: HMAC signature mismatch"),
      "\(wrong.standardError)")
    #expect(try await server.stop() == 0)
    #expect(!server.errorText.contains(Self.applicationKey))
  }

  @Test func aKeyFileOpenToOtherUsersWarnsAndIsStillUsed() async throws {
    let folder = try TemporaryFolder()
    let apiKeyFile = try Self.keyFile(folder, "api.key", "e2e-file-key-77\n", mode: 0o644)
    let server = try await ServeProcess.start([
      "--port", "0", "--memory", "--api-key-file", apiKeyFile,
    ])
    let serveWarning =
      "warning: the API key file \(apiKeyFile) is open to its group or other users (mode 644); "
      + "restrict it with: chmod 600 \(apiKeyFile)"
    #expect(server.errorText.contains(serveWarning), "\(server.errorText)")

    let clientKey = try Self.keyFile(folder, "client.key", "e2e-file-key-77", mode: 0o640)
    let run = try await Self.talon([
      "run", "--url", server.url, "--api-key-file", clientKey, Self.pass,
    ])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardError.contains("chmod 600 \(clientKey)"), "\(run.standardError)")
    #expect(run.standardError.contains("(mode 640)"), "\(run.standardError)")
    let appKey = try Self.keyFile(folder, "app.key", Self.applicationKey, mode: 0o604)
    let signed = try await Self.talon([
      "run", "--url", server.url, "--app-id", "1", "--app-key-file", appKey, Self.pass,
    ])
    #expect(signed.status == 0, "\(signed.standardError)")
    #expect(
      signed.standardError.contains(
        "the application key file \(appKey) is open to its group or other users (mode 604)"),
      "\(signed.standardError)")
    #expect(try await server.stop() == 0)
    #expect(!server.errorText.contains("e2e-file-key-77"))
  }

  @Test func conflictsMissingPartsAndEmptyFilesAreUsageErrors() async throws {
    let folder = try TemporaryFolder()
    let key = try Self.keyFile(folder, "app.key", Self.applicationKey)
    let empty = try Self.keyFile(folder, "empty.key", " \n")
    let missing = folder.path("missing.key")
    // Nothing listens there: each case must stop before any request.
    let remote = ["run", "--url", "http://127.0.0.1:1"]
    let cases: [([String], String)] = [
      (
        ["--app-id", "1", "--app-key", Self.applicationKey, "--app-key-file", key],
        "--app-key and --app-key-file exclude each other"
      ),
      (
        ["--api-key", "k", "--api-key-file", key], "--api-key and --api-key-file exclude each other"
      ),
      (["--app-key-file", key], "--app-key and --app-key-file need --app-id"),
      (["--app-key", Self.applicationKey], "--app-key and --app-key-file need --app-id"),
      (["--app-id", "1"], "--app-id needs the application key"),
      (["--app-id", "1", "--app-key-file", empty], "the application key file \(empty) is empty"),
      (["--api-key-file", empty], "the API key file \(empty) is empty"),
      (["--app-id", "1", "--app-key-file", missing], "cannot read the application key file"),
    ]
    for (arguments, message) in cases {
      let outcome = try await Self.talon(remote + arguments + [Self.pass])
      #expect(outcome.status == 2, "\(arguments): \(outcome.standardError)")
      #expect(outcome.standardError.contains(message), "\(arguments): \(outcome.standardError)")
      #expect(!outcome.standardOutput.contains("passed"), "\(arguments)")
    }
    let serve = try await Self.talon(["serve", "--memory", "--api-key", "k", "--api-key-file", key])
    #expect(serve.status == 2)
    #expect(serve.standardError.contains("--api-key and --api-key-file exclude each other"))
  }

  @Test func helpSaysFlagsAreVisibleAndWhatToPrefer() async throws {
    func help(_ command: String) async throws -> String {
      let outcome = try await Self.talon([command, "--help"])
      #expect(outcome.status == 0)
      return outcome.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    let run = try await help("run")
    #expect(run.contains("--app-key-file <app-key-file>"))
    #expect(run.contains("Other users see flags in `ps`: prefer --app-key-file or TALON_APP_KEY"))
    #expect(run.contains("Other users see flags in `ps`: prefer --api-key-file or TALON_API_KEY"))
    let serve = try await help("serve")
    #expect(serve.contains("Other users see flags in `ps`: prefer --api-key-file or TALON_API_KEY"))
  }
}
