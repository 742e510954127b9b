import Foundation
import TalonAPI
import Testing

@testable import TalonShell

/// Completion as plain Swift: a snapshot of interpreter state in, candidates out.
@Suite("Script completion")
struct ScriptCompleterTests {
  let state = ShellState(
    profileId: "alice", sessionId: "s1",
    variables: [
      "order": ["items": [["sku": "SHOE-1", "price": 80]], "total": 80],
      "name": "x",
    ],
    last: [
      "effects": [["effectType": "setDiscount", "props": ["name": "10%", "value": 8]]],
      "customerSession": ["integrationId": "s1"], "createdCoupons": [],
    ],
    profiles: ["alice", "bob", "albert"], sessions: ["s1", "s2"], coupons: ["SUMMER10"],
    cartSKUs: ["SHOE-1", "HAT-1"],
    knownCoupons: ["SUMMER10", "FLASH3", "SPRING19"], campaignIds: ["1", "2", "12"],
    programIds: ["1", "7"], environmentNames: ["HOME", "HOST"],
    workingDirectory: "/")

  func complete(_ line: String, state: ShellState? = nil) -> CompletionResult {
    ScriptCompleter(snapshot: ShellStateSnapshot(state ?? self.state))
      .complete(line: line, cursor: line.count)
  }

  @Test func commandNamesAtTheStartOfAStatement() {
    #expect(complete("pro") == CompletionResult(replacing: 3, candidates: ["profile"]))
    #expect(complete("re").candidates == ["record", "referral", "reload", "repeat", "reset"])
    #expect(complete("con").candidates == ["connect", "context"])
    #expect(complete("let x = ses").candidates == ["session"])
    #expect(complete("profile update alice | ec").candidates == ["echo"])
    #expect(complete("UpdateCustomerSessionV").candidates == ["UpdateCustomerSessionV2"])
  }

  @Test func expectErrorCompletesItsWordAndTheCommand() {
    #expect(complete("expect e") == CompletionResult(replacing: 1, candidates: ["error"]))
    #expect(complete("expect ").candidates.isEmpty)
    #expect(complete("expect error 404 pro").candidates == ["profile"])
    #expect(!complete("expect error 404 ").candidates.contains("echo"))
    #expect(complete("expect error 404 ").candidates.contains("coupon"))
    #expect(complete("expect error 404 profile in").candidates == ["inventory"])
    #expect(complete("expect error 404 profile inventory al").candidates == ["alice", "albert"])
    #expect(
      complete("expect error 409 \"is closed\" session update s").candidates == [
        "s1", "s2", "state=",
      ])
    #expect(complete("expect error 409 'x' coupon reserve SU").candidates == ["SUMMER10"])
  }

  @Test func subcommandNamesAfterAFamilyWord() {
    #expect(complete("session up").candidates == ["update", "update-v1"])
    #expect(complete("coupon ").candidates == ["reserve", "unreserve", "holders", "reserved"])
    #expect(complete("set ").candidates == ["output", "pager"])
    #expect(complete("set output s").candidates == ["summary"])
    #expect(complete("record st").candidates == ["start", "stop", "status"])
    #expect(complete("reset f").candidates == ["force"])
  }

  @Test func commandsInsideBlocksAndAfterObjectsComplete() {
    #expect(complete("if $a > 1 { session up").candidates == ["update", "update-v1"])
    #expect(complete("for c in [A, B] { echo $c } else { cart re").candidates == ["remove"])
    #expect(complete("session update s1 attributes={a: 1} cou").candidates == ["coupons="])
  }

  @Test func argumentKeysOfTheCommandBeingTyped() {
    let coupons = complete("session update s1 cou")
    #expect(
      coupons == CompletionResult(replacing: 3, candidates: ["coupons="], appendsSpace: false))
    #expect(complete("cart add sku=A pr").candidates == ["price="])
    #expect(complete("referral create 3 adv").candidates == ["advocate="])
  }

  @Test func idsWhereAnIdGoes() {
    #expect(complete("profile update al").candidates == ["alice", "albert"])
    #expect(complete("use session ").candidates == ["new", "s1", "s2"])
    #expect(complete("session update s").candidates == ["s1", "s2", "state="])
    #expect(complete("session update s1 profile=b").candidates == ["bob"])
    #expect(complete("referral create 3 advocate=al").candidates == ["alice", "albert"])
    #expect(complete("coupon reserve S").candidates == ["SUMMER10", "SPRING19"])
    #expect(complete("session update s1 coupons=[SUMMER10, F").candidates == ["FLASH3"])
    #expect(complete("session update s1 state=c").candidates == ["closed", "cancelled"])
    #expect(complete("TrackEventV2 {type: t} silent=").candidates == ["yes", "no"])
    #expect(complete("profile update-v1 a").candidates == ["alice", "albert"])
    #expect(complete("profile inventory alice profile=t").candidates == ["true"])
    #expect(complete("cart remove S").candidates == ["SHOE-1"])
    #expect(complete("campaign 1").candidates == ["1", "12"])
    #expect(complete("referral create ").candidates.prefix(3) == ["1", "2", "12"])
    #expect(complete("coupons F").candidates == ["FLASH3"])
    #expect(complete("loyalty balance ").candidates.prefix(2) == ["1", "7"])
    #expect(complete("loyalty history 7 profile=a").candidates == ["alice", "albert"])
    #expect(complete("explain s").candidates == ["s1", "s2"])
    #expect(complete("explain s1 campaign=1").candidates == ["1", "12"])
    #expect(complete("event track signup dry=t").candidates == ["true"])
  }

  @Test func variableNamesAfterADollar() {
    let names = complete("echo $")
    #expect(
      names.candidates == ["last", "profile", "session", "env", "args", "runid", "name", "order"])
    #expect(names.appendsSpace == false)
    #expect(
      complete("echo $or")
        == CompletionResult(replacing: 2, candidates: ["order"], appendsSpace: false))
    #expect(complete("expect $la").candidates == ["last"])
  }

  @Test func fieldPathsFromTheActualValues() {
    #expect(
      complete("$last.ef")
        == CompletionResult(replacing: 2, candidates: ["effects"], appendsSpace: false))
    #expect(complete("$last.").candidates == ["createdCoupons", "customerSession", "effects"])
    #expect(complete("echo $last.effects[0].").candidates == ["effectType", "props"])
    #expect(complete("echo $last.effects[-1].props.v").candidates == ["value"])
    #expect(complete("let p = $order.items[0].s").candidates == ["sku"])
    #expect(complete("echo $env.HO").candidates == ["HOME", "HOST"])
    #expect(complete("echo $last.effects[5].").candidates.isEmpty)
    #expect(complete("echo $name.").candidates.isEmpty)
  }

  @Test func referencesInsideInterpolations() {
    #expect(
      complete("echo \"total ${la")
        == CompletionResult(replacing: 2, candidates: ["last"], appendsSpace: false))
    #expect(
      complete("echo \"${last.ef")
        == CompletionResult(replacing: 2, candidates: ["effects"], appendsSpace: false))
    #expect(complete("echo \"${last.effects[0].").candidates == ["effectType", "props"])
    #expect(complete("let s = \"${order.items[-1].s").candidates == ["sku"])
    #expect(complete("echo \"a ${ {x: 1}.x } b ${na").candidates == ["name"])
    #expect(complete("echo \"${len(or").candidates == ["order"])
    #expect(complete("echo \"${$or").candidates == ["order"])
    #expect(complete("echo \"${ \"inner ${last.cu").candidates == ["customerSession"])
    #expect(
      complete("echo \"${1 + ").candidates == [
        "last", "profile", "session", "env", "args", "runid", "name", "order",
      ])
    #expect(
      complete("echo \"${env.HO")
        == CompletionResult(replacing: 2, candidates: ["HOME", "HOST"], appendsSpace: false))
    #expect(complete("echo \"${ \"inner la").candidates.isEmpty)
    #expect(complete("echo \"${name} and $or").candidates.isEmpty)
  }

  @Test func keyValuesInsideAnOpenList() {
    #expect(
      complete("session update s1 coupons=[")
        == CompletionResult(
          replacing: 0, candidates: ["SUMMER10", "FLASH3", "SPRING19"], appendsSpace: false))
    #expect(
      complete("session update s1 coupons=[SUMMER10,F")
        == CompletionResult(replacing: 1, candidates: ["FLASH3"], appendsSpace: false))
    #expect(
      complete("session update s1 coupons=[\"FLASH3\", S").candidates == ["SUMMER10", "SPRING19"])
    #expect(complete("session update s1 coupons=[SUMMER10] pro").candidates == ["profile="])
    #expect(complete("session update s1 attributes={tier: s").candidates.isEmpty)
    #expect(complete("session update s1 profile= al").candidates.isEmpty)
    #expect(complete("let x=ses").candidates == ["session"])
  }

  @Test func referencesAfterOperatorsAndInsideBrackets() {
    #expect(complete("if $name==$or").candidates == ["order"])
    #expect(complete("expect $last.effects[0].props.value>$order.t").candidates == ["total"])
    #expect(complete("echo [1, $la").candidates == ["last"])
    #expect(complete("echo len($order.it").candidates == ["items"])
    #expect(complete("echo {a: $order.to").candidates == ["total"])
    #expect(complete("echo $order[\"items\"][0].").candidates == ["price", "sku"])
    #expect(complete("echo $order.items[$na").candidates == ["name"])
    #expect(complete("session update s1 coupons=[$na").candidates == ["name"])
    #expect(complete("echo $last.effects[").candidates.isEmpty)
    #expect(complete("echo $last.effects[0]").candidates.isEmpty)
    #expect(complete("echo [pro").candidates.isEmpty)
  }

  @Test func nothingInStringTextOrComments() {
    #expect(complete("echo \"see $la") == .none)
    #expect(complete("profile update \"al") == .none)
    #expect(complete("echo 'raw ${la") == .none)
    #expect(complete("session update s1 coupons=[\"SU") == .none)
    #expect(complete("profile update alice # pro") == .none)
    #expect(complete("profile update \"alice\"") == .none)
    #expect(complete("profile update 12al") == .none)
  }

  @Test func fileNamesAfterRun() throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "talon-complete-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder.appending(path: "lib"), withIntermediateDirectories: true)
    try "echo 1\n".write(
      to: folder.appending(path: "checkout.tw"), atomically: true, encoding: .utf8)
    try "echo 2\n".write(
      to: folder.appending(path: "lib/setup.tw"), atomically: true, encoding: .utf8)
    var state = self.state
    state.workingDirectory = folder.path
    #expect(
      complete("run ch", state: state)
        == CompletionResult(replacing: 2, candidates: ["checkout.tw"]))
    let directory = complete("run l", state: state)
    #expect(directory == CompletionResult(replacing: 1, candidates: ["lib/"], appendsSpace: false))
    #expect(complete("run lib/s", state: state).candidates == ["lib/setup.tw"])
    #expect(complete("run nowhere/x", state: state).candidates.isEmpty)
    #expect(complete("record start lib/s", state: state).candidates == ["lib/setup.tw"])
  }

  @Test func theSnapshotIsReadAsItIsNow() {
    let snapshot = ShellStateSnapshot(ShellState())
    let completer = ScriptCompleter(snapshot: snapshot)
    #expect(completer.complete(line: "use profile ", cursor: 12).candidates.isEmpty)
    snapshot.current.profiles = ["zoe"]
    #expect(completer.complete(line: "use profile ", cursor: 12).candidates == ["zoe"])
  }
}
