import Foundation
import Testing

/// Recordings that replay on their own (issue 17): a shell session recorded with its own
/// campaign file and seed, in another folder than the recording, replays green with a plain
/// `talon run FILE`; snapshot expectations catch a changed campaign and `--update` rewrites
/// them, and only them.
@Suite("Recording replay")
struct RecordingReplayTests {
  /// A campaign file with one rule: 7 off every cart of 10 or more.
  static func campaigns(discount: Int) -> String {
    """
    {"application": {"id": 1, "name": "Corner shop"},
     "campaigns": [{"id": 1, "name": "Flat off",
       "ruleset": {"rules": [{"title": "Flat off",
         "condition": "(>= (. Session Total) 10)",
         "effects": ["(setDiscount \\"Flat off\\" \(discount))"]}]}}]}

    """
  }

  /// The folders of one test: the shell works in `work/`, the recording goes to
  /// `recordings/`, the campaign file lives in `shops/`.
  struct Layout {
    let home: TalonHome
    var work: URL { home.home.appending(path: "work") }
    var recording: URL { home.home.appending(path: "recordings/checkout.tw") }
    var shop: URL { home.home.appending(path: "shops/corner.json") }

    init() throws {
      home = try TalonHome()
      for folder in ["work/lib", "recordings", "shops"] {
        try FileManager.default.createDirectory(
          at: home.home.appending(path: folder), withIntermediateDirectories: true)
      }
      try "profile update ann tier=gold\n".write(
        to: work.appending(path: "lib/setup.tw"), atomically: true, encoding: .utf8)
      try RecordingReplayTests.campaigns(discount: 7).write(
        to: shop, atomically: true, encoding: .utf8)
    }

    /// Records a session in `work/` with the campaign file and seed 3.
    func record(_ statements: String, options: String = "snapshot") async throws
      -> TalonHome.Outcome
    {
      try await home.run(
        ["--memory", "--seed", "3", "--campaigns", "../shops/corner.json"],
        input: "record start ../recordings/checkout.tw \(options)\n\(statements)", in: work)
    }

    func text() throws -> String { try String(contentsOf: recording, encoding: .utf8) }
  }

  @Test func aRecordingWithItsOwnCampaignFileReplaysWithAPlainRun() async throws {
    let layout = try Layout()
    defer { layout.home.remove() }
    let recorded = try await layout.record(
      """
      run lib/setup.tw
      session update s1 items=[{sku: A-1, name: Apron, price: 25, quantity: 1}]
      echo $last.effects[0].props.value
      record stop

      """, options: "")
    #expect(recorded.status == 0, "\(recorded.errors)")
    let text = try layout.text()
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[0].hasPrefix("# talon recording, 20"))
    #expect(lines.contains("# backend: embedded (memory)"))
    #expect(lines.contains("# campaigns: ../shops/corner.json"))
    #expect(lines.contains { $0.hasPrefix("# campaigns sha256: ") && $0.count == 20 + 64 })
    #expect(lines.contains("# seed: 3"))
    #expect(lines.contains("# clock: 2020-06-01T12:00:00Z (virtual)"))
    #expect(
      lines.contains(
        "# replay (from this folder): talon run --seed 3 --campaigns ../shops/corner.json checkout.tw"
      ))
    // The script's path now resolves from the recording's folder.
    #expect(lines.contains("run ../work/lib/setup.tw"))
    #expect(!text.contains("# snapshot"))

    // From another folder, with no flags: the header's campaign file and seed are used.
    let replay = try await layout.home.run(["run", layout.recording.path])
    #expect(replay.status == 0, "\(replay.output)\(replay.errors)")
    #expect(replay.output.contains("passed: 1 file"))
    #expect(replay.output.contains("Flat off"))
    #expect(!replay.errors.contains("warning"))

    // Moved away: the replay says which file it needs; --campaigns wins over the header.
    let moved = layout.home.home.appending(path: "moved.json")
    try FileManager.default.moveItem(at: layout.shop, to: moved)
    let missing = try await layout.home.run(["run", layout.recording.path])
    #expect(missing.status == 3)
    #expect(
      missing.errors.contains(
        "the recording's campaign file ../shops/corner.json (\(layout.shop.path)) does not exist;"
          + " give the campaign file with --campaigns FILE"))
    let given = try await layout.home.run(["run", "--campaigns", moved.path, layout.recording.path])
    #expect(given.status == 0, "\(given.output)\(given.errors)")
    #expect(!given.errors.contains("warning"))
  }

  @Test func snapshotsFailWhenTheCampaignsChangeAndUpdateRewritesOnlyThem() async throws {
    let layout = try Layout()
    defer { layout.home.remove() }
    let recorded = try await layout.record(
      """
      run lib/setup.tw
      session update s1 items=[{sku: A-1, name: Apron, price: 25, quantity: 1}] coupons=[NOPE]
      record stop

      """)
    #expect(recorded.status == 0, "\(recorded.errors)")
    #expect(recorded.output.contains("(with snapshot expectations)"))
    var text = try layout.text()
    #expect(text.contains("# snapshots: expect lines marked # snapshot"))
    let body = text.split(separator: "\n").drop { $0.hasPrefix("#") }.joined(separator: "\n")
    #expect(
      body == """
        run ../work/lib/setup.tw
        expect len($last.effects) == 0  # snapshot
        session update s1 items=[{sku: A-1, name: Apron, price: 25, quantity: 1}] coupons=[NOPE]
        expect len($last.effects) == 2  # snapshot
        expect $last.effects[0].effectType == "rejectCoupon"  # snapshot
        expect $last.effects[0].props == {"rejectionReason":"CouponNotFound","value":"NOPE"}  # snapshot
        expect $last.effects[1].effectType == "setDiscount"  # snapshot
        expect $last.effects[1].props == {"name":"Flat off","value":7}  # snapshot
        expect $last.customerSession.total == 25  # snapshot
        expect $last.customerSession.cartItemTotal == 25  # snapshot
        expect $last.customerSession.additionalCostTotal == 0  # snapshot
        expect $last.customerSession.state == "open"  # snapshot
        """)
    // A line of the user's own, unmarked, stays as written through --update.
    text += "expect $last.effects[1].props.value > 0\n"
    try text.write(to: layout.recording, atomically: false, encoding: .utf8)

    let green = try await layout.home.run(["run", layout.recording.path])
    #expect(green.status == 0, "\(green.output)\(green.errors)")

    try RecordingReplayTests.campaigns(discount: 8).write(
      to: layout.shop, atomically: true, encoding: .utf8)
    let red = try await layout.home.run(["run", layout.recording.path])
    #expect(red.status == 1)
    #expect(
      red.errors.contains(
        "warning: \(layout.recording.path): the campaign file ../shops/corner.json changed since the recording"
      ))
    #expect(red.output.contains("FAILED") || red.errors.contains("FAILED"))
    #expect(
      red.errors.contains(
        "note: that is a snapshot line; if the change is intended, `talon run --update \(layout.recording.path)` rewrites the snapshot lines"
      ))

    let update = try await layout.home.run(["run", "--update", layout.recording.path])
    #expect(update.status == 0, "\(update.output)\(update.errors)")
    #expect(
      update.output.contains(
        "--- \(layout.recording.path)\n+++ \(layout.recording.path) (updated)\n@@ "))
    #expect(
      update.output.contains(
        "-expect $last.effects[1].props == {\"name\":\"Flat off\",\"value\":7}  # snapshot\n"
          + "+expect $last.effects[1].props == {\"name\":\"Flat off\",\"value\":8}  # snapshot\n"))
    #expect(update.output.contains("snapshots updated"))
    let updated = try layout.text()
    let unmarked = { (text: String) in
      text.split(separator: "\n").filter { !$0.hasSuffix("# snapshot") }
    }
    #expect(unmarked(updated) == unmarked(text))
    #expect(updated.contains("\"value\":8}  # snapshot\n"))
    #expect(updated.hasSuffix("expect $last.effects[1].props.value > 0\n"))

    let again = try await layout.home.run(["run", layout.recording.path])
    #expect(again.status == 0, "\(again.output)\(again.errors)")
    let unchanged = try await layout.home.run(["run", "--update", layout.recording.path])
    #expect(unchanged.status == 0)
    #expect(unchanged.output.contains("snapshots up to date"))
    #expect(try layout.text() == updated)
  }

  @Test func snapshotsNeedASeedAndConnectAndResetAreRefusedWhileRecording() async throws {
    let layout = try Layout()
    defer { layout.home.remove() }
    let unseeded = try await layout.home.run(
      ["--memory"], input: "record start x.tw snapshot\n", in: layout.work)
    #expect(unseeded.status == 3)
    #expect(unseeded.errors.contains("snapshots need a seeded run"))
    #expect(!FileManager.default.fileExists(atPath: layout.work.appending(path: "x.tw").path))

    for (command, reason) in [
      ("connect embedded", "connect is refused while recording: it changes the backend"),
      ("reset force", "reset is refused while recording: it empties the store"),
    ] {
      let refused = try await layout.record("profile update bo\n\(command)\n", options: "force")
      #expect(refused.status == 3)
      #expect(refused.errors.contains(reason), "\(refused.errors)")
      #expect(refused.errors.contains("`record stop` first"))
      #expect(try layout.text().hasSuffix("profile update bo\n"))
    }

    // A seeded clock moved before the recording starts is where the replay starts too.
    let moved = try await layout.home.run(
      ["--memory", "--seed", "1"], input: "clock advance 1d\nrecord start c.tw\nrecord stop\n",
      in: layout.work)
    #expect(moved.status == 0, "\(moved.errors)")
    let clocked = try String(
      contentsOf: layout.work.appending(path: "c.tw"), encoding: .utf8)
    #expect(clocked.contains("# clock: 2020-06-02T12:00:00Z (virtual)\n"))
    #expect(clocked.hasSuffix("\nclock set 2020-06-02T12:00:00Z\n"))

    // A recording made against a server says so when replayed on the embedded engine.
    let remote = layout.work.appending(path: "remote.tw")
    try """
    # talon recording, 2026-12-05T07:00:00Z
    # talon: 0.3.0
    # backend: http://127.0.0.1:9000
    # campaigns: the server's own
    profile update ann

    """.write(to: remote, atomically: true, encoding: .utf8)
    let elsewhere = try await layout.home.run(["run", remote.path])
    #expect(elsewhere.status == 0, "\(elsewhere.errors)")
    #expect(
      elsewhere.errors.contains(
        "warning: \(remote.path): recorded against http://127.0.0.1:9000; this replay runs on the"
          + " embedded engine with the built-in demo shop (give --url to replay against a server)"))

    let plain = layout.work.appending(path: "plain.tw")
    try "profile update ann\n".write(to: plain, atomically: true, encoding: .utf8)
    let update = try await layout.home.run(["run", "--update", plain.path])
    #expect(update.status == 2)
    #expect(update.errors.contains("--update needs a seeded run"))
  }
}
