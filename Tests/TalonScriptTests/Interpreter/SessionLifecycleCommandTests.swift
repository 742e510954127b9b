import TalonAPI
import Testing

@testable import TalonScript

/// `session show`, `session reopen` and `session return SKU`: what they send.
@Suite("Session lifecycle commands")
struct SessionLifecycleCommandTests {
  static let setup = """
    session update s1 profile=alice items=[{sku: SHOE, name: Shoe, price: 50, quantity: 2}, \
    {sku: SOCK, name: Sock, price: 5, quantity: 1}, {sku: SHOE, name: Shoe, price: 50, quantity: 1}]
    """

  @Test func returnFindsThePositionsOfTheSKUInCartOrder() async throws {
    let harness = Harness()
    await harness.ok(Self.setup + "\nsession return SHOE quantity=3")
    let calls = harness.api.calls.suffix(2)
    #expect(calls.map(\.operation) == [.getCustomerSession, .returnCartItems])
    #expect(calls.last?.path == "s1")
    #expect(
      calls.last?.body
        == [
          "return": [
            "returnedCartItems": [
              ["position": 0, "quantity": 2, "sku": "SHOE"],
              ["position": 2, "quantity": 1, "sku": "SHOE"],
            ]
          ],
          "responseContent": ["customerSession", "customerProfile"],
        ])
  }

  @Test func returnWithoutQuantityTakesEveryUnitLeft() async throws {
    let harness = Harness()
    await harness.ok(Self.setup + "\nsession return SOCK content=[previousReturns]")
    #expect(
      harness.api.lastCall?.body
        == [
          "return": ["returnedCartItems": [["position": 1, "quantity": 1, "sku": "SOCK"]]],
          "responseContent": ["previousReturns"],
        ])
  }

  @Test func returnOfAnUnknownOrTooLargeAmountFailsAtTheSKU() async throws {
    let harness = Harness()
    await harness.ok(Self.setup)
    let unknown = await harness.failure("session return HAT")
    #expect(unknown?.message.contains("no item with SKU HAT") == true)
    #expect(unknown?.location?.column == 16)
    let tooMany = await harness.failure("session return SHOE quantity=4")
    #expect(tooMany?.message.contains("only 3 unit(s) of SHOE") == true)
    #expect(harness.api.lastCall?.operation == .getCustomerSession)
  }

  @Test func showAndReopenNameTheSessionOrUseTheCurrentOne() async throws {
    let harness = Harness()
    await harness.ok(Self.setup + "\nsession show\nsession reopen s2")
    let calls = harness.api.calls.suffix(2)
    #expect(calls.map(\.operation) == [.getCustomerSession, .reopenCustomerSession])
    #expect(calls.map(\.path) == ["s1", "s2"])
    #expect(await harness.value("$session") == "s2")
  }
}
