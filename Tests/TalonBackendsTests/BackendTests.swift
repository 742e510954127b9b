import Foundation
import TalonAPI
import TalonBackends
import TalonEngine
import TalonHTTP
import TalonTestSupport
import Testing

/// `Backend.open`: each kind opens on real parts (SQLite files and memory, a real server on
/// loopback), has exactly its abilities, and is released by `shutdown()`.
@Suite("Backends: one factory for the shell, run and serve")
struct BackendTests {
  static func embedded(_ store: StoreLocation, seed: UInt64? = nil) throws -> BackendChoice {
    .embedded(
      EmbeddedChoice(
        store: store, campaigns: try EmbeddedChoice.campaignPack(file: nil), seed: seed))
  }

  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "talon-backends-\(UUID().uuidString)")
  }

  @Test func memoryEngineHasEveryEmbeddedAbilityAndShutdownClosesIt() async throws {
    let backend = try Backend.open(try Self.embedded(.memory, seed: 7))
    #expect(backend.name == "embedded")
    #expect(backend.description == "embedded (memory)")
    #expect(backend.isEmbedded)
    #expect(backend.apiKey == nil)
    #expect(backend.taskExecutor != nil)
    #expect(backend.campaigns?.application.name == (try CampaignPack.demo).application.name)
    let clock = try #require(backend.clock)
    #expect(await clock.now() == Date(timeIntervalSince1970: 1_591_012_800))

    let isFresh = try #require(backend.isFresh)
    let reset = try #require(backend.reset)
    #expect(try await isFresh() == true)
    _ = try await backend.api.updateCustomerProfile(integrationId: "ann", body: .init())
    #expect(try await isFresh() == false)
    try await reset()
    #expect(try await isFresh() == true)

    await backend.shutdown()
    await #expect(throws: (any Error).self) { try await isFresh() }
  }

  @Test func fileEngineCreatesItsFolderAndKeepsDataAcrossOpenings() async throws {
    let folder = Self.temporaryFolder().appending(path: "nested")
    defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
    let path = folder.appending(path: "store.sqlite").path
    let first = try Backend.open(try Self.embedded(.file(path: path)))
    #expect(first.description == "embedded (\(path))")
    let attributes = try FileManager.default.attributesOfItem(atPath: folder.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o700)
    _ = try await first.api.updateCustomerProfile(integrationId: "ann", body: .init())
    await first.shutdown()

    let second = try Backend.open(try Self.embedded(.file(path: path)))
    let isFresh = try #require(second.isFresh)
    #expect(try await isFresh() == false)
    await second.shutdown()
  }

  @Test func remoteWithAnAPIKeyHasNoEmbeddedAbilitiesAndShutdownStopsTheClient() async throws {
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(store: .memory, campaigns: try CampaignPack.demo))
    defer { engine.close() }
    let server = try await LoopbackServer.start(
      api: engine, configuration: ServerConfiguration(port: 0, apiKey: "backend-test-key"))
    let backend = try Backend.open(
      .remote(
        RemoteConfiguration(
          url: server.url + "/", apiKey: "backend-test-key", retry: RetryPolicy(attempts: 1))))
    #expect(backend.name == "127.0.0.1")
    #expect(backend.description == server.url + "/")
    #expect(backend.apiKey == "backend-test-key")
    #expect(!backend.isEmbedded)
    #expect(backend.isFresh == nil)
    // Reset and the clock are there for a `talon serve --test-control`; this server has no
    // test control, so they say so.
    let reset = try #require(backend.reset)
    await #expect(throws: TestControlUnavailable.self) { try await reset() }
    let clock = try #require(backend.clock)
    await #expect(throws: TestControlUnavailable.self) { _ = try await clock.readClock() }
    #expect(backend.campaigns == nil)
    #expect(backend.taskExecutor != nil)

    _ = try await backend.api.updateCustomerProfile(integrationId: "ann", body: .init())
    await backend.shutdown()
    // A client that was shut down refuses a second shutdown (calls on it would never end).
    let client = try #require(backend.api as? HTTPIntegrationClient)
    await #expect(throws: (any Error).self) { try await client.shutdown() }
    try await server.stop()
  }

  @Test func remoteWithASignatureReachesAServerThatOnlyAcceptsSignatures() async throws {
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(store: .memory, campaigns: try CampaignPack.demo))
    defer { engine.close() }
    let server = try await LoopbackServer.start(
      api: engine,
      configuration: ServerConfiguration(
        port: 0, applicationId: 3, applicationKey: "fefecafedeadbeef"))
    let signed = try Backend.open(
      .remote(
        RemoteConfiguration(
          url: server.url, appId: 3, appKey: "fefecafedeadbeef", retry: RetryPolicy(attempts: 1))
      ))
    _ = try await signed.api.updateCustomerProfile(integrationId: "ann", body: .init())
    await signed.shutdown()

    let unsigned = try Backend.open(
      .remote(RemoteConfiguration(url: server.url, retry: RetryPolicy(attempts: 1))))
    await #expect(throws: IntegrationError.self) {
      try await unsigned.api.updateCustomerProfile(integrationId: "ann", body: .init())
    }
    await unsigned.shutdown()
    try await server.stop()
  }

  @Test func theHostOfAURLNamesARemoteBackend() {
    #expect(Backend.host(of: "https://mystore.talon.one/v1") == "mystore.talon.one")
    #expect(Backend.host(of: "http://[::1]:9000") == "::1")
    #expect(Backend.host(of: "not a url") == "not a url")
  }

  @Test func theDefaultStoreFollowsXDGDataHome() {
    #expect(
      DataPaths.defaultStore(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/a"])
        == "/data/talon/talon.sqlite")
    #expect(
      DataPaths.defaultStore(environment: ["XDG_DATA_HOME": "", "HOME": "/home/a"])
        == "/home/a/.local/share/talon/talon.sqlite")
  }
}
