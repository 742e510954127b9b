import Foundation
import TalonAPI
import TalonHTTP
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `talon serve` as a user runs it: the built binary in its own process.
@Suite("talon serve, the process")
struct ServeCommandTests {
  @Test func printsOneListeningLineServesAndExitsZeroOnSIGTERM() async throws {
    let server = try await ServeProcess.start(["--port", "0", "--memory", "--seed", "1"])
    #expect(server.url.hasPrefix("http://127.0.0.1:"))
    #expect(server.port > 0)
    let health = try await fetch(server.url + "/v1/status/health")
    #expect(health.status == 200)
    #expect(health.body == #"{"status":"ok"}"#)
    let state = try await withClient(server.url) { client in
      try await client.updateCustomerProfile(integrationId: "ann", body: NewCustomerProfile())
    }
    #expect(state.profile.integrationId == "ann")
    #expect(try await server.stop() == 0)
    #expect(server.outputText == "listening on \(server.url)\n")
    #expect(server.errorText.contains("PUT"))
    #expect(!server.errorText.contains(demoAPIKey))
  }

  @Test func aPublicAddressWithoutAConfiguredKeyIsRefused() async throws {
    let refused = try ServeProcess(["--host", "0.0.0.0", "--port", "0", "--memory"])
    let status = try await refused.waitForExit()
    #expect(status != 0)
    #expect(refused.outputText.isEmpty)
    #expect(refused.errorText.contains("refusing to listen on 0.0.0.0 without an API key"))
    #expect(refused.errorText.contains("the demo pack's key does not count"))
  }

  @Test(arguments: ["flag", "environment"])
  func aPublicAddressWithAConfiguredKeyIsServed(_ source: String) async throws {
    let key = "e2e-configured-key-42"
    let arguments = ["--host", "0.0.0.0", "--port", "0", "--memory"]
    let server =
      source == "flag"
      ? try await ServeProcess.start(arguments + ["--api-key", key])
      : try await ServeProcess.start(arguments, environment: ["TALON_API_KEY": key])
    #expect(server.url.hasPrefix("http://0.0.0.0:"))
    let local = "http://127.0.0.1:\(server.port)"
    let state = try await withClient(local, apiKey: key) { client in
      try await client.updateCustomerProfile(integrationId: "bea", body: NewCustomerProfile())
    }
    #expect(state.profile.integrationId == "bea")
    // The configured key replaces the demo pack's.
    let refused = await #expect(throws: IntegrationError.self) {
      _ = try await withClient(local, apiKey: demoAPIKey) { client in
        try await client.getCustomerInventory(integrationId: "bea", profile: true, referrals: nil)
      }
    }
    #expect(refused?.status == 401)
    #expect(try await server.stop() == 0)
    #expect(!server.errorText.contains(key))
  }

  @Test func aNewStoreFileIsPrivateToItsOwner() async throws {
    let folder = try TemporaryFolder()
    let file = folder.path("private.sqlite")
    let server = try await ServeProcess.start(["--port", "0", "--data", file])
    _ = try await withClient(server.url) { client in
      try await client.updateCustomerProfile(integrationId: "cid", body: NewCustomerProfile())
    }
    for path in [file, file + "-wal", file + "-shm"] {
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
      #expect(mode & 0o777 == 0o600, "\(path) has mode \(String(mode, radix: 8))")
    }
    #expect(try await server.stop() == 0)
  }
}
