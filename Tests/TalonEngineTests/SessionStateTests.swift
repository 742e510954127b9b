import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

@Suite("Session state machine")
struct SessionStateTests {
  static let cart = [item("HAT-1", "40"), item("SHOE-1", "80", category: "shoes")]

  @Test func createUpdateCloseGiveBuiltInEvents() async throws {
    let test = try TestEngine()
    var state = try await test.v2(
      "s", NewCustomerSessionV2(profileId: "alice", cartItems: Self.cart))
    #expect(state.event?.type == "talon_session_created")
    #expect(state.customerSession?.state == .open)
    #expect(state.customerSession?.cartItemTotal == 120)
    state = try await test.v2("s", NewCustomerSessionV2(attributes: ["note": "x"]))
    #expect(state.event?.type == "talon_session_updated")
    #expect(state.customerSession?.cartItems == Self.cart)
    state = try await test.v2("s", NewCustomerSessionV2(state: .closed))
    #expect(state.event?.type == "talon_session_closed")
    #expect(state.customerSession?.state == .closed)
    #expect(state.customerProfile?.closedSessions == 1)
    #expect(state.customerProfile?.totalSales == 120)
    state = try await test.v2("s", NewCustomerSessionV2(state: .cancelled))
    #expect(state.event?.type == "talon_session_revoked")
    #expect(state.customerSession?.state == .cancelled)
    #expect(state.customerProfile?.closedSessions == 0)
    #expect(state.customerProfile?.totalSales == 0)
  }

  @Test func openToCancelledJustEndsTheSession() async throws {
    let test = try TestEngine()
    try await test.v2("s", NewCustomerSessionV2(profileId: "alice", cartItems: Self.cart))
    let state = try await test.v2("s", NewCustomerSessionV2(state: .cancelled))
    #expect(state.event?.type == "talon_session_cancelled")
    #expect(state.effects.isEmpty)
    #expect(state.customerProfile?.closedSessions == 0)
    #expect(try await test.points("alice") == 0)
  }

  struct Illegal: Sendable, CustomTestStringConvertible {
    var name: String
    var from: SessionState
    var update: NewCustomerSessionV2
    var testDescription: String { name }
  }

  static let illegal: [Illegal] = [
    Illegal(name: "closed -> open", from: .closed, update: NewCustomerSessionV2(state: .open)),
    Illegal(
      name: "closed, cart changed", from: .closed,
      update: NewCustomerSessionV2(cartItems: [item("X", "1")])),
    Illegal(
      name: "closed -> closed with changes", from: .closed,
      update: NewCustomerSessionV2(couponCodes: ["SUMMER10"], state: .closed)),
    Illegal(
      name: "cancelled -> open", from: .cancelled, update: NewCustomerSessionV2(state: .open)),
    Illegal(
      name: "cancelled -> closed", from: .cancelled, update: NewCustomerSessionV2(state: .closed)),
    Illegal(
      name: "cancelled -> cancelled", from: .cancelled,
      update: NewCustomerSessionV2(state: .cancelled)),
    Illegal(
      name: "cancelled, attributes changed", from: .cancelled,
      update: NewCustomerSessionV2(attributes: ["a": 1])),
  ]

  @Test(arguments: illegal)
  func illegalTransitionIsConflictAndChangesNothing(_ illegal: Illegal) async throws {
    let test = try TestEngine()
    try await test.v2("s", NewCustomerSessionV2(profileId: "alice", cartItems: Self.cart))
    try await test.v2("s", NewCustomerSessionV2(state: .closed))
    if illegal.from == .cancelled {
      try await test.v2("s", NewCustomerSessionV2(state: .cancelled))
    }
    let before = try #require(try await test.engine.storedSession("s"))
    let profileBefore = try await test.storedProfile("alice")
    let pointsBefore = try await test.points("alice")
    let error = await expectError(409) { try await test.v2("s", illegal.update) }
    #expect(error?.response.errors?.first?.title == "conflict")
    let after = try #require(try await test.engine.storedSession("s"))
    #expect(after.state == before.state && after.cartItems == before.cartItems)
    #expect(after.couponCodes == before.couponCodes && after.attributes == before.attributes)
    let profileAfter = try await test.storedProfile("alice")
    #expect(profileAfter?.closedSessions == profileBefore?.closedSessions)
    #expect(profileAfter?.totalSales == profileBefore?.totalSales)
    #expect(try await test.points("alice") == pointsBefore)
  }

  @Test func repeatedCloseAnswersStoredStateAndCommitsNothing() async throws {
    let test = try TestEngine()
    try await test.v2(
      "s", NewCustomerSessionV2(profileId: "alice", couponCodes: ["SUMMER10"], cartItems: Self.cart)
    )
    let first = try await test.v2("s", NewCustomerSessionV2(state: .closed))
    #expect(!first.effects.isEmpty)
    let again = try await test.v2("s", NewCustomerSessionV2(profileId: "alice", state: .closed))
    #expect(again.effects.isEmpty)
    #expect(again.customerSession == first.customerSession)
    #expect(again.event?.id == first.event?.id)
    #expect(again.customerProfile?.closedSessions == 1)
    #expect(try await test.coupon("SUMMER10")?.usageCounter == 1)
    #expect(try await test.points("alice") == 120)
  }

  @Test func sessionKeepsItsProfile() async throws {
    let test = try TestEngine()
    try await test.v2("s", NewCustomerSessionV2(profileId: "alice"))
    await expectError(409) { try await test.v2("s", NewCustomerSessionV2(profileId: "bob")) }
    // An empty profileId keeps the stored one.
    let state = try await test.v2("s", NewCustomerSessionV2(profileId: ""))
    #expect(state.customerSession?.profileId == "alice")
    // An anonymous session may be given a profile once.
    try await test.v2("anon", NewCustomerSessionV2(cartItems: Self.cart))
    let given = try await test.v2("anon", NewCustomerSessionV2(profileId: "carol"))
    #expect(given.customerSession?.profileId == "carol")
    #expect(given.customerProfile?.integrationId == "carol")
    await expectError(409) { try await test.v2("anon", NewCustomerSessionV2(profileId: "dave")) }
  }

  @Test func absentFieldsKeepAndEmptyOnesClear() async throws {
    let test = try TestEngine()
    try await test.v2(
      "s",
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: ["SUMMER10"], cartItems: Self.cart,
        identifiers: ["device-1"], attributes: ["a": 1, "b": 2]))
    var state = try await test.v2("s", NewCustomerSessionV2(attributes: ["a": nil, "c": 3]))
    #expect(state.customerSession?.attributes == ["b": 2, "c": 3])
    #expect(state.customerSession?.couponCodes == ["SUMMER10"])
    #expect(state.customerSession?.identifiers == ["device-1"])
    state = try await test.v2("s", NewCustomerSessionV2(couponCodes: [], cartItems: []))
    #expect(state.customerSession?.couponCodes == [])
    #expect(state.customerSession?.cartItems == [])
    #expect(state.effects.of("acceptCoupon").isEmpty)
    state = try await test.v2("s", NewCustomerSessionV2(attributes: [:]))
    #expect(state.customerSession?.attributes == [:])
  }

  @Test func closingWithOnlyTheStateKeepsCartAndCodes() async throws {
    let test = try TestEngine()
    try await test.v2(
      "s", NewCustomerSessionV2(profileId: "alice", couponCodes: ["SUMMER10"], cartItems: Self.cart)
    )
    #expect(try await test.coupon("SUMMER10")?.usageCounter == 0)
    let closed = try await test.v2("s", NewCustomerSessionV2(state: .closed))
    #expect(closed.effects.of("acceptCoupon").count == 1)
    #expect(closed.customerSession?.cartItems == Self.cart)
    #expect(try await test.coupon("SUMMER10")?.usageCounter == 1)
  }

  @Test func newSessionMayBeCreatedClosed() async throws {
    let test = try TestEngine()
    let state = try await test.v2(
      "s", NewCustomerSessionV2(profileId: "alice", state: .closed, cartItems: Self.cart))
    #expect(state.event?.type == "talon_session_closed")
    #expect(state.customerSession?.firstSession == true)
    #expect(state.customerProfile?.closedSessions == 1)
    let second = try await test.v2(
      "t", NewCustomerSessionV2(profileId: "alice", cartItems: Self.cart))
    #expect(second.customerSession?.firstSession == false)
  }

  @Test func badInputIsRefusedWithPointers() async throws {
    let test = try TestEngine()
    let error = await expectError(400) {
      try await test.v2("s", NewCustomerSessionV2(state: SessionState(rawValue: "paused")))
    }
    #expect(error?.response.errors?.first?.source.pointer == "/customerSession/state")
    #expect(error?.response.errors?.first?.title == "enum")
    await expectError(400) { try await test.v2("", NewCustomerSessionV2()) }
    let attributes = await expectError(400) {
      try await test.v1("s", NewCustomerSession(attributes: [1]))
    }
    #expect(attributes?.response.errors?.first?.source.pointer == "/attributes")
    let content = await expectError(400) {
      _ = try await test.engine.updateCustomerSessionV2(
        customerSessionId: "s",
        body: IntegrationRequest(
          customerSession: NewCustomerSessionV2(), responseContent: ["everything"]))
    }
    #expect(content?.response.errors?.first?.source.pointer == "/responseContent/0")
    #expect(try await test.engine.isFresh())
  }
}
