import Foundation
import Synchronization
import TalonAPI
import Testing

@testable import TalonScript

/// The command table as `help`, the parser and the shell commands read it.
@Suite struct CommandSpecTests {
  @Test func everyCommandHasHelpWithExamplesThatParse() throws {
    for command in CommandTable.all {
      let spec = command.spec
      #expect(!spec.summary.isEmpty, "\(spec.name)")
      #expect(!spec.examples.isEmpty, "\(spec.name) has no example")
      for example in spec.examples {
        #expect(throws: Never.self, "\(spec.name): \(example)") {
          try Interpreter.parse(example, origin: .shell)
        }
      }
      let help = HelpText.text(for: spec.words)
      #expect(help.contains("usage: \(spec.usage)\n"), "\(help)")
      #expect(help.contains("\nexample:\n  "), "\(help)")
    }
  }

  @Test func helpExplainsStatementsWithExamplesThatParse() throws {
    for word in ["let", "expect", "if", "for", "repeat"] {
      let help = HelpText.text(for: [word])
      #expect(help.hasPrefix("usage: \(word) "), "\(help)")
      #expect(help.contains("\nexample:\n  "), "\(help)")
    }
    for statement in StatementHelp.all where statement.words != ["|"] {
      for example in statement.examples {
        #expect(throws: Never.self, "\(example)") { try Interpreter.parse(example) }
      }
    }
    #expect(HelpText.text(for: ["expect", "error"]).hasPrefix("usage: expect error STATUS"))
    #expect(HelpText.text(for: ["nothing"]).hasPrefix("no command or statement 'nothing'"))
  }

  @Test func usageLinesComeFromTheArguments() {
    #expect(CouponReserveCommand().spec.usage == "coupon reserve CODE [ID ...]")
    #expect(
      CartAddCommand().spec.usage.hasPrefix("cart add sku=... price=... [name=...] [quantity=1]"))
    #expect(
      ProfileUpdateCommand().spec.usage
        == "profile update [ID] [ATTRIBUTES] [dry=false] [attr=value ...]")
    #expect(SetOutputCommand().spec.usage == "set output json|pretty|summary")
    #expect(
      OperationCommand(.getCustomerInventory).spec.usage
        == "GetCustomerInventory INTEGRATIONID [profile=...] [referrals=...] [coupons=...] "
        + "[loyalty=...] [giveaways=...] [achievements=...]")
    #expect(
      OperationCommand(.getLoyaltyBalances).spec.usage.hasPrefix(
        "GetLoyaltyBalances LOYALTYPROGRAMID INTEGRATIONID [endDate=...]"))
  }

  @Test func shellOnlyCommandsAreParseErrorsInFilesAndWorkInTheShell() throws {
    for text in ["connect embedded", "reset force", "history", "record start x.tw", "record stop"] {
      let error = try #require(throws: ScriptError.self) {
        try Interpreter.parse("echo 1\nif true {\n  \(text)\n}\n", file: "w.tw")
      }
      let name = text.split(separator: " ").prefix(text.hasPrefix("record") ? 2 : 1)
        .joined(separator: " ")
      #expect(error.kind == .parse)
      #expect(
        error.rendered.hasPrefix("w.tw:3:3: error: '\(name)' works only in the interactive shell"))
      #expect(throws: Never.self) { try Interpreter.parse(text, origin: .shell) }
    }
    #expect(throws: Never.self) { try Interpreter.parse("set output json\nset output summary") }
  }

  @Test func theParserChecksChoicesAndRequiredKeys() throws {
    let choice = try #require(throws: ScriptError.self) {
      try Interpreter.parse("set output loud", file: "t.tw")
    }
    #expect(
      choice.rendered.hasPrefix(
        "t.tw:1:12: error: set output takes json or pretty or summary here, not 'loud'"))
    let missing = try #require(throws: ScriptError.self) {
      try Interpreter.parse("cart add price=2", file: "t.tw")
    }
    #expect(
      missing.rendered.hasPrefix("t.tw:1:1: error: cart add needs sku= (usage: cart add sku="))
  }

  @Test func withoutAShellSetOutputIsRememberedAndShellCommandsFail() async throws {
    let harness = Harness()
    await harness.ok("set output summary")
    #expect(await harness.interpreter.outputFormat == "summary")
    let error = try #require(await harness.failure("let x = 1\nhistory"))
    #expect(error.kind == .runtime)
    #expect(
      error.rendered.hasPrefix("<input>:2:1: error: 'history' works only in the interactive shell"))
  }

  @Test func shellCommandsAskTheHost() async throws {
    let harness = Harness()
    let host = RecordingHost()
    await harness.interpreter.attach(shell: host)
    let results = await harness.ok(
      "connect http://127.0.0.1:9 key=k-1\nrecord start /tmp/a.tw force\nreset")
    #expect(
      host.requests == [
        .connectRemote(url: "http://127.0.0.1:9", apiKey: "k-1"),
        .recordStart(path: "/tmp/a.tw", force: true, snapshots: false), .reset(force: false),
      ])
    #expect(results.map(\.value) == [.null, .null, .null])
    let refused = try #require(await harness.failure("record stop"))
    #expect(refused.rendered.hasPrefix("<input>:1:1: error: not recording"))
  }

  @Test func theTolerantLexerSaysWhatIsOpenAndWhereItStopped() {
    let open = Lexer.scan(SourceFile(name: "<input>", text: "session update items=[{sku: A,"))
    #expect(open.open == [.leftBracket, .leftBrace])
    #expect(open.isIncomplete)
    #expect(open.problem == nil)
    let broken = Lexer.scan(SourceFile(name: "<input>", text: "echo \"abc [\necho ! ("))
    #expect(broken.problem?.message.hasPrefix("unterminated string") == true)
    #expect(broken.open == [.leftParen])
    let continued = Lexer.scan(SourceFile(name: "<input>", text: "profile update a \\  "))
    #expect(continued.continuesAtEnd)
    #expect(!Lexer.scan(SourceFile(name: "<input>", text: "echo } {")).isIncomplete)
  }
}

/// A shell host that records what it is asked and refuses `record stop`.
final class RecordingHost: ShellHost, Sendable {
  private let stored = Mutex<[ShellRequest]>([])
  var requests: [ShellRequest] { stored.withLock { $0 } }

  func perform(_ request: ShellRequest) async throws(ShellHostError) -> String {
    if request == .recordStop { throw ShellHostError("not recording") }
    stored.withLock { $0.append(request) }
    return ""
  }
}
