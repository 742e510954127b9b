import Foundation
import Testing

@testable import TalonPostgres

@Suite struct PostgresPasswordTests {
  let location = PostgresLocation(user: "shop", host: "db", port: 5433, database: "talon")

  /// A password file with `text` and `mode` in a folder of its own, removed afterwards.
  func withPasswordFile(
    _ text: String, mode: Int = 0o600, _ body: (String) throws(any Error) -> Void
  ) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "talon-pgpass-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("pgpass").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    try body(path)
  }

  @Test func takesPGPASSWORDFirst() throws {
    try withPasswordFile("*:*:*:*:from-file\n") { path in
      let found = try PostgresPassword.find(
        for: location, environment: ["PGPASSWORD": "from-env", "PGPASSFILE": path])
      #expect(found == "from-env")
    }
  }

  @Test func takesTheFirstMatchingLineOfThePasswordFile() throws {
    let text = """
      # host:port:database:user:password
      db:5432:talon:shop:wrong-port
      db:5433:other:shop:wrong-database
      db:*:talon:shop:pa\\:ss\\\\word
      *:*:*:*:fallback
      """
    try withPasswordFile(text) { path in
      let found = try PostgresPassword.find(for: location, environment: ["PGPASSFILE": path])
      #expect(found == "pa:ss\\word")
      var other = location
      other.user = "someone"
      let fallback = try PostgresPassword.find(for: other, environment: ["PGPASSFILE": path])
      #expect(fallback == "fallback")
    }
  }

  @Test func readsHomesPgpassWithoutPGPASSFILE() throws {
    try withPasswordFile("db:5433:talon:shop:secret\n") { path in
      let home = (path as NSString).deletingLastPathComponent
      try FileManager.default.moveItem(atPath: path, toPath: home + "/.pgpass")
      let found = try PostgresPassword.find(for: location, environment: ["HOME": home])
      #expect(found == "secret")
    }
  }

  @Test func refusesAFileOthersCanRead() throws {
    try withPasswordFile("*:*:*:*:secret\n", mode: 0o644) { path in
      #expect {
        try PostgresPassword.find(for: location, environment: ["PGPASSFILE": path])
      } throws: { error in
        "\(error)" == "password file \(path): others can read it; run chmod 600 \(path)"
      }
    }
  }

  @Test func noPasswordAnywhereIsNoPassword() throws {
    #expect(try PostgresPassword.find(for: location, environment: [:]) == nil)
    #expect(
      try PostgresPassword.find(
        for: location, environment: ["PGPASSFILE": "/nonexistent/talon-pgpass"]) == nil)
  }
}
