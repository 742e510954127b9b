import Testing

@testable import TalonShell

@Suite("History secret filter")
struct HistoryFilterTests {
  @Test(arguments: [
    "connect https://x.example api-key=abc123",
    "connect https://x.example key=abc123",
    "connect https://x.example KEY = abc123",
    "talon --api-key abc123",
    "talon --key abc123",
    "set apiKey abc123",
    "let c = {\"apiKey\": \"abc\"}",
    "let c = {\"key\": \"abc\"}",
    "header Authorization: ApiKey-v1 abc123",
    "connect url api_key=abc",
  ])
  func linesNamingAKeyAreNotRecorded(line: String) {
    #expect(HistoryFilter.mayContainSecret(line))
    #expect(!HistoryFilter.shouldRecord(line))
  }

  @Test(arguments: [
    "update profile alice attributes={name: \"Alice\"}",
    "session s1 cart=[{sku: \"key-ring\", price: 3}]",
    "coupon monkey=1",
    "keyboard=on",
    "echo key",
    "$last.keys",
  ])
  func ordinaryLinesAreRecorded(line: String) {
    #expect(!HistoryFilter.mayContainSecret(line))
    #expect(HistoryFilter.shouldRecord(line))
  }

  @Test func aLineContainingTheActiveSecretIsNotRecorded() {
    let line = "echo s3cr3t-value-42"
    #expect(HistoryFilter.shouldRecord(line, activeSecrets: ["other"]))
    #expect(!HistoryFilter.shouldRecord(line, activeSecrets: ["s3cr3t-value-42"]))
    #expect(HistoryFilter.shouldRecord(line, activeSecrets: [""]))
  }

  @Test func blankLinesAndLinesStartingWithASpaceAreNotRecorded() {
    #expect(!HistoryFilter.shouldRecord(""))
    #expect(!HistoryFilter.shouldRecord("   \t"))
    #expect(!HistoryFilter.shouldRecord(" echo private"))
    #expect(HistoryFilter.shouldRecord("echo public "))
  }
}
