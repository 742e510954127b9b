import Foundation
import TalonAPI
import Testing

@testable import TalonScript

/// Property tests: whatever the input, the lexer and parser return a program or a located
/// parse error, and never crash. Seeded, so a failure reproduces.
@Suite struct RobustnessTests {
  static let fragments = [
    "profile", "session", "update", "update-v1", "close", "event", "track", "coupon", "reserve",
    "cart", "add", "use", "new", "clock", "advance", "run", "echo", "let", "expect", "if", "else",
    "for", "in", "repeat", "not", "and", "or", "contains", "matches", "len", "(", ")", "[", "]",
    "{", "}", ",", ":", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "|", ".",
    "$", "$last", "$a", ".effects", "[0]", "\"", "\"${", "${", "'", "#", "\\", "\n", " ", "\t",
    "1", "0.5", "1e5", "2020-01-01T00:00:00Z", "30d", "12abc", "\"str ${x} \"", "'raw'",
    "sku=A", "UpdateCustomerSessionV2", "\u{00e9}", "\u{1F600}", "\\u00", "true", "null",
  ]

  /// Parses and checks the invariants of the outcome.
  static func check(_ text: String) {
    _ = Interpreter.isIncomplete(text)
    let scan = InputScan(text)
    #expect(scan.cursor.start <= text.utf8.count)
    do {
      let program = try Interpreter.parse(text, file: "fuzz.tw")
      for statement in program.statements {
        #expect(statement.range.start <= statement.range.end)
      }
    } catch {
      #expect(error.kind == .parse)
      #expect(error.location != nil)
      #expect(error.rendered.contains("^"))
    }
  }

  @Test func randomBytesNeverCrash() {
    var random = SeededRandom(seed: 20_201_127)
    for _ in 0..<3_000 {
      let length = Int.random(in: 0..<80, using: &random)
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
      Self.check(String(decoding: bytes, as: UTF8.self))
    }
  }

  @Test func randomPrintableTextNeverCrashes() {
    var random = SeededRandom(seed: 7)
    let alphabet = Array(" \n\t{}[]()\"'$#\\.,:=|<>!+-*/0123456789aeflnrstuxTZ_@")
    for _ in 0..<3_000 {
      let length = Int.random(in: 0..<60, using: &random)
      Self.check(
        String(
          (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }))
    }
  }

  @Test func tokenSoupsNeverCrash() {
    var random = SeededRandom(seed: 99)
    for _ in 0..<3_000 {
      let count = Int.random(in: 0..<30, using: &random)
      var text = ""
      for _ in 0..<count {
        text += Self.fragments[Int.random(in: 0..<Self.fragments.count, using: &random)]
        if Bool.random(using: &random) { text += " " }
      }
      Self.check(text)
    }
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    for opener in ["[", "(", "{", "if 1 {\n", "\"${", "not ", "- "] {
      let text = "echo " + String(repeating: opener, count: 5_000)
      Self.check(text)
    }
  }
}
