import Testing

@testable import TalonPostgres

@Suite struct PostgresLocationTests {
  @Test func readsEveryPart() throws {
    let location = try PostgresLocation(parsing: "postgres://shop@db.internal:6543/talon")
    #expect(
      location == PostgresLocation(user: "shop", host: "db.internal", port: 6543, database: "talon")
    )
    #expect(location.description == "postgres://shop@db.internal:6543/talon")
  }

  @Test func defaultsPortAndDatabaseLikePsql() throws {
    let location = try PostgresLocation(parsing: "postgresql://shop@localhost")
    #expect(
      location == PostgresLocation(user: "shop", host: "localhost", port: 5432, database: "shop"))
  }

  @Test func recognisesOnlyPostgresSchemes() {
    #expect(PostgresLocation.isPostgresURL("postgres://a@b/c"))
    #expect(PostgresLocation.isPostgresURL("POSTGRESQL://a@b/c"))
    #expect(!PostgresLocation.isPostgresURL("/var/lib/talon/store.sqlite"))
    #expect(!PostgresLocation.isPostgresURL("postgres.sqlite"))
  }

  @Test func refusesAPasswordWithoutShowingIt() {
    #expect {
      try PostgresLocation(parsing: "postgres://shop:hunter2@localhost/talon")
    } throws: { error in
      let text = "\(error)"
      return text.contains("PGPASSWORD") && !text.contains("hunter2")
        && text.hasPrefix("invalid store URL 'postgres://shop:***@localhost/talon'")
    }
  }

  @Test(arguments: [
    ("postgres://localhost/talon", "no user"),
    ("postgres://shop@/talon", "no host"),
    ("postgres://shop@localhost:5432/talon?sslmode=require", "query parameters"),
    ("postgres://shop@localhost/a/b", "one database"),
    ("mysql://shop@localhost/talon", "expected postgres://"),
  ])
  func refusesWhatItCannotUse(text: String, reason: String) {
    #expect {
      try PostgresLocation(parsing: text)
    } throws: { error in
      "\(error)".contains(reason) && "\(error)".hasPrefix("invalid store URL '\(text)'")
    }
  }
}
