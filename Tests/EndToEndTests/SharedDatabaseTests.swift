import Foundation
import TalonAPI
import TalonPostgres
import TalonTestSupport
import Testing

/// `--store postgres://...` with the real binaries, on a database of its own in the cluster
/// `make test` starts (`TALON_TEST_POSTGRES`, the password in `PGPASSWORD`).
@Suite(
  "PostgreSQL store of the binary",
  .enabled(
    if: SharedDatabase.clusterURL != nil,
    "needs a PostgreSQL cluster in TALON_TEST_POSTGRES: run `make postgres-check` or `make test`"))
struct SharedDatabaseTests {
  @Test func twoServersOnOneDatabaseServeTheSameData() async throws {
    try await SharedDatabase.with { url in
      let arguments = ["--port", "0", "--store", url]
      let first = try await ServeProcess.start(arguments)
      let second = try await ServeProcess.start(arguments)
      try await withClient(first.url) { client in
        _ = try await client.updateCustomerProfile(
          integrationId: "ada", body: NewCustomerProfile(attributes: ["Name": "Ada"]))
      }
      let inventory = try await withClient(second.url) { client in
        try await client.getCustomerInventory(integrationId: "ada", profile: true, referrals: nil)
      }
      #expect(inventory.profile?.attributes["Name"] == "Ada")
      #expect(try await first.stop() == 0)
      #expect(try await second.stop() == 0)
    }
  }

  /// The files of `talon run --store` share the database: FLASH3's three uses are gone after
  /// the first run, so the second one's expectations fail.
  @Test func runKeepsItsDataInTheDatabase() async throws {
    try await SharedDatabase.with { url in
      let file = WorkflowTests.repository.appending(path: "workflows/05-close-then-cancel.tw").path
      let first = try TalonBinary.run(["run", "--store", url, "--quiet", file])
      #expect(first.status == 0, "\(first.standardOutput)\n\(first.standardError)")
      let second = try TalonBinary.run(["run", "--quiet", file], environment: ["TALON_STORE": url])
      #expect(second.status == 1, "\(second.standardOutput)\n\(second.standardError)")
    }
  }

  @Test func aStoreThatIsNoPostgresURLIsAUsageError() throws {
    let outcome = try TalonBinary.run(["run", "--store", "/tmp/talon.sqlite", "x.tw"])
    #expect(outcome.status == 2)
    #expect(
      outcome.standardError.contains(
        "--store takes a postgres://USER@HOST:PORT/DB URL; a SQLite file is --data FILE."))
  }

  @Test func aPasswordInTheURLIsRefusedAndNeverShown() async throws {
    let server = try ServeProcess(
      ["--port", "0", "--store", "postgres://talon:s3cret-pw@127.0.0.1:1/talon"])
    let status = try await server.waitForExit()
    #expect(status != 0)
    #expect(server.errorText.contains("give it in PGPASSWORD or a password file"))
    #expect(!server.errorText.contains("s3cret-pw") && !server.outputText.contains("s3cret-pw"))
  }
}

/// Databases of their own on the tests' cluster.
enum SharedDatabase {
  static let environment = ProcessInfo.processInfo.environment
  static let clusterURL = environment["TALON_TEST_POSTGRES"]

  /// Runs `body` with the URL of a new, empty database, dropped afterwards.
  static func with(_ body: (String) async throws -> Void) async throws {
    let cluster = try #require(clusterURL)
    let url = try PostgresScratchDatabase.create(on: cluster, environment: environment)
    defer { PostgresScratchDatabase.drop(url, clusterURL: cluster, environment: environment) }
    try await body(url)
  }
}
