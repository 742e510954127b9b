import Foundation
import TalonAPI
import Testing

@testable import TalonScript

/// The in-process, bounded stand-in for `make fuzz` in `make test`: real scripts (the fuzz
/// corpus, the example workflows and the code blocks of docs/language.md) mutated the way
/// libFuzzer mutates its inputs (bytes flipped, ranges dropped, repeated or moved, fragments
/// inserted, two scripts spliced, lines swapped), seeded so a failure reproduces. Each
/// outcome must be a program or a located parse error (`RobustnessTests.check`).
@Suite struct CorpusMutationTests {
  static let mutationsPerRun = 4_000

  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The seed scripts: every `.tw` file under Tests/FuzzCorpus and workflows/, and every
  /// fenced code block of docs/language.md.
  static func seeds() -> [String] {
    var seeds: [String] = []
    for folder in ["Tests/FuzzCorpus", "workflows"] {
      let url = repository.appending(path: folder)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
      for name in names.sorted() where name.hasSuffix(".tw") {
        if let text = try? String(contentsOf: url.appending(path: name), encoding: .utf8) {
          seeds.append(text)
        }
      }
    }
    let guide = repository.appending(path: "docs/language.md")
    if let text = try? String(contentsOf: guide, encoding: .utf8) {
      let parts = text.components(separatedBy: "```")
      // Odd parts are inside fences; drop the info string (the rest of the opening line).
      for (index, part) in parts.enumerated() where index % 2 == 1 {
        if let newline = part.firstIndex(of: "\n") {
          seeds.append(String(part[part.index(after: newline)...]))
        }
      }
    }
    return seeds
  }

  static func mutate(_ bytes: [UInt8], other: [UInt8], using random: inout SeededRandom)
    -> [UInt8]
  {
    var bytes = bytes
    func position() -> Int { Int.random(in: 0...bytes.count, using: &random) }
    func range() -> Range<Int> {
      let start = Int.random(in: 0...bytes.count, using: &random)
      let end = min(bytes.count, start + Int.random(in: 0...16, using: &random))
      return start..<end
    }
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      switch Int.random(in: 0..<8, using: &random) {
      case 0 where !bytes.isEmpty:
        let index = Int.random(in: 0..<bytes.count, using: &random)
        bytes[index] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
      case 1:
        bytes.removeSubrange(range())
      case 2:
        let copied = Array(bytes[range()])
        bytes.insert(contentsOf: copied, at: position())
      case 3:
        let fragment = RobustnessTests.fragments.randomElement(using: &random) ?? "("
        bytes.insert(contentsOf: Array(fragment.utf8), at: position())
      case 4:
        let cut = Int.random(in: 0...other.count, using: &random)
        bytes = Array(bytes.prefix(position())) + Array(other.suffix(from: cut))
      case 5:
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.count > 1 {
          let a = Int.random(in: 0..<lines.count, using: &random)
          let b = Int.random(in: 0..<lines.count, using: &random)
          lines.swapAt(a, b)
        }
        bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
      case 6:
        bytes.insert(UInt8.random(in: 0...255, using: &random), at: position())
      default:
        bytes = Array(bytes.prefix(position()))
      }
    }
    return bytes
  }

  @Test func theSeedsParseOrFailWithALocation() {
    let seeds = Self.seeds()
    #expect(seeds.count >= 6, "the fuzz corpus is missing")
    for seed in seeds { RobustnessTests.check(seed) }
  }

  @Test func mutatedScriptsNeverCrashTheParser() {
    let seeds = Self.seeds().map { Array($0.utf8) }
    guard !seeds.isEmpty else {
      Issue.record("no seed scripts")
      return
    }
    var random = SeededRandom(seed: 0x5C12_1F7E)
    for _ in 0..<Self.mutationsPerRun {
      let seed = seeds.randomElement(using: &random) ?? []
      let other = seeds.randomElement(using: &random) ?? []
      let mutated = Self.mutate(seed, other: other, using: &random)
      RobustnessTests.check(String(decoding: mutated, as: UTF8.self))
    }
  }
}
