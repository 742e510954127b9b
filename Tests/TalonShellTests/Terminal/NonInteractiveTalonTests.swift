import Foundation
import Testing

/// `talon` with standard input from a pipe, and `talon -c`: no prompt, no colour, no history;
/// the first failure stops the run with the runner's exit codes.
@Suite("talon without a terminal")
struct NonInteractiveTalonTests {
  @Test func aPipedScriptRunsAndAFailingExpectExitsWithOne() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    let script = """
      profile update alice tier=gold
      let s = session update s1 items=[{
        sku: SHOE-1, name: Runner, price: 120, quantity: 1, category: shoes,
      }]
      echo "discount: ${last.effects[0].props.value}"
      expect $last.effects[0].props.value == 99
      echo never

      """
    let outcome = try await home.run(
      ["--memory", "--seed", "1", "--output", "json"], input: script)
    #expect(outcome.status == 1)
    #expect(outcome.output.contains("\"integrationId\":\"alice\""))
    #expect(outcome.output.contains("discount: 6\n"))
    #expect(!outcome.output.contains("never"))
    #expect(!outcome.output.contains("\u{1B}"))
    #expect(
      outcome.errors.contains(
        "<input>:6:8: error: expected $last.effects[0].props.value == 99, got"))
    #expect(!FileManager.default.fileExists(atPath: home.historyFile.path))
  }

  @Test func aParseErrorExitsWithTwoAndAnAPIErrorWithThree() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    let parse = try await home.run(["--memory"], input: "echo ok\ncart add sku=12abc\necho never\n")
    #expect(parse.status == 2)
    #expect(parse.output == "ok\n")
    #expect(parse.errors.contains("'12abc' is not a number"))

    let api = try await home.run(
      ["--memory"], input: "session update s1 profile=a\nsession update s1 profile=b\n")
    #expect(api.status == 3)
    #expect(api.errors.contains("409"))

    let fine = try await home.run(["--memory"], input: "echo a\necho b\n")
    #expect(fine.status == 0)
    #expect(fine.output == "a\nb\n")
  }

  @Test func dashCRunsOneStatement() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    let echo = try await home.run(["--memory", "-c", "echo hello from c"])
    #expect(echo.status == 0)
    #expect(echo.output == "hello from c\n")
    #expect(try await home.run(["--memory", "-c", "expect 1 == 2"]).status == 1)
    #expect(try await home.run(["--memory", "-c", "expect (1"]).status == 2)
    #expect(try await home.run(["--memory", "-c", "exit 5"]).status == 5)
    let value = try await home.run(["--memory", "--output", "json", "-c", "{b: [1, 2], a: \"x\"}"])
    #expect(value.output == "{\"a\":\"x\",\"b\":[1,2]}\n")
  }

  @Test func shellCommandsWorkWithoutATerminal() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    let outcome = try await home.run(
      ["--memory"],
      input: "set output json\nprofile update ann\nreset\nn\nreset force\nset output loud\n")
    #expect(outcome.status == 2)
    #expect(outcome.output.contains("output: json\n"))
    #expect(outcome.output.contains("reset cancelled\n"))
    #expect(outcome.output.contains("the embedded store is empty\n"))
    #expect(outcome.errors.contains("usage: set output json|pretty|summary"))
  }

  @Test func shellCommandsWorkInBlocksButNotInFilesRunFromTheShell() async throws {
    let home = try TalonHome()
    defer { home.remove() }
    let script = home.home.appending(path: "remote.tw")
    try "echo before\nconnect embedded\n".write(to: script, atomically: true, encoding: .utf8)
    let outcome = try await home.run(
      ["--memory"],
      input: "if true {\n  set output json\n}\n{b: 1}\nrun \(script.path)\necho never\n")
    #expect(outcome.status == 2, "\(outcome.errors)")
    #expect(outcome.output.contains("output: json\n{\"b\":1}\n"), "\(outcome.output)")
    #expect(
      outcome.errors.contains(
        "\(script.path):2:1: error: 'connect' works only in the interactive shell"),
      "\(outcome.errors)")
    #expect(!outcome.output.contains("before"))
    #expect(!outcome.output.contains("never"))
  }
}
