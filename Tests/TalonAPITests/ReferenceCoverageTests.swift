import Foundation
import Testing

@testable import TalonAPI

@Suite("The reference document has a Swift counterpart for everything")
struct ReferenceCoverageTests {
  let document = ReferenceDocument.bundled

  @Test func bundledDocumentIsTheRepositoryFile() throws {
    let file = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appending(path: "Sources/TalonAPI/Resources/integration-api.openapi.json")
    #expect(try String(contentsOf: file, encoding: .utf8) == document.text)
  }

  @Test func everySchemaHasAType() {
    #expect(document.schemaNames.count == 37)
    #expect(Set(document.schemaNames) == Set(WireSchemas.types.keys))
  }

  /// The 2020 operations; today's own (`generation: .current`) are checked against today's
  /// reference by the served OpenAPI document's tests.
  static let operations2020 = IntegrationOperation.allCases.filter { $0.generation == .v2020 }

  @Test func everyOperationIsInTheCatalogue() throws {
    let operations = document.operations
    #expect(operations.count == Self.operations2020.count)
    for (method, path, operationId) in operations {
      let operation = try #require(IntegrationOperation.named(operationId))
      #expect(operation.operationId == operationId)
      #expect(operation.method == method, "\(operationId)")
      #expect(operation.pathTemplate == path, "\(operationId)")
    }
  }

  @Test(arguments: Self.operations2020)
  func catalogueMatchesTheReference(operation: IntegrationOperation) throws {
    let item = try #require(document.json["paths"]?[operation.pathTemplate])
    let spec = try #require(item[operation.method.lowercased()])
    let responses = try #require(spec["responses"]?.objectValue)
    #expect(Array(responses.keys) == [String(operation.successStatus)])
    let responseRef = responses.values.first?["content"]?["application/json"]?["schema"]?["$ref"]
    #expect(
      responseRef?.stringValue?.split(separator: "/").last.map(String.init)
        == operation.responseSchema)
    let requestRef = spec["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]
    #expect(
      requestRef?.stringValue?.split(separator: "/").last.map(String.init)
        == operation.requestSchema)
    let parameters = spec["parameters"]?.arrayValue ?? []
    let query = parameters.filter { $0["in"] == "query" }.compactMap { $0["name"]?.stringValue }
    let path = parameters.filter { $0["in"] == "path" }.compactMap { $0["name"]?.stringValue }
    // Today's generation adds query parameters to shared operations (`dry` on the v2 session
    // update, flags on the inventory): the 2020 ones must all be there, in order, typed alike.
    let declared2020 = operation.queryParameters.filter { query.contains($0.name) }
    #expect(query == declared2020.map(\.name))
    #expect(path == operation.pathParameters)
    let queryTypes = parameters.filter { $0["in"] == "query" }.compactMap {
      $0["schema"]?["type"]?.stringValue
    }
    #expect(queryTypes == declared2020.map(\.kind.referenceType))
    #expect(operation.generation == .v2020)
    #expect(operation.isIdempotent == (operation.method != "POST"))
    let schemes = spec["security"]?.arrayValue?.compactMap { $0.objectValue?.keys.first } ?? []
    #expect(schemes.contains("integration_auth") == operation.allowsSignature)
  }

  @Test func operationsAreFoundBySDKName() {
    #expect(IntegrationOperation.named("UpdateCustomerSessionV2") == .updateCustomerSessionV2)
    #expect(IntegrationOperation.named("getcustomerinventory") == .getCustomerInventory)
    #expect(IntegrationOperation.updateCustomerSessionV2.sdkName == "UpdateCustomerSessionV2")
    #expect(IntegrationOperation.named("nope") == nil)
  }
}
