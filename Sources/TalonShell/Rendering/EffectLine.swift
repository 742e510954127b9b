import Foundation
import TalonAPI

/// One effect in plain words, for the summary view: a short label (`discount`, `coupon`,
/// `loyalty`, ...) and what happened (`SUMMER10 rejected: CouponNotFound`).
struct EffectLine: Equatable {
  var label: String
  var text: String
  /// Whether the effect reports a refusal (a rejected code, an error), shown in red.
  var isRefusal = false

  /// The words for an effect of type `type` with the v2 props `props`.
  init(type: String, props: JSONValue) {
    let typed = EffectProps(effectType: type, props: props)
    switch typed {
    case .setDiscount(let name, let value)?:
      self.init(label: "discount", text: "\(name): -\(Money.text(value))")
    case .setDiscountPerItem(let name, let value, let position)?:
      self.init(label: "discount", text: "\(name) on item \(position): -\(Money.text(value))")
    case .rollbackDiscount(let name, let value)?:
      self.init(label: "discount", text: "\(name) rolled back: +\(Money.text(value))")
    case .acceptCoupon(let code)?:
      self.init(label: "coupon", text: "\(code) accepted")
    case .rejectCoupon(let code, let reason)?:
      self.init(label: "coupon", text: "\(code) rejected: \(reason.rawValue)", isRefusal: true)
    case .rollbackCoupon(let code)?:
      self.init(label: "coupon", text: "\(code) rolled back")
    case .acceptReferral(let code)?:
      self.init(label: "referral", text: "\(code) accepted")
    case .rejectReferral(let code, let reason)?:
      self.init(label: "referral", text: "\(code) rejected: \(reason.rawValue)", isRefusal: true)
    case .redeemReferral(_, let code)?:
      self.init(label: "referral", text: "\(code) redeemed")
    case .couponCreated(let code, let profile)?:
      self.init(label: "new coupon", text: profile.isEmpty ? code : "\(code) for \(profile)")
    case .referralCreated(let code)?:
      self.init(label: "new referral", text: code)
    case .addLoyaltyPoints(let name, let program, _, let value, let recipient, _)?:
      let who = recipient.isEmpty ? "" : " to \(recipient)"
      self.init(
        label: "loyalty", text: "+\(value) points\(who) (\(name), program \(program))")
    case .deductLoyaltyPoints(let title, let program, _, let value)?:
      let why = title.isEmpty ? "" : "\(title), "
      self.init(label: "loyalty", text: "-\(value) points (\(why)program \(program))")
    case .addFreeItem(let sku, let name)?:
      self.init(label: "free item", text: name == sku ? sku : "\(name) (\(sku))")
    case .showNotification(let kind, let title, let body)?:
      let prefix = kind.isEmpty ? "" : "[\(kind)] "
      self.init(label: "notification", text: "\(prefix)\(title): \(body)")
    case .updateAttribute(let path, let value)?:
      self.init(label: "attribute", text: "\(path) = \(JSONText(color: false).text(of: value))")
    case .triggerWebhook(_, let name)?:
      self.init(label: "webhook", text: "\(name) triggered")
    case .error(let message)?:
      self.init(label: "error", text: message, isRefusal: true)
    case nil:
      self.init(label: type, text: JSONText(color: false).text(of: props))
    }
  }

  init(label: String, text: String, isRefusal: Bool = false) {
    self.label = label
    self.text = text
    self.isRefusal = isRefusal
  }

  /// The discount an effect takes off the total (setDiscount, setDiscountPerItem), else 0.
  static func discount(type: String, props: JSONValue) -> Decimal {
    guard type == "setDiscount" || type == "setDiscountPerItem" else { return 0 }
    return props["value"]?.numberValue ?? 0
  }
}

/// Amounts of money as the summary shows them: at least two decimals (`4.5` → `4.50`),
/// more when the value has them.
enum Money {
  static func text(_ value: Decimal) -> String {
    let plain = value.description
    guard let dot = plain.firstIndex(of: ".") else { return plain + ".00" }
    let decimals = plain.distance(from: dot, to: plain.endIndex) - 1
    return decimals >= 2 ? plain : plain + String(repeating: "0", count: 2 - decimals)
  }
}
