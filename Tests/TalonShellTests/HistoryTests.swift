import Foundation
import Testing

@testable import TalonShell

@Suite("History")
struct HistoryTests {
  /// A fresh directory under the system's temporary folder, removed by the caller.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appending(
      path: "talon-history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func consecutiveDuplicatesAreCollapsed() {
    let history = History(fileURL: nil, limit: 10)
    for line in ["a", "a", "b", "a", "a"] { history.record(line) }
    #expect(history.entries == ["a", "b", "a"])
  }

  @Test func theOldestEntriesGoBeyondTheLimit() {
    let history = History(fileURL: nil, limit: 3)
    for number in 1...5 { history.record("echo \(number)") }
    #expect(history.entries == ["echo 3", "echo 4", "echo 5"])
    #expect(history.count == 3)
  }

  @Test func secretsAndSpaceLinesAreNotRecorded() {
    let history = History(fileURL: nil)
    history.activeSecrets = ["tok-123"]
    #expect(history.record("echo one"))
    #expect(!history.record("connect http://h api-key=x"))
    #expect(!history.record(" echo hidden"))
    #expect(!history.record("echo tok-123"))
    #expect(history.entries == ["echo one"])
  }

  @Test func aLimitOfZeroKeepsNothing() {
    let history = History(fileURL: nil, limit: 0)
    #expect(!history.record("echo one"))
    #expect(history.entries.isEmpty)
  }

  @Test func savesPrivatelyAndLoadsBack() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appending(path: "state/talon/history")
    let history = History(fileURL: file, limit: 3)
    for line in ["echo 1", "{ a\nb }", "echo 3", "echo 4"] { history.record(line) }
    try history.save()

    let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)

    let reloaded = History(fileURL: file, limit: 2)
    try reloaded.load()
    #expect(reloaded.entries == ["echo 3", "echo 4"])
    let wide = History(fileURL: file, limit: 10)
    try wide.load()
    #expect(wide.entries == ["{ a\nb }", "echo 3", "echo 4"])
  }

  @Test func anExistingFileIsReplacedByAPrivateOneOnSave() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appending(path: "history")
    #expect(
      FileManager.default.createFile(
        atPath: file.path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
    let history = History(fileURL: file)
    history.record("echo 1")
    try history.save()
    let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["history"])
    let reloaded = History(fileURL: file)
    try reloaded.load()
    #expect(reloaded.entries == ["echo 1"])
  }

  @Test func aMissingFileLoadsAsEmpty() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let history = History(fileURL: directory.appending(path: "none/history"))
    try history.load()
    #expect(history.entries.isEmpty)
  }

  @Test func anUnwritableLocationIsAnError() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let blocker = directory.appending(path: "file")
    #expect(FileManager.default.createFile(atPath: blocker.path, contents: Data("x".utf8)))
    let history = History(fileURL: blocker.appending(path: "history"))
    history.record("echo 1")
    #expect(throws: HistoryError.unwritable(blocker.path)) { try history.save() }
  }

  @Test func locationFollowsXDGStateHomeThenHome() {
    #expect(
      History.fileURL(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.path
        == "/s/talon/history")
    #expect(
      History.fileURL(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])?.path
        == "/h/.local/state/talon/history")
    #expect(History.fileURL(environment: ["HOME": "/h"])?.path == "/h/.local/state/talon/history")
    #expect(History.fileURL(environment: [:]) == nil)
  }

  @Test func limitComesFromTalonHistsize() {
    #expect(History.limit(environment: [:]) == 1000)
    #expect(History.limit(environment: ["TALON_HISTSIZE": "50"]) == 50)
    #expect(History.limit(environment: ["TALON_HISTSIZE": "0"]) == 0)
    #expect(History.limit(environment: ["TALON_HISTSIZE": "-3"]) == 1000)
    #expect(History.limit(environment: ["TALON_HISTSIZE": "lots"]) == 1000)
  }
}
