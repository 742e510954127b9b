import Foundation

/// One effect of a rule, as v2 returns it (`Effect`). `campaignId` is -1 for effects tied to no
/// campaign (e.g. rejecting an unknown coupon).
public struct Effect: Codable, Hashable, Sendable {
  public var campaignId: Int
  public var rulesetId: Int
  public var ruleIndex: Int
  public var ruleName: String
  public var effectType: String
  public var props: JSONValue

  public init(
    campaignId: Int, rulesetId: Int, ruleIndex: Int, ruleName: String, effectType: String,
    props: JSONValue
  ) {
    self.campaignId = campaignId
    self.rulesetId = rulesetId
    self.ruleIndex = ruleIndex
    self.ruleName = ruleName
    self.effectType = effectType
    self.props = props
  }

  public init(
    campaignId: Int, rulesetId: Int, ruleIndex: Int, ruleName: String, props: EffectProps
  ) {
    self.init(
      campaignId: campaignId, rulesetId: rulesetId, ruleIndex: ruleIndex, ruleName: ruleName,
      effectType: props.effectType, props: props.json)
  }

  /// The typed props, when the effect type is one of the catalogue's and its props fit.
  public var typedProps: EffectProps? {
    EffectProps(effectType: effectType, props: props)
  }

  /// The effect as an object (today's generation reads event effects in this form).
  public var object: JSONValue {
    .object([
      "campaignId": .number(Decimal(campaignId)), "rulesetId": .number(Decimal(rulesetId)),
      "ruleIndex": .number(Decimal(ruleIndex)), "ruleName": .string(ruleName),
      "effectType": .string(effectType), "props": props,
    ])
  }

  /// The v1 positional form `[campaignId, rulesetId, ruleIndex, [effectType, arg...]]`, the
  /// arguments being the props in the catalogue's order (unknown types: props sorted by key).
  public var v1Array: JSONValue {
    let names = EffectProps.argumentOrder[effectType] ?? (props.objectValue?.keys.sorted() ?? [])
    let arguments = names.map { props[$0] ?? .null }
    return .array([
      .number(Decimal(campaignId)), .number(Decimal(rulesetId)), .number(Decimal(ruleIndex)),
      .array([.string(effectType)] + arguments),
    ])
  }
}

/// The props of each effect type of the catalogue, typed (`docs/behaviour.md`, "Effects").
public enum EffectProps: Hashable, Sendable {
  case setDiscount(name: String, value: Decimal)
  case setDiscountPerItem(name: String, value: Decimal, position: Int)
  case acceptCoupon(value: String)
  case rollbackCoupon(value: String)
  case rejectCoupon(value: String, rejectionReason: CouponRejectionReasonCode)
  case acceptReferral(value: String)
  case rejectReferral(value: String, rejectionReason: ReferralRejectionReasonCode)
  case redeemReferral(id: Int, value: String)
  case couponCreated(value: String, profileId: String)
  case referralCreated(value: String)
  case addLoyaltyPoints(
    name: String, programId: Int, subLedgerId: String, value: Decimal,
    recipientIntegrationId: String, expiryCondition: String)
  case deductLoyaltyPoints(ruleTitle: String, programId: Int, subLedgerId: String, value: Decimal)
  case addFreeItem(sku: String, name: String)
  case showNotification(notificationType: String, title: String, body: String)
  case updateAttribute(path: String, value: JSONValue)
  case triggerWebhook(webhookId: Int, webhookName: String)
  case rollbackDiscount(name: String, value: Decimal)
  case error(message: String)
  /// Today's generation: points a close added, taken back by a cancel, a reopen or a return.
  case rollbackAddedLoyaltyPoints(
    programId: Int, subLedgerId: String, value: Decimal, recipientIntegrationId: String)
  /// Today's generation: points a close deducted, given back by a cancel or a reopen.
  case rollbackDeductedLoyaltyPoints(
    programId: Int, subLedgerId: String, value: Decimal, recipientIntegrationId: String)
  /// Today's generation: a referral redemption undone by a cancel or a reopen.
  case rollbackReferral(value: String)

  /// For each effect type, the prop names in the order of the v1 positional arguments.
  public static let argumentOrder: [String: [String]] = [
    "setDiscount": ["name", "value"],
    "setDiscountPerItem": ["name", "value", "position"],
    "acceptCoupon": ["value"],
    "rollbackCoupon": ["value"],
    "rejectCoupon": ["value", "rejectionReason"],
    "acceptReferral": ["value"],
    "rejectReferral": ["value", "rejectionReason"],
    "redeemReferral": ["id", "value"],
    "couponCreated": ["value", "profileId"],
    "referralCreated": ["value"],
    "addLoyaltyPoints": [
      "name", "programId", "subLedgerId", "value", "recipientIntegrationId", "expiryCondition",
    ],
    "deductLoyaltyPoints": ["ruleTitle", "programId", "subLedgerId", "value"],
    "addFreeItem": ["sku", "name"],
    "showNotification": ["notificationType", "title", "body"],
    "updateAttribute": ["path", "value"],
    "triggerWebhook": ["webhookId", "webhookName"],
    "rollbackDiscount": ["name", "value"],
    "error": ["message"],
    "rollbackAddedLoyaltyPoints": ["programId", "subLedgerId", "value", "recipientIntegrationId"],
    "rollbackDeductedLoyaltyPoints": [
      "programId", "subLedgerId", "value", "recipientIntegrationId",
    ],
    "rollbackReferral": ["value"],
  ]

  public var effectType: String {
    switch self {
    case .setDiscount: "setDiscount"
    case .setDiscountPerItem: "setDiscountPerItem"
    case .acceptCoupon: "acceptCoupon"
    case .rollbackCoupon: "rollbackCoupon"
    case .rejectCoupon: "rejectCoupon"
    case .acceptReferral: "acceptReferral"
    case .rejectReferral: "rejectReferral"
    case .redeemReferral: "redeemReferral"
    case .couponCreated: "couponCreated"
    case .referralCreated: "referralCreated"
    case .addLoyaltyPoints: "addLoyaltyPoints"
    case .deductLoyaltyPoints: "deductLoyaltyPoints"
    case .addFreeItem: "addFreeItem"
    case .showNotification: "showNotification"
    case .updateAttribute: "updateAttribute"
    case .triggerWebhook: "triggerWebhook"
    case .rollbackDiscount: "rollbackDiscount"
    case .error: "error"
    case .rollbackAddedLoyaltyPoints: "rollbackAddedLoyaltyPoints"
    case .rollbackDeductedLoyaltyPoints: "rollbackDeductedLoyaltyPoints"
    case .rollbackReferral: "rollbackReferral"
    }
  }

  /// The props as the JSON object of the wire.
  public var json: JSONValue {
    func number(_ value: Int) -> JSONValue { .number(Decimal(value)) }
    switch self {
    case .setDiscount(let name, let value), .rollbackDiscount(let name, let value):
      return ["name": .string(name), "value": .number(value)]
    case .setDiscountPerItem(let name, let value, let position):
      return ["name": .string(name), "value": .number(value), "position": number(position)]
    case .acceptCoupon(let value), .rollbackCoupon(let value), .acceptReferral(let value),
      .referralCreated(let value), .rollbackReferral(let value):
      return ["value": .string(value)]
    case .rejectCoupon(let value, let reason):
      return ["value": .string(value), "rejectionReason": .string(reason.rawValue)]
    case .rejectReferral(let value, let reason):
      return ["value": .string(value), "rejectionReason": .string(reason.rawValue)]
    case .redeemReferral(let id, let value):
      return ["id": number(id), "value": .string(value)]
    case .couponCreated(let value, let profileId):
      return ["value": .string(value), "profileId": .string(profileId)]
    case .addLoyaltyPoints(
      let name, let programId, let subLedgerId, let value, let recipient, let expiry):
      return [
        "name": .string(name), "programId": number(programId), "subLedgerId": .string(subLedgerId),
        "value": .number(value), "recipientIntegrationId": .string(recipient),
        "expiryCondition": .string(expiry),
      ]
    case .deductLoyaltyPoints(let ruleTitle, let programId, let subLedgerId, let value):
      return [
        "ruleTitle": .string(ruleTitle), "programId": number(programId),
        "subLedgerId": .string(subLedgerId), "value": .number(value),
      ]
    case .addFreeItem(let sku, let name):
      return ["sku": .string(sku), "name": .string(name)]
    case .showNotification(let type, let title, let body):
      return ["notificationType": .string(type), "title": .string(title), "body": .string(body)]
    case .updateAttribute(let path, let value):
      return ["path": .string(path), "value": value]
    case .triggerWebhook(let id, let name):
      return ["webhookId": number(id), "webhookName": .string(name)]
    case .error(let message):
      return ["message": .string(message)]
    case .rollbackAddedLoyaltyPoints(let programId, let subLedgerId, let value, let recipient),
      .rollbackDeductedLoyaltyPoints(let programId, let subLedgerId, let value, let recipient):
      return [
        "programId": number(programId), "subLedgerId": .string(subLedgerId),
        "value": .number(value), "recipientIntegrationId": .string(recipient),
      ]
    }
  }

  /// Reads typed props back from an effect's type and JSON props; nil when they do not fit.
  public init?(effectType: String, props: JSONValue) {
    func string(_ key: String) -> String? { props[key]?.stringValue }
    func decimal(_ key: String) -> Decimal? { props[key]?.numberValue }
    func int(_ key: String) -> Int? { props[key]?.intValue }
    switch effectType {
    case "setDiscount":
      guard let name = string("name"), let value = decimal("value") else { return nil }
      self = .setDiscount(name: name, value: value)
    case "rollbackDiscount":
      guard let name = string("name"), let value = decimal("value") else { return nil }
      self = .rollbackDiscount(name: name, value: value)
    case "setDiscountPerItem":
      guard let name = string("name"), let value = decimal("value"), let position = int("position")
      else { return nil }
      self = .setDiscountPerItem(name: name, value: value, position: position)
    case "acceptCoupon":
      guard let value = string("value") else { return nil }
      self = .acceptCoupon(value: value)
    case "rollbackCoupon":
      guard let value = string("value") else { return nil }
      self = .rollbackCoupon(value: value)
    case "acceptReferral":
      guard let value = string("value") else { return nil }
      self = .acceptReferral(value: value)
    case "referralCreated":
      guard let value = string("value") else { return nil }
      self = .referralCreated(value: value)
    case "rejectCoupon":
      guard let value = string("value"), let reason = string("rejectionReason") else { return nil }
      self = .rejectCoupon(value: value, rejectionReason: .init(rawValue: reason))
    case "rejectReferral":
      guard let value = string("value"), let reason = string("rejectionReason") else { return nil }
      self = .rejectReferral(value: value, rejectionReason: .init(rawValue: reason))
    case "redeemReferral":
      guard let id = int("id"), let value = string("value") else { return nil }
      self = .redeemReferral(id: id, value: value)
    case "couponCreated":
      guard let value = string("value"), let profileId = string("profileId") else { return nil }
      self = .couponCreated(value: value, profileId: profileId)
    case "addLoyaltyPoints":
      guard let name = string("name"), let programId = int("programId"),
        let value = decimal("value")
      else { return nil }
      self = .addLoyaltyPoints(
        name: name, programId: programId, subLedgerId: string("subLedgerId") ?? "",
        value: value, recipientIntegrationId: string("recipientIntegrationId") ?? "",
        expiryCondition: string("expiryCondition") ?? "")
    case "deductLoyaltyPoints":
      guard let programId = int("programId"), let value = decimal("value") else { return nil }
      self = .deductLoyaltyPoints(
        ruleTitle: string("ruleTitle") ?? "", programId: programId,
        subLedgerId: string("subLedgerId") ?? "", value: value)
    case "addFreeItem":
      guard let sku = string("sku"), let name = string("name") else { return nil }
      self = .addFreeItem(sku: sku, name: name)
    case "showNotification":
      guard let type = string("notificationType"), let title = string("title"),
        let body = string("body")
      else { return nil }
      self = .showNotification(notificationType: type, title: title, body: body)
    case "updateAttribute":
      guard let path = string("path"), let value = props["value"] else { return nil }
      self = .updateAttribute(path: path, value: value)
    case "triggerWebhook":
      guard let id = int("webhookId"), let name = string("webhookName") else { return nil }
      self = .triggerWebhook(webhookId: id, webhookName: name)
    case "error":
      guard let message = string("message") else { return nil }
      self = .error(message: message)
    case "rollbackReferral":
      guard let value = string("value") else { return nil }
      self = .rollbackReferral(value: value)
    case "rollbackAddedLoyaltyPoints", "rollbackDeductedLoyaltyPoints":
      guard let programId = int("programId"), let value = decimal("value") else { return nil }
      let subLedgerId = string("subLedgerId") ?? ""
      let recipient = string("recipientIntegrationId") ?? ""
      self =
        effectType == "rollbackAddedLoyaltyPoints"
        ? .rollbackAddedLoyaltyPoints(
          programId: programId, subLedgerId: subLedgerId, value: value,
          recipientIntegrationId: recipient)
        : .rollbackDeductedLoyaltyPoints(
          programId: programId, subLedgerId: subLedgerId, value: value,
          recipientIntegrationId: recipient)
    default:
      return nil
    }
  }
}
