import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// Campaign files of several applications (`docs/campaigns.md`, "Several applications").
@Suite("Campaign files of several applications")
struct CampaignFilesTests {
  static func application(
    _ id: Int, _ name: String, key: String? = nil, campaign: Int, program: Int? = nil,
    coupon: String = "SAME-CODE"
  ) -> String {
    let apiKey = key.map { #", "apiKey": "\#($0)""# } ?? ""
    let programs =
      program.map { #""loyaltyPrograms": [{"id": \#($0), "name": "p\#($0)"}], "# } ?? ""
    return #"""
      {"application": {"id": \#(id), "name": "\#(name)"\#(apiKey)}, \#(programs)
       "campaigns": [{"id": \#(campaign), "name": "c\#(campaign)", "ruleset": {"rules": []},
                      "coupons": [{"value": "\#(coupon)"}]}]}
      """#
  }

  static func document(_ applications: String...) -> String {
    #"{"applications": [\#(applications.joined(separator: ","))]}"#
  }

  static func parse(_ text: String) throws -> CampaignFiles {
    try CampaignFiles.parse(Data(text.utf8), source: "apps.json")
  }

  static func temporaryFile(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appending(
      path: "talon-apps-\(UUID().uuidString).json"
    ).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func eachApplicationIsAPackThatKnowsTheOthers() throws {
    let files = try Self.parse(
      Self.document(
        Self.application(1, "Shop", key: "a", campaign: 1, program: 1),
        Self.application(2, "Outlet", key: "b", campaign: 2, program: 2)))
    #expect(files.isSeveral)
    #expect(files.packs.map(\.application.name) == ["Shop", "Outlet"])
    #expect(files.packs[1].applications.map(\.id) == [1, 2])
    #expect(files.packs[1].legacyApplicationId == 1)
    #expect(files.packs[1].campaigns.map(\.id) == [2])
    // The same coupon value in two applications is two coupons.
    #expect(files.packs.allSatisfy { $0.campaigns[0].coupons[0].value == "SAME-CODE" })
    #expect(files.packs[1].document?["application"]?["name"]?.stringValue == "Outlet")
    // A single-application file is one pack, as before, with no document of its own.
    let single = try Self.parse(Self.application(1, "Shop", campaign: 1))
    #expect(!single.isSeveral && single.packs[0].document == nil)
    #expect(try single.pack(for: nil).application.id == 1)
  }

  @Test func applicationsArePickedByNameOrId() throws {
    let files = try Self.parse(
      Self.document(
        Self.application(1, "Shop", key: "a", campaign: 1),
        Self.application(22, "Outlet", key: "b", campaign: 2)))
    #expect(try files.pack(for: "Outlet").application.id == 22)
    #expect(try files.pack(for: "22").application.name == "Outlet")
    let missing = #expect(throws: ApplicationChoiceError.self) { try files.pack(for: nil) }
    #expect(
      missing?.description
        == "the campaign files describe 2 applications: choose one with --app"
        + " (applications: 1 'Shop', 22 'Outlet')")
    let unknown = #expect(throws: ApplicationChoiceError.self) { try files.pack(for: "outlet") }
    #expect(
      unknown?.description
        == "no application 'outlet' in the campaign files (applications: 1 'Shop', 22 'Outlet')")
    #expect(throws: ApplicationChoiceError.self) {
      try CampaignPack.parse(
        Data(
          Self.document(
            Self.application(1, "Shop", campaign: 1), Self.application(2, "Outlet", campaign: 2)
          ).utf8), source: "apps.json")
    }
  }

  @Test(arguments: [
    (
      document(application(1, "Shop", campaign: 1), application(1, "Outlet", campaign: 2)),
      "apps.json: /applications/1/application/id: application id 1 is already used by"
        + " application 'Shop'"
    ),
    (
      document(application(1, "Shop", campaign: 1), application(2, "Shop", campaign: 2)),
      "apps.json: /applications/1/application/name: the name 'Shop' is already used by"
        + " application 'Shop'"
    ),
    (
      document(
        application(1, "Shop", key: "k", campaign: 1),
        application(2, "Outlet", key: "k", campaign: 2)),
      "apps.json: /applications/1/application/apiKey: the API key is already used by"
        + " application 'Shop'"
    ),
    (
      document(application(1, "Shop", campaign: 7), application(2, "Outlet", campaign: 7)),
      "apps.json: /applications/1/campaigns/0/id: campaign id 7 is already used by application"
        + " 'Shop' (campaign ids are global)"
    ),
    (
      document(
        application(1, "Shop", campaign: 1, program: 5),
        application(2, "Outlet", campaign: 2, program: 5)),
      "apps.json: /applications/1/loyaltyPrograms/0/id: loyalty program id 5 is already used by"
        + " application 'Shop' (loyalty program ids are global)"
    ),
    (
      #"{"application": {"id": 1}, "applications": []}"#,
      "apps.json: /application: a file has either 'application' or 'applications', not both"
    ),
    (#"{"applications": []}"#, "apps.json: /applications: 'applications' must not be empty"),
    (
      #"{"applications": [{"application": {"id": 1}, "campaigns": [{"id": 1}]}]}"#,
      "apps.json: /applications/0/campaigns/0/name: 'name' is required"
    ),
  ])
  func clashesAndMistakesAreLocated(_ text: String, _ message: String) {
    let error = #expect(throws: CampaignFileError.self) { try Self.parse(text) }
    #expect(error?.description == message)
  }

  @Test func applicationsOfSeveralFilesAreCheckedTogether() throws {
    let shop = try Self.temporaryFile(Self.application(1, "Shop", key: "a", campaign: 1))
    let outlet = try Self.temporaryFile(Self.application(2, "Outlet", key: "b", campaign: 2))
    let clash = try Self.temporaryFile(Self.application(3, "Clash", key: "a", campaign: 3))
    let files = try CampaignFiles.load(from: [shop, outlet])
    #expect(files.packs.map(\.source) == [shop, outlet])
    #expect(files.packs[0].applications.map(\.id) == [1, 2])
    let error = #expect(throws: CampaignFileError.self) {
      try CampaignFiles.load(from: [shop, clash])
    }
    #expect(
      error?.description
        == "\(clash): /application/apiKey: the API key is already used by application 'Shop' (\(shop))"
    )
  }

  /// Engines opened together share one store: each sees its own rows only, also in memory.
  @Test func enginesOpenedTogetherShareOneStore() async throws {
    let files = try Self.parse(
      Self.document(
        Self.application(1, "Shop", key: "a", campaign: 1),
        Self.application(2, "Outlet", key: "b", campaign: 2)))
    for store in [StoreLocation.memory, .file(path: TestEngine.temporaryPath())] {
      let engines = try EmbeddedEngine.open(
        EngineConfiguration(store: store, campaigns: files.packs[0], seed: 1),
        applications: files.packs)
      #expect(engines.map(\.applicationId) == [1, 2])
      #expect(engines[0].executor === engines[1].executor)
      _ = try await engines[0].updateCustomerProfile(
        integrationId: "alice", body: NewCustomerProfile(attributes: ["app": "shop"]))
      #expect(try await !engines[0].isFresh())
      #expect(try await engines[1].isFresh())
      await #expect(throws: IntegrationError.self) {
        _ = try await engines[1].getCustomerInventory(
          integrationId: "alice", profile: true, referrals: nil)
      }
      #expect(engines[1].campaigns.application.name == "Outlet")
      engines[0].close()
    }
  }
}
