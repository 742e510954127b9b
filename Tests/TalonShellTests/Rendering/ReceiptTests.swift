import Foundation
import TalonAPI
import Testing

@testable import TalonRendering

/// The receipt of session answers in both shapes, drawn as text and as HTML.
@Suite("Receipts")
struct ReceiptTests {
  static let v2 = """
    {"customerSession": {"integrationId": "s1", "profileId": "alice", "state": "open",
      "total": 190, "cartItems": [
        {"sku": "SHOE-1", "name": "Runner", "price": 80, "quantity": 2},
        {"sku": "HAT-1", "name": "Hat <L>", "price": 30, "quantity": 1}]},
     "effects": [
      {"effectType": "acceptCoupon", "props": {"value": "SUMMER10"}},
      {"effectType": "setDiscount", "props": {"name": "Coupon SUMMER10", "value": 19}},
      {"effectType": "setDiscountPerItem", "props": {"name": "Shoe week", "value": 32, "position": 0}},
      {"effectType": "setDiscountPerItem", "props": {"name": "Ghost", "value": 1, "position": 9}},
      {"effectType": "addFreeItem", "props": {"sku": "TOTE-1", "name": "Tote bag"}},
      {"effectType": "addLoyaltyPoints", "props": {"name": "Earn", "programId": 1,
        "subLedgerId": "", "value": 190, "recipientIntegrationId": "alice"}},
      {"effectType": "rejectCoupon", "props": {"value": "NOPE", "rejectionReason": "CouponNotFound"}}]}
    """

  @Test func v2AnswerAsText() throws {
    let receipt = try #require(Receipt(try JSONValue(parsing: Self.v2)))
    #expect(
      receipt.text() == """
        session s1 (profile alice, open)
          SHOE-1  Runner  2 x 80.00  160.00
              Shoe week (SHOE-1)     -32.00
          HAT-1  Hat <L>  1 x 30.00   30.00
          TOTE-1  Tote bag  free       0.00
          total before discounts     190.00
            Coupon SUMMER10          -19.00
            Ghost on item 9           -1.00
          total after discounts      138.00
          loyalty +190 points to alice (Earn, program 1)
          coupon SUMMER10 accepted
          coupon NOPE rejected: CouponNotFound
        """)
    #expect(receipt.discountTotal == 52)
  }

  @Test func htmlIsEscapedAndNamesTheSKUOfEachDiscount() throws {
    let receipt = try #require(Receipt(try JSONValue(parsing: Self.v2)))
    let html = receipt.html
    #expect(html.contains("Hat &lt;L&gt;"))
    #expect(!html.contains("Hat <L>"))
    #expect(html.contains("Shoe week on SHOE-1</td><td class=\"num\">-32.00"))
    #expect(html.contains("<li class=\"refusal\"><span class=\"label\">coupon</span> NOPE"))
    #expect(html.contains("total after discounts</td><td class=\"num\">138.00"))
  }

  @Test func v1AnswerReadsTheSessionAndPositionalEffects() throws {
    let v1 = """
      {"session": {"integrationId": "v1", "profileId": "sam", "state": "open", "total": 50,
        "cartItems": [{"sku": "MUG-1", "name": "Mug", "price": 25, "quantity": 2}]},
       "event": {"type": "talon_session_created", "effects": [
         [2, 2, 1, ["acceptCoupon", "SUMMER10"]], [2, 2, 1, ["setDiscount", "Coupon SUMMER10", 5]]]}}
      """
    let receipt = try #require(Receipt(try JSONValue(parsing: v1)))
    #expect(receipt.items.map(\.sku) == ["MUG-1"])
    #expect(receipt.discounts == [Receipt.Adjustment(name: "Coupon SUMMER10", amount: 5)])
    #expect(receipt.totalAfter == 45)
  }

  @Test func loyaltyBalancesBeforeAndAfterAndCreatedCodes() throws {
    let answer = """
      {"customerSession": {"integrationId": "s2", "profileId": "maya", "state": "closed",
        "total": 12, "cartItems": [{"sku": "BOTTLE-1", "name": "Water bottle", "price": 12,
        "quantity": 1}]},
       "effects": [
        {"effectType": "addLoyaltyPoints", "props": {"name": "Earn", "programId": 1,
          "subLedgerId": "", "value": 12, "recipientIntegrationId": "maya"}},
        {"effectType": "deductLoyaltyPoints", "props": {"ruleTitle": "Burn", "programId": 1,
          "subLedgerId": "", "value": 100}}],
       "createdCoupons": [{"value": "WELCOME-AB12", "recipientIntegrationId": "maya"}],
       "loyalty": {"programs": {"1": {"id": 1, "name": "points", "title": "Shop points",
         "ledger": {"currentBalance": 267, "tentativeCurrentBalance": 267}}}}}
      """
    let receipt = try #require(Receipt(try JSONValue(parsing: answer)))
    #expect(receipt.balances == [Receipt.Balance(program: "Shop points", before: 355, after: 267)])
    let text = receipt.text()
    #expect(text.contains("\n  points Shop points: 355 before, 267 after"))
    #expect(text.contains("\n  new coupon WELCOME-AB12 for maya"))
    #expect(receipt.html.contains("<td class=\"num\">355 before</td>"))
  }

  @Test func textFitsTheWidth() throws {
    let receipt = try #require(Receipt(try JSONValue(parsing: Self.v2)))
    let text = receipt.text(width: 34)
    for line in text.split(separator: "\n") { #expect(line.count <= 34, "\(line)") }
    #expect(text.contains("  SHOE-1  Runner  2 x 80.…  160.00"))
    #expect(text.contains("  loyalty +190 points to alice\n"))
  }

  @Test func aProfileAnswerWithoutEffectsSaysSo() throws {
    let answer =
      #"{"customerProfile": {"integrationId": "a"}, "effects": [], "loyalty": {"programs": {"1": {"title": "Shop points", "ledger": {"currentBalance": 5}}}}}"#
    let receipt = try #require(Receipt(try JSONValue(parsing: answer)))
    #expect(receipt.text().hasSuffix("\n  points Shop points: 5 before, 5 after"))
  }

  @Test func answersWithoutEffectsOrSessionHaveNone() throws {
    #expect(Receipt(try JSONValue(parsing: #"{"profile": {"integrationId": "a"}}"#)) == nil)
  }
}
