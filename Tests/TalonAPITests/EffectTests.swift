import Foundation
import Testing

@testable import TalonAPI

@Suite("Effects")
struct EffectTests {
  static let catalogue: [EffectProps] = [
    .setDiscount(name: "10% off", value: Decimal(string: "4.5")!),
    .setDiscountPerItem(name: "shoes", value: 3, position: 1),
    .acceptCoupon(value: "SUMMER10"), .rollbackCoupon(value: "SUMMER10"),
    .rejectCoupon(value: "NOPE", rejectionReason: .couponNotFound),
    .acceptReferral(value: "REF-1"),
    .rejectReferral(value: "REF-1", rejectionReason: .referralRecipientIdSameAsAdvocate),
    .redeemReferral(id: 4, value: "REF-1"), .couponCreated(value: "NEW-1", profileId: "alice"),
    .referralCreated(value: "REF-2"),
    .addLoyaltyPoints(
      name: "earn", programId: 1, subLedgerId: "", value: 12, recipientIntegrationId: "alice",
      expiryCondition: "unlimited"),
    .deductLoyaltyPoints(ruleTitle: "burn", programId: 1, subLedgerId: "", value: 100),
    .addFreeItem(sku: "GIFT", name: "Gift"),
    .showNotification(notificationType: "info", title: "Hi", body: "There"),
    .updateAttribute(path: "Profile.Attributes.tier", value: "gold"),
    .triggerWebhook(webhookId: 9, webhookName: "hook"), .rollbackDiscount(name: "x", value: 1),
    .error(message: "oops"),
  ]

  @Test(arguments: catalogue)
  func propsRoundTrip(props: EffectProps) {
    #expect(EffectProps(effectType: props.effectType, props: props.json) == props)
    let order = EffectProps.argumentOrder[props.effectType]
    #expect(order != nil)
    #expect(Set(order ?? []) == Set(props.json.objectValue?.keys.map { $0 } ?? []))
  }

  @Test func v1ArrayIsPositional() {
    let effect = Effect(
      campaignId: 3, rulesetId: 3, ruleIndex: 0, ruleName: "r",
      props: .setDiscount(name: "10% off", value: Decimal(string: "4.5")!))
    #expect(
      effect.v1Array == [3, 3, 0, ["setDiscount", "10% off", .number(Decimal(string: "4.5")!)]])
    let reject = Effect(
      campaignId: -1, rulesetId: 0, ruleIndex: 0, ruleName: "",
      props: .rejectCoupon(value: "NOPE", rejectionReason: .couponNotFound))
    #expect(reject.v1Array == [-1, 0, 0, ["rejectCoupon", "NOPE", "CouponNotFound"]])
  }

  @Test func unknownEffectTypesStayReadable() {
    let effect = Effect(
      campaignId: 1, rulesetId: 1, ruleIndex: 0, ruleName: "", effectType: "newThing",
      props: ["b": 2, "a": 1])
    #expect(effect.typedProps == nil)
    #expect(effect.v1Array == [1, 1, 0, ["newThing", 1, 2]])
  }
}

@Suite("Determinism and errors")
struct DeterminismTests {
  @Test func seededRandomRepeats() {
    var first = SeededRandom(seed: 42)
    var second = SeededRandom(seed: 42)
    var other = SeededRandom(seed: 43)
    let a = (0..<5).map { _ in first.next() }
    #expect(a == (0..<5).map { _ in second.next() })
    #expect(a != (0..<5).map { _ in other.next() })
    let uuid = first.uuidString()
    #expect(uuid.count == 36 && UUID(uuidString: uuid) != nil)
  }

  @Test func integrationErrorsDescribeThemselves() {
    let error = IntegrationError.badRequest(
      "state must be one of ...", title: "enum", pointer: "/customerSession/state")
    #expect(error.status == 400)
    #expect(
      error.description == "400: state must be one of ...\n  enum (at /customerSession/state)")
    #expect(IntegrationError.notFound("no coupon X", parameter: "couponValue").status == 404)
    #expect(IntegrationError.conflict("closed").response.errors?.first?.title == "conflict")
  }
}
