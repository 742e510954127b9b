import Foundation
import Testing

/// Golden files under Tests/TalonShellTests/Golden. Set TALON_UPDATE_GOLDEN=1 to rewrite
/// them from the actual output (then review the diff).
enum Golden {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Golden")

  /// Joins the cases as `=== title`, the input, `---`, the output; compares with the file.
  static func check(
    _ name: String, cases: [(title: String, input: String, output: String)],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let actual = cases.map { "=== \($0.title)\n\($0.input)\n---\n\($0.output)\n" }
      .joined(separator: "\n")
    let url = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["TALON_UPDATE_GOLDEN"] == "1" {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    guard expected != actual else { return }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let line =
      zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(expectedLines.count, actualLines.count)
    let want = line < expectedLines.count ? String(expectedLines[line]) : "<end>"
    let got = line < actualLines.count ? String(actualLines[line]) : "<end>"
    Issue.record(
      "\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n(TALON_UPDATE_GOLDEN=1 rewrites it)",
      sourceLocation: sourceLocation)
  }
}
