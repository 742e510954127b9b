import Foundation
import Synchronization
import TalonTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// `talon run` and the non-interactive shell, as built: exit statuses at every depth, Ctrl-C
/// with reports, parallel files, the HTML report as a browser draws it.
@Suite("talon run you can trust, end to end")
struct ReplayTrustTests {
  /// A folder of its own for a test's files, removed at the end.
  final class Folder {
    let url = FileManager.default.temporaryDirectory.appending(
      path: "talon-replay-\(UUID().uuidString)")

    init() throws {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` (folders created) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
      let file = url.appending(path: name)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: file, atomically: true, encoding: .utf8)
      return file.path
    }

    func path(_ name: String) -> String { url.appending(path: name).path }
  }

  enum Kind: String, CaseIterable, Sendable {
    case expect, parse, api, runtime

    var statements: String {
      switch self {
      case .expect: "expect 1 == 2"
      case .parse: "let x = 12abc"
      case .api: "session update s1 profile=alice\nsession update s1 profile=bob"
      case .runtime: "let x = {a: 1}\necho $x.b"
      }
    }

    var status: Int32 {
      switch self {
      case .expect: 1
      case .parse: 2
      case .api, .runtime: 3
      }
    }
  }

  enum Depth: String, CaseIterable, Sendable {
    case topLevel, inABlock, inARunScript, twoRunsDownFromALoop
  }

  /// Writes the files of `kind` at `depth` into `folder`; the text of the top file, whose
  /// `run` paths are absolute so the shell (which resolves against its working folder) and
  /// `talon run` (against the file's folder) reach the same scripts.
  static func top(_ kind: Kind, _ depth: Depth, in folder: Folder) throws -> String {
    let statements = kind.statements
    switch depth {
    case .topLevel:
      return "echo before\n\(statements)\necho after\n"
    case .inABlock:
      let indented = statements.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
      return "for i in [1, 2] {\n\(indented)\n}\necho after\n"
    case .inARunScript:
      try folder.write("b.tw", statements + "\n")
      return "run \(folder.path("b.tw"))\necho after\n"
    case .twoRunsDownFromALoop:
      try folder.write("lib/b.tw", "run c.tw\n")
      try folder.write("lib/c.tw", statements + "\n")
      return "for i in [1] {\n  run \(folder.path("lib/b.tw")) who=$i\n}\necho after\n"
    }
  }

  @Test(arguments: Kind.allCases, Depth.allCases)
  func bothFacesExitWithTheKindsStatusAtEveryDepth(_ kind: Kind, _ depth: Depth) async throws {
    let folder = try Folder()
    let text = try Self.top(kind, depth, in: folder)
    let file = try folder.write("top.tw", text)
    let run = try await TalonBinary.run(["run", file])
    #expect(run.status == kind.status, "talon run: \(run.standardOutput)\n\(run.standardError)")
    #expect(!run.standardOutput.contains("\nafter\n"))
    let shell = try await TalonBinary.run(["--memory", "--no-rc"], input: text)
    #expect(shell.status == kind.status, "shell: \(shell.standardOutput)\n\(shell.standardError)")
    #expect(!shell.standardOutput.contains("after"))
  }

  @Test func aBadCampaignFileIsTwoEverywhere() async throws {
    let folder = try Folder()
    let campaigns = try folder.write("bad.json", "{\"campaigns\": [")
    let workflow = try folder.write("w.tw", "echo hi\n")
    let run = try await TalonBinary.run(["run", "--campaigns", campaigns, workflow])
    let shell = try await TalonBinary.run(
      ["--memory", "--no-rc", "--campaigns", campaigns], input: "")
    let command = try await TalonBinary.run(["--memory", "-c", "echo hi", "--campaigns", campaigns])
    let serve = try await TalonBinary.run([
      "serve", "--memory", "--port", "0", "--campaigns", campaigns,
    ])
    for (face, outcome) in [("run", run), ("shell", shell), ("-c", command), ("serve", serve)] {
      #expect(outcome.status == 2, "\(face): \(outcome.standardError)")
      #expect(outcome.standardError.contains("bad.json"), "\(face): \(outcome.standardError)")
    }
  }

  @Test func controlCWritesTheReportsWithTheInterruptedCase() async throws {
    let folder = try Folder()
    let first = try folder.write(
      "first.tw", "profile update alice\nexpect $last.event.type == \"customer_profile_created\"\n")
    let slow = try folder.write(
      "slow.tw", "profile update bob\necho started\nsleep 60\necho never\n")
    let later = try folder.write("later.tw", "echo later\n")
    let junit = folder.path("junit.xml")
    let json = folder.path("report.json")
    let html = folder.path("report.html")
    let process = try RunningTalon([
      "run", "--report", "junit=\(junit)", "--report", "json=\(json)", "--report",
      "html=\(html)", first, slow, later,
    ])
    try await process.waitForOutput("started")
    process.send(SIGINT)
    let status = try await process.waitForExit()
    #expect(status == 130, "\(process.output)\n\(process.errors)")
    #expect(process.output.contains("interrupted: 2 files"), "\(process.output)")
    #expect(!process.output.contains("never"))

    let document = try XMLDocument(contentsOf: URL(fileURLWithPath: junit))
    let cases = try document.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
    #expect(cases.count == 3)
    #expect(cases[0].childCount == 0)
    let error = try #require(cases[1].elements(forName: "error").first)
    #expect(error.attribute(forName: "type")?.stringValue == "cancelled")
    #expect(
      error.attribute(forName: "message")?.stringValue?.contains("slow.tw:3:1: interrupted")
        == true)
    #expect(cases[2].elements(forName: "skipped").count == 1)

    let report = try String(contentsOfFile: json, encoding: .utf8)
    #expect(report.contains("\"interrupted\": true"))
    #expect(try String(contentsOfFile: html, encoding: .utf8).contains("interrupted"))
  }

  @Test func theShippedWorkflowsRunInParallelAndTwiceAgainstOneServer() async throws {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let folder = repository.appending(path: "workflows")
    let workflows = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".tw") }.sorted().map { folder.appending(path: $0).path }
    let embedded = try await TalonBinary.run(["run", "--seed", "7", "--jobs", "4"] + workflows)
    #expect(embedded.status == 0, "\(embedded.standardOutput)\n\(embedded.standardError)")
    #expect(embedded.standardOutput.contains("passed: \(workflows.count) files"))

    let server = try RunningTalon(
      ["serve", "--port", "0", "--seed", "7", "--memory"], input: nil)
    try await server.waitForOutput("listening on http://")
    let url = String(
      server.output.split(separator: "\n").first?.dropFirst("listening on ".count) ?? "")
    // FLASH3's 3 uses are shared by every run (a global limit, not an id): the second round
    // leaves out the workflow that uses them up.
    let again = workflows.filter { !$0.hasSuffix("05-close-then-cancel.tw") }
    for (round, files) in [(1, workflows), (2, again)] {
      let remote = try await TalonBinary.run(
        ["run", "--url", url, "--api-key", "demo-shop-api-key", "--jobs", "4"] + files)
      #expect(
        remote.status == 0, "round \(round): \(remote.standardOutput)\n\(remote.standardError)")
    }
    server.send(SIGTERM)
    #expect(try await server.waitForExit() == 0)
  }

  @Test func theHTMLReportDrawsAsAPageThatIsNotBlank() async throws {
    let required = ProcessInfo.processInfo.environment["TALON_REQUIRE_CHROMIUM"] == "1"
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let chromium else {
      // `make test` installs Chromium and sets TALON_REQUIRE_CHROMIUM: there a missing
      // browser is a failure; a plain `swift test` without it checks the page only by parsing.
      #expect(!required, "chromium is missing: apt-get install -y chromium")
      return
    }
    let folder = try Folder()
    let workflow = try folder.write(
      "checkout.tw",
      """
      profile update alice tier=gold
      session update s1 items=[{sku: SHOE-1, name: Runner, price: 120, quantity: 1, \\
        category: shoes}] coupons=[SUMMER10]
      expect $last.effects[0].effectType == "acceptCoupon"
      expect $last.customerSession.total == 1
      """)
    let html = folder.path("report.html")
    let run = try await TalonBinary.run(["run", "--report", "html=\(html)", workflow])
    #expect(run.status == 1)
    let png = folder.path("report.png")
    let browser = Process()
    browser.executableURL = URL(fileURLWithPath: chromium)
    browser.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
      "--user-data-dir=\(folder.path("profile"))", "--window-size=1000,900",
      "--screenshot=\(png)", URL(fileURLWithPath: html).absoluteString,
    ]
    browser.standardOutput = FileHandle.nullDevice
    browser.standardError = FileHandle.nullDevice
    try browser.run()
    try await waitUntilExited(browser, seconds: 120)
    #expect(FileManager.default.fileExists(atPath: png), "chromium wrote no screenshot")
    let variance = try Self.luminanceVariance(ofPNG: png)
    #expect(variance > 100, "the page looks blank (variance \(variance))")
  }

  /// The variance of the pixels' luminance in a PNG (8-bit RGB or RGBA), computed by Python's
  /// standard library (zlib), which the machine has for the SDK suite.
  static func luminanceVariance(ofPNG path: String) throws -> Double {
    let script = """
      import struct, sys, zlib
      data = open(sys.argv[1], 'rb').read()
      assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
      pos, idat = 8, b''
      while pos < len(data):
          length, kind = struct.unpack('>I4s', data[pos:pos + 8])
          body = data[pos + 8:pos + 8 + length]
          if kind == b'IHDR':
              width, height, depth, colour = struct.unpack('>IIBB', body[:10])
          elif kind == b'IDAT':
              idat += body
          pos += 12 + length
      assert depth == 8 and colour in (2, 6)
      channels = 3 if colour == 2 else 4
      raw = zlib.decompress(idat)
      stride = width * channels
      previous = bytearray(stride)
      total = squares = count = 0
      for row in range(height):
          start = row * (stride + 1)
          kind = raw[start]
          line = bytearray(raw[start + 1:start + 1 + stride])
          for i in range(stride):
              left = line[i - channels] if i >= channels else 0
              up = previous[i]
              corner = previous[i - channels] if i >= channels else 0
              if kind == 1: line[i] = (line[i] + left) & 255
              elif kind == 2: line[i] = (line[i] + up) & 255
              elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
              elif kind == 4:
                  p = left + up - corner
                  pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                  predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                  line[i] = (line[i] + predictor) & 255
          for x in range(0, stride, channels * 4):
              value = 0.299 * line[x] + 0.587 * line[x + 1] + 0.114 * line[x + 2]
              total += value
              squares += value * value
              count += 1
          previous = line
      mean = total / count
      print(squares / count - mean * mean)
      """
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", "-c", script, path]
    let output = Pipe()
    python.standardOutput = output
    try python.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    python.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return Double(text) ?? -1
  }
}

/// Waits for a process to end, for at most `seconds`.
func waitUntilExited(_ process: Process, seconds: Double) async throws {
  let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
  while process.isRunning {
    guard ContinuousClock.now < deadline else {
      process.terminate()
      throw TimedOut(what: "\(process.executableURL?.lastPathComponent ?? "process") to exit")
    }
    try await Task.sleep(for: .milliseconds(10))
  }
}

/// The built binary running in the background, its output gathered as it arrives, so a test
/// can wait for a line, send a signal and wait for the exit.
final class RunningTalon: @unchecked Sendable {
  private let process = Process()
  private let standardOutput = Pipe()
  private let standardError = Pipe()
  private let gathered = Mutex((output: Data(), errors: Data()))

  init(_ arguments: [String], input: String? = nil) throws {
    process.executableURL = TalonBinary.url
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["TALON_URL"] = nil
    environment["TALON_API_KEY"] = nil
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = standardOutput
    process.standardError = standardError
    standardOutput.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let chunk = handle.availableData
      if chunk.isEmpty { handle.readabilityHandler = nil }
      self?.gathered.withLock { $0.output.append(chunk) }
    }
    standardError.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let chunk = handle.availableData
      if chunk.isEmpty { handle.readabilityHandler = nil }
      self?.gathered.withLock { $0.errors.append(chunk) }
    }
    try process.run()
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
  }

  var output: String { gathered.withLock { String(decoding: $0.output, as: UTF8.self) } }
  var errors: String { gathered.withLock { String(decoding: $0.errors, as: UTF8.self) } }

  func waitForOutput(_ text: String, seconds: Double = 60) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while !output.contains(text) {
      guard ContinuousClock.now < deadline, process.isRunning else {
        throw TimedOut(what: "'\(text)' in: \(output)\n\(errors)")
      }
      try await Task.sleep(for: .milliseconds(10))
    }
  }

  func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

  /// The exit status, or the negated signal that ended it.
  func waitForExit(seconds: Double = 60) async throws -> Int32 {
    try await waitUntilExited(process, seconds: seconds)
    process.waitUntilExit()
    return process.terminationReason == .uncaughtSignal
      ? -process.terminationStatus : process.terminationStatus
  }
}
