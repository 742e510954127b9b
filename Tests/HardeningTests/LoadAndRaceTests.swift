import Foundation
import TalonAPI
import TalonEngine
import TalonHTTP
import TalonTestSupport
import Testing

/// Issue 8, item 3: many clients at once against a real server and engine on a SQLite file.
/// A coupon with 25 uses is redeemed exactly 25 times, profile totals lose no update, and
/// concurrent updates of one session are each either applied whole or refused with 409.
@Suite("Load and races over HTTP")
struct LoadAndRaceTests {
  /// What one client saw when closing its session.
  struct CloseOutcome: Sendable {
    var index: Int
    var status: Int
    var accepted = false
    var rejection: CouponRejectionReasonCode?
    var failure: String?
  }

  static let clients = 100
  static let profiles = 10

  static func profileId(_ index: Int) -> String { "load-profile-\(index % profiles)" }
  static func price(_ index: Int) -> Decimal { Decimal(index + 1) }

  /// One client: opens its session with the coupon, then closes it.
  static func closeSession(_ index: Int, live: LiveServer) async -> CloseOutcome {
    var outcome = CloseOutcome(index: index, status: 0)
    let client: HTTPIntegrationClient
    do {
      client = try live.client()
    } catch {
      outcome.failure = "\(error)"
      return outcome
    }
    let id = "load-session-\(index)"
    do {
      let open = NewCustomerSessionV2(
        profileId: profileId(index), couponCodes: [LoadPack.couponCode], state: .open,
        cartItems: [
          CartItem(name: "Item \(index)", sku: "SKU-\(index)", quantity: 1, price: price(index))
        ])
      _ = try await client.updateCustomerSessionV2(
        customerSessionId: id, body: IntegrationRequest(customerSession: open))
      let closed = try await client.updateCustomerSessionV2(
        customerSessionId: id,
        body: IntegrationRequest(customerSession: NewCustomerSessionV2(state: .closed)))
      outcome.status = 200
      for effect in closed.effects {
        switch effect.typedProps {
        case .acceptCoupon(let value) where value == LoadPack.couponCode: outcome.accepted = true
        case .rejectCoupon(_, let reason): outcome.rejection = reason
        default: break
        }
      }
    } catch let error as IntegrationError {
      outcome.status = error.status
      outcome.failure = error.description
    } catch {
      outcome.failure = "\(error)"
    }
    try? await client.shutdown()
    return outcome
  }

  @Test func aHundredClientsRedeemATwentyFiveUseCouponExactlyTwentyFiveTimes() async throws {
    let live = try await LiveServer.start(pack: try LoadPack.pack())
    let outcomes = try await withTimeout(120, "\(Self.clients) clients to close their sessions") {
      await withTaskGroup(of: CloseOutcome.self) { group in
        for index in 0..<Self.clients {
          group.addTask { await Self.closeSession(index, live: live) }
        }
        var all: [CloseOutcome] = []
        for await outcome in group { all.append(outcome) }
        return all.sorted { $0.index < $1.index }
      }
    }
    let failures = outcomes.filter { $0.status != 200 }
    #expect(failures.isEmpty, "\(failures.prefix(5))")
    #expect(outcomes.filter(\.accepted).count == LoadPack.usageLimit)
    let rejected = outcomes.filter { !$0.accepted }
    #expect(rejected.allSatisfy { $0.rejection == .couponLimitReached })

    let raw = RawClient(base: live.url)
    // Profile totals: every close counted once, every session total added once.
    for profile in 0..<Self.profiles {
      let mine = (0..<Self.clients).filter { $0 % Self.profiles == profile }
      let response = try await raw.send(
        "GET", "/v1/customer_profiles/\(Self.profileId(profile))/inventory?profile=true")
      #expect(response.status == 200)
      let inventory = try WireCoding.decode(CustomerInventory.self, from: response.body)
      #expect(inventory.profile?.closedSessions == mine.count)
      #expect(inventory.profile?.totalSales == mine.map(Self.price).reduce(0, +))
    }
    // The coupon's own counter agrees (a reservation answers the coupon with its counters).
    let coupon = try await raw.send(
      "POST", "/v1/coupon_reservations/\(LoadPack.couponCode)",
      json: #"{"integrationIDs": ["auditor"]}"#)
    #expect(coupon.status == 201)
    #expect(coupon.json?["usageCounter"] == .number(Decimal(LoadPack.usageLimit)))
    try await raw.shutdown()
    try await live.stop()
    Self.expectNoServerErrors(live)
  }

  @Test func concurrentUpdatesOfOneSessionAreAppliedWholeOrRefusedWith409() async throws {
    let live = try await LiveServer.start(pack: try LoadPack.pack())
    let raw = RawClient(base: live.url, connections: 64)
    let id = "race-session"
    let start = try await raw.send(
      "PUT", "/v2/customer_sessions/\(id)",
      json: #"{"customerSession": {"profileId": "racer", "state": "open"}}"#)
    #expect(start.status == 200)

    let writers = 200
    // Writer i puts its own cart and attributes; every 20th also closes the session.
    @Sendable func submission(_ index: Int) -> JSONValue {
      [
        "customerSession": [
          "profileId": "racer", "state": index % 20 == 0 ? "closed" : "open",
          "cartItems": [
            [
              "name": .string("Item \(index)"), "sku": .string("SKU-\(index)"), "quantity": 1,
              "price": .number(Decimal(index + 1)),
            ]
          ],
          "attributes": ["writer": .number(Decimal(index))],
        ],
        "responseContent": ["customerSession"],
      ]
    }
    let answers = try await withTimeout(120, "\(writers) concurrent updates") {
      try await withThrowingTaskGroup(of: (Int, RawResponse).self) { group in
        for index in 0..<writers {
          group.addTask {
            let body = Data(submission(index).jsonText.utf8)
            return (index, try await raw.send("PUT", "/v2/customer_sessions/\(id)", body: body))
          }
        }
        var all: [Int: RawResponse] = [:]
        for try await (index, response) in group { all[index] = response }
        return all
      }
    }
    #expect(answers.count == writers)
    let validator = SchemaValidator()
    var succeeded: [Int] = []
    for (index, response) in answers.sorted(by: { $0.key < $1.key }) {
      #expect([200, 409].contains(response.status), "writer \(index): \(response.text)")
      guard let json = response.json else {
        Issue.record("writer \(index): the answer is not JSON")
        continue
      }
      if response.status == 200 {
        succeeded.append(index)
        #expect(validator.validate(json, against: "IntegrationStateV2") == [])
        // A success shows the writer's own state, whole.
        let session = json["customerSession"]
        #expect(session?["attributes"]?["writer"] == .number(Decimal(index)))
        #expect(session?["cartItems"]?[0]?["sku"] == .string("SKU-\(index)"))
      } else {
        #expect(validator.validate(json, against: "ErrorResponse") == [])
        #expect(response.error?.errors?.first?.title == "conflict")
      }
    }
    // Once one close went through, every later update was refused: exactly one closer won.
    let closers = succeeded.filter { $0 % 20 == 0 }
    #expect(closers.count == 1, "successful closers: \(closers)")

    // The stored session is the winning closer's submission (a repeated close reads it back).
    let final = try await raw.send(
      "PUT", "/v2/customer_sessions/\(id)",
      json: #"{"customerSession": {"state": "closed"}, "responseContent": ["customerSession"]}"#)
    #expect(final.status == 200)
    let stored = final.json?["customerSession"]
    if let winner = closers.first {
      #expect(stored?["state"] == "closed")
      #expect(stored?["attributes"]?["writer"] == .number(Decimal(winner)))
      #expect(stored?["cartItems"]?.arrayValue?.count == 1)
      #expect(stored?["cartItems"]?[0]?["sku"] == .string("SKU-\(winner)"))
      let inventory = try await raw.send(
        "GET", "/v1/customer_profiles/racer/inventory?profile=true")
      #expect(inventory.json?["profile"]?["closedSessions"] == 1)
      #expect(inventory.json?["profile"]?["totalSales"] == .number(Decimal(winner + 1)))
    }
    try await raw.shutdown()
    try await live.stop()
    Self.expectNoServerErrors(live)
  }

  /// No request was answered 500 and nothing was logged as an error.
  static func expectNoServerErrors(
    _ live: LiveServer, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let lines = live.log.all
    #expect(!lines.contains { $0.text.contains("status=500") }, sourceLocation: sourceLocation)
    #expect(!lines.contains { $0.level >= .error }, sourceLocation: sourceLocation)
  }
}

/// The engine alone, without HTTP: many tasks closing sessions of the same few profiles at
/// once. Each profile's totals must count every close exactly once (the lost update that the
/// HTTP load test found came from the engine's record cache).
@Suite("Engine under concurrent writes")
struct EngineConcurrencyTests {
  @Test func concurrentClosesOfSharedProfilesLoseNoUpdate() async throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "talon-hardening-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let engine = try EmbeddedEngine(
      configuration: EngineConfiguration(
        store: .file(path: folder.appending(path: "store.sqlite").path),
        campaigns: try LoadPack.pack()))
    let profiles = 4
    let sessions = 400
    try await withTimeout(120, "\(sessions) concurrent closes") {
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<sessions {
          group.addTask {
            let session = NewCustomerSessionV2(
              profileId: "shared-\(index % profiles)", state: .closed,
              cartItems: [CartItem(name: "Item", sku: "SKU", quantity: 1, price: Decimal(index))])
            _ = try await engine.updateCustomerSessionV2(
              customerSessionId: "engine-\(index)",
              body: IntegrationRequest(customerSession: session))
          }
        }
        try await group.waitForAll()
      }
    }
    for profile in 0..<profiles {
      let mine = (0..<sessions).filter { $0 % profiles == profile }
      let inventory = try await engine.getCustomerInventory(
        integrationId: "shared-\(profile)", profile: true, referrals: nil)
      #expect(inventory.profile?.closedSessions == mine.count)
      #expect(inventory.profile?.totalSales == mine.map { Decimal($0) }.reduce(0, +))
    }
    engine.close()
    try? FileManager.default.removeItem(at: folder)
  }
}
