import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// GetCustomerSession, ReopenCustomerSession and ReturnCartItems on the embedded engine, and the
/// rollback effects of cancelling a closed session.
@Suite("Session lifecycle")
struct SessionLifecycleTests {
  /// Two shoes at 50 (20% off shoes: 20 per-item discount) and socks at 20: 120 points on close.
  static let cart = [item("SHOE", "50", quantity: 2, category: "shoes"), item("SOCK", "20")]

  @discardableResult
  func closedSession(_ test: TestEngine, _ id: String = "s", coupon: Bool = false) async throws
    -> IntegrationStateV2
  {
    try await test.v2(
      id,
      NewCustomerSessionV2(
        profileId: "alice", couponCodes: coupon ? ["SUMMER10"] : nil, state: .closed,
        cartItems: Self.cart))
  }

  @discardableResult
  func returning(
    _ test: TestEngine, _ items: [ReturnedCartItem], session id: String = "s",
    content: [ResponseContent] = OperationContext.returnResponseContent, dry: Bool? = nil
  ) async throws -> IntegrationStateV2 {
    try await test.engine.returnCartItems(
      customerSessionId: id,
      body: ReturnIntegrationRequest(
        return: NewReturn(returnedCartItems: items), responseContent: content), dry: dry)
  }

  @Test func getShowsTheStoredSessionAndUnknownIsA404() async throws {
    let test = try TestEngine()
    let updated = try await test.v2(
      "s", NewCustomerSessionV2(profileId: "alice", cartItems: Self.cart))
    let shown = try await test.engine.getCustomerSession(customerSessionId: "s")
    #expect(shown.customerSession == updated.customerSession)
    #expect(shown.customerSession?.id ?? 0 > 0)
    let error = await expectError(404) {
      _ = try await test.engine.getCustomerSession(customerSessionId: "nope")
    }
    #expect(error?.response.errors?.first?.source.parameter == "customerSessionId")
  }

  @Test func reopenRollsTheCloseBackAndTheSessionClosesAgain() async throws {
    let test = try TestEngine()
    let closed = try await closedSession(test, coupon: true)
    #expect(try await test.points("alice") == 120)
    #expect(try await test.coupon("SUMMER10")?.usageCounter == 1)

    let reopened = try await test.engine.reopenCustomerSession(customerSessionId: "s")
    let types = reopened.effects.map(\.effectType)
    #expect(types.contains("rollbackCoupon"))
    #expect(types.contains("rollbackDiscount"))
    let points = try #require(reopened.effects.of("rollbackAddedLoyaltyPoints").first)
    #expect(points.props["value"] == 120)
    #expect(points.props["recipientIntegrationId"] == "alice")
    #expect(points.props["transactionUUID"]?.stringValue?.count == 36)
    #expect(try await test.points("alice") == 0)
    #expect(try await test.coupon("SUMMER10")?.usageCounter == 0)
    #expect(
      try await test.storedProfile("alice")?.closedSessions == 0)
    let shown = try await test.engine.getCustomerSession(customerSessionId: "s")
    #expect(shown.customerSession?.state == .open)
    #expect(shown.customerSession?.couponCodes == ["SUMMER10"])
    #expect(shown.customerSession?.cartItems.count == 2)
    #expect(shown.customerSession?.id == closed.customerSession?.id)

    let again = try await test.v2("s", NewCustomerSessionV2(state: .closed))
    #expect(again.customerSession?.state == .closed)
    #expect(try await test.points("alice") == 120)
    #expect(try await test.coupon("SUMMER10")?.usageCounter == 1)
  }

  @Test func onlyAClosedSessionReopens() async throws {
    let test = try TestEngine()
    try await test.v2("open", NewCustomerSessionV2(profileId: "alice"))
    let error = await expectError(400) {
      _ = try await test.engine.reopenCustomerSession(customerSessionId: "open")
    }
    #expect(error?.response.errors?.first?.title == "state")
    await expectError(404) {
      _ = try await test.engine.reopenCustomerSession(customerSessionId: "x")
    }
    try await closedSession(test, "c")
    _ = try await test.engine.reopenCustomerSession(customerSessionId: "c")
    await expectError(400) {
      _ = try await test.engine.reopenCustomerSession(customerSessionId: "c")
    }
  }

  @Test func cancellingAClosedSessionAnswersTodaysRollbacksOnlyOnV2() async throws {
    let test = try TestEngine()
    try await closedSession(test, "v2")
    let cancelled = try await test.v2("v2", NewCustomerSessionV2(state: .cancelled))
    #expect(cancelled.effects.of("rollbackAddedLoyaltyPoints").first?.props["value"] == 120)
    // 5% off big baskets and 20% off shoes.
    #expect(cancelled.effects.of("rollbackDiscount").count == 2)

    try await closedSession(test, "v1")
    let v1 = try await test.v1("v1", NewCustomerSession(state: .cancelled))
    let v1Types = v1.event.effects.compactMap { $0[3]?[0]?.stringValue }
    #expect(v1Types == ["rollbackDiscount", "rollbackDiscount"])
    #expect(try await test.points("alice") == 0)
  }

  @Test func returnsTakeBackTheirShareAndListEarlierReturns() async throws {
    let test = try TestEngine()
    try await closedSession(test)
    let first = try await returning(test, [ReturnedCartItem(position: 0, quantity: 1)])
    #expect(first.customerSession?.state == .partiallyReturned)
    // One shoe of 50 out of a cart of 120: 50 points back, half the shoes' 20 discount.
    #expect(first.effects.of("rollbackAddedLoyaltyPoints").first?.props["value"] == 50)
    let discount = try #require(first.effects.of("rollbackDiscount").first)
    #expect(discount.props["value"] == 10)
    #expect(discount.props["cartItemPosition"] == 0)
    #expect(try await test.points("alice") == 70)
    #expect(first.customerSession?.cartItems[0].returnedQuantity == 1)
    #expect(first.customerSession?.cartItems[0].remainingQuantity == 1)
    #expect(first.customerSession?.cartItems[1].remainingQuantity == 1)
    let made = try #require(first.return)
    #expect(made.returnedCartItems == [ReturnedCartItem(position: 0, quantity: 1, sku: "SHOE")])
    #expect(made.sessionIntegrationId == "s")
    #expect(first.previousReturns == [])
    #expect(first.customerProfile?.totalSales == 70)

    let second = try await returning(test, [ReturnedCartItem(sku: "SOCK")])
    #expect(second.previousReturns == [made])
    #expect(second.effects.of("rollbackAddedLoyaltyPoints").first?.props["value"] == 20)
    #expect(try await test.points("alice") == 50)

    // The v2 update lists them too (a cancel is the one update a partially returned session
    // takes).
    let cancelled = try await test.v2(
      "s", NewCustomerSessionV2(state: .cancelled), content: [.previousReturns])
    #expect(cancelled.previousReturns?.count == 2)
  }

  @Test func returningEverythingTakesBackEveryPointAndCancelAfterwardsIsExact() async throws {
    let test = try TestEngine()
    try await closedSession(test)
    try await returning(test, [ReturnedCartItem(position: 0, quantity: 1)])
    let cancelled = try await test.v2("s", NewCustomerSessionV2(state: .cancelled))
    #expect(cancelled.effects.of("rollbackAddedLoyaltyPoints").first?.props["value"] == 70)
    let shoes = cancelled.effects.of("rollbackDiscount").first {
      $0.props["name"] == "20% off shoes"
    }
    #expect(shoes?.props["value"] == 10)
    #expect(try await test.points("alice") == 0)
    #expect(try await test.storedProfile("alice")?.totalSales == 0)

    try await closedSession(test, "all")
    let all = try await returning(
      test, [ReturnedCartItem(position: 0), ReturnedCartItem(position: 1)], session: "all")
    #expect(all.effects.of("rollbackAddedLoyaltyPoints").first?.props["value"] == 120)
    #expect(try await test.points("alice") == 0)
  }

  @Test func badReturnsAre400sWithThePointerAndChangeNothing() async throws {
    let test = try TestEngine()
    try await test.v2("open", NewCustomerSessionV2(profileId: "alice", cartItems: Self.cart))
    let open = await expectError(400) {
      _ = try await returning(test, [ReturnedCartItem(position: 0)], session: "open")
    }
    #expect(open?.response.errors?.first?.title == "state")
    try await closedSession(test)
    let cases: [(ReturnedCartItem, String, String)] = [
      (ReturnedCartItem(position: 5), "/return/returnedCartItems/0/position", "not found"),
      (
        ReturnedCartItem(position: 0, quantity: 3), "/return/returnedCartItems/0/quantity",
        "maximum"
      ),
      (
        ReturnedCartItem(position: 0, quantity: 0), "/return/returnedCartItems/0/quantity",
        "minimum"
      ),
      (ReturnedCartItem(position: 1, sku: "SHOE"), "/return/returnedCartItems/0/sku", "not found"),
      (ReturnedCartItem(sku: "HAT"), "/return/returnedCartItems/0/sku", "not found"),
      (ReturnedCartItem(), "/return/returnedCartItems/0/position", "required"),
    ]
    for (returned, pointer, title) in cases {
      let error = await expectError(400) { _ = try await returning(test, [returned]) }
      #expect(error?.response.errors?.first?.source.pointer == pointer, "\(returned)")
      #expect(error?.response.errors?.first?.title == title, "\(returned)")
    }
    // Two lines asking for more than the item has together.
    let together = await expectError(400) {
      _ = try await returning(
        test,
        [ReturnedCartItem(position: 0, quantity: 1), ReturnedCartItem(position: 0, quantity: 2)])
    }
    #expect(
      together?.response.errors?.first?.source.pointer == "/return/returnedCartItems/1/quantity")
    let empty = await expectError(400) { _ = try await returning(test, []) }
    #expect(empty?.response.errors?.first?.source.pointer == "/return/returnedCartItems")
    #expect(try await test.points("alice") == 120)
    #expect(
      try await test.engine.getCustomerSession(customerSessionId: "s").customerSession?.state
        == .closed)
  }

  @Test func aDryReturnAnswersAndKeepsNothing() async throws {
    let test = try TestEngine()
    try await closedSession(test)
    let dry = try await returning(test, [ReturnedCartItem(position: 1)], dry: true)
    #expect(dry.effects.of("rollbackAddedLoyaltyPoints").first?.props["value"] == 20)
    #expect(dry.customerSession?.state == .partiallyReturned)
    #expect(try await test.points("alice") == 120)
    #expect(
      try await test.engine.getCustomerSession(customerSessionId: "s").customerSession?.state
        == .closed)
  }
}
