import Foundation
import TalonAPI
import Testing

@testable import TalonScript

/// The recording format: the header written and read back, `run` paths rewritten, and the
/// snapshot lines made from an answer.
@Suite struct RecordingFormatTests {
  @Test func theHeaderReadsBackWhatItWrote() throws {
    let header = RecordingHeader(
      date: Date(timeIntervalSince1970: 1_764_921_600), version: "0.3.0",
      backend: "embedded (memory)", campaigns: .file("../shops/my shop.json"),
      campaignsSHA256: String(repeating: "ab", count: 32), seed: 42,
      clock: "2020-06-01T12:00:00Z", virtualClock: true, snapshots: true, fileName: "a.tw")
    #expect(
      header.text == """
        # talon recording, 2025-12-05T08:00:00Z
        # talon: 0.3.0
        # backend: embedded (memory)
        # campaigns: ../shops/my shop.json
        # campaigns sha256: \(String(repeating: "ab", count: 32))
        # seed: 42
        # clock: 2020-06-01T12:00:00Z (virtual)
        # snapshots: expect lines marked # snapshot; `talon run --update FILE` rewrites them
        # replay (from this folder): talon run --seed 42 --campaigns '../shops/my shop.json' a.tw

        """)
    var read = try #require(RecordingHeader.read(header.text + "profile update ann\n"))
    read.fileName = "a.tw"
    #expect(read == header)

    let remote = RecordingHeader(
      date: Date(), version: "0.3.0", backend: "http://127.0.0.1:9000", campaigns: .remote,
      fileName: "b.tw")
    #expect(remote.text.contains("# seed: none (ids and codes will differ on replay)\n"))
    #expect(remote.replayCommand == "talon run --url http://127.0.0.1:9000 b.tw")
    #expect(RecordingHeader.read(remote.text)?.campaigns == .remote)
    #expect(RecordingHeader.read(remote.text)?.seed == nil)
    // An ordinary workflow is not a recording, even with comments that look alike.
    #expect(RecordingHeader.read("# seed: 3\nprofile update ann\n") == nil)
  }

  @Test func runPathsAreRewrittenWhereTheyAreLiterals() {
    let (text, computed) = RecordedRunPaths.rewrite(
      "repeat 2 {\n  run lib/a.tw who=ann\n}\nrun \"my lib/b.tw\" | .x"
    ) { "../" + $0 }
    #expect(text == "repeat 2 {\n  run ../lib/a.tw who=ann\n}\nrun \"../my lib/b.tw\" | .x")
    #expect(!computed)
    let dynamic = RecordedRunPaths.rewrite("let f = \"a.tw\"\nrun $f") { "x/" + $0 }
    #expect(dynamic.text == "let f = \"a.tw\"\nrun $f")
    #expect(dynamic.computed)
    #expect(
      RecordingPath.relative("/home/ann/shop/lib/a.tw", from: "/home/ann/shop/tests")
        == "../lib/a.tw")
    #expect(RecordingPath.relative("/home/ann/a.json", from: "/home/ann") == "a.json")
  }

  @Test func snapshotsPinEffectsTotalsAndCodesAndNeverInterpolate() throws {
    let answer = try JSONValue(
      parsing: """
        {"effects": [{"effectType": "rejectCoupon", "props": {"value": "NO$PE", "rejectionReason": "CouponNotFound"}}],
         "customerSession": {"total": 25.5, "state": "open", "items": []}, "code": "R-1"}
        """)
    let lines = SnapshotExpectations.lines(for: answer)
    #expect(
      lines == [
        "expect len($last.effects) == 1  # snapshot",
        "expect $last.effects[0].effectType == \"rejectCoupon\"  # snapshot",
        "expect $last.effects[0].props == {\"rejectionReason\":\"CouponNotFound\",\"value\":\"NO\\$PE\"}  # snapshot",
        "expect $last.customerSession.total == 25.5  # snapshot",
        "expect $last.customerSession.state == \"open\"  # snapshot",
        "expect $last.code == \"R-1\"  # snapshot",
      ])
    // Each line parses, and marks itself.
    for line in lines {
      #expect(throws: Never.self) { try Interpreter.parse(line) }
      #expect(SnapshotExpectations.isMarked(line))
    }
    #expect(!SnapshotExpectations.isMarked("echo 1  # snapshot"))
    #expect(SnapshotExpectations.lines(for: .null).isEmpty)
  }
}
