import TalonAPI
import Testing

@testable import TalonScript

/// The raw `OperationName ...` commands run through one path for any operation of the
/// catalogue's shape: several path parameters in path order, query parameters typed by the
/// entry (arrays as arrays).
@Suite("Raw operations")
struct RawOperationTests {
  /// An operation of today's API shape, not in the catalogue.
  static let operation = APIOperation<NoContent, NoContent>(
    "deleteGroupItem", "DELETE", "/v1/groups/{groupId}/items/{itemId}",
    query: [QueryParameter("referrals", .strings), QueryParameter("profile", .integer)],
    success: [204], generation: .current
  ).operation

  /// `text` parsed, its command pointed at `operation` (the parser only knows the catalogue).
  static func statement(_ text: String, as operation: IntegrationOperation) throws -> (
    Statement, Program
  ) {
    let program = try Parser.parse(SourceFile(name: "<test>", text: text))
    let parsed = try #require(program.statements.first)
    guard case .pipeline(let pipeline) = parsed.node,
      case .command(var command)? = pipeline.stages.first
    else {
      Issue.record("not a command: \(text)")
      return (parsed, program)
    }
    command.command = OperationCommand(operation)
    let statement = Statement(
      node: .pipeline(Pipeline(stages: [.command(command)])), range: parsed.range,
      text: parsed.text, location: parsed.location)
    return (statement, program)
  }

  @Test func pathParametersInPathOrderAndTypedQueryValues() async throws {
    let harness = Harness()
    // `profile update` takes two positionals and any key, as this operation needs.
    let (statement, program) = try Self.statement(
      #"profile update g1 "item 2" referrals=["x", "y"] profile=3"#, as: Self.operation)
    let result = try await harness.interpreter.execute(statement, in: program)
    let call = try #require(harness.api.lastCall)
    #expect(call.operation == Self.operation)
    #expect(
      call.arguments
        == OperationArguments(
          path: ["g1", "item 2"],
          query: ["referrals": .strings(["x", "y"]), "profile": .integer(3)]))
    #expect(call.body == nil)
    guard case .api(let record) = result.kind else {
      Issue.record("not an API result: \(result.kind)")
      return
    }
    #expect(record.pathParameters == ["g1", "item 2"])
    #expect(record.status == 204)
    #expect(record.request == ["referrals": ["x", "y"], "profile": 3])
    #expect(result.value == .null)
  }

  @Test func aQueryValueOfTheWrongTypeIsALocatedError() async throws {
    let harness = Harness()
    let (statement, program) = try Self.statement(
      #"profile update g1 i2 profile="three""#, as: Self.operation)
    await #expect {
      _ = try await harness.interpreter.execute(statement, in: program)
    } throws: { error in
      (error as? ScriptError)?.message.contains("profile=") == true
    }
    #expect(harness.api.calls.isEmpty)
  }
}
