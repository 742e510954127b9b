import Foundation
import TalonAPI

/// One effect in plain words: a short label (`discount`, `coupon`, `loyalty`, ...) and what
/// happened (`SUMMER10 rejected: CouponNotFound`). The one describer of effects: the shell's
/// summary view shows it as a table row, `talon run`'s result line as `label text`.
struct EffectLine: Equatable {
  var label: String
  var text: String
  /// Whether the effect reports a refusal (a rejected code, an error), shown in red.
  var isRefusal = false

  /// The words for an effect of type `type` with the v2 props `props`. A per-item discount
  /// names the SKU at its position in `cartItems` (the session's items), else the position.
  init(type: String, props: JSONValue, cartItems: [JSONValue] = []) {
    let typed = EffectProps(effectType: type, props: props)
    switch typed {
    case .setDiscount(let name, let value)?:
      self.init(label: "discount", text: "\(name): -\(Money.text(value))")
    case .setDiscountPerItem(let name, let value, let position)?:
      let sku = cartItems.indices.contains(position) ? cartItems[position]["sku"]?.stringValue : nil
      let item = sku.map { "on \($0)" } ?? "on item \(position)"
      self.init(label: "discount", text: "\(name) \(item): -\(Money.text(value))")
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
      self.init(label: "attribute", text: "\(path) = \(value.jsonText)")
    case .triggerWebhook(_, let name)?:
      self.init(label: "webhook", text: "\(name) triggered")
    case .error(let message)?:
      self.init(label: "error", text: message, isRefusal: true)
    case .rollbackAddedLoyaltyPoints(let program, _, let value, let recipient)?:
      let who = recipient.isEmpty ? "" : " from \(recipient)"
      self.init(label: "loyalty", text: "-\(value) points taken back\(who) (program \(program))")
    case .rollbackDeductedLoyaltyPoints(let program, _, let value, let recipient)?:
      let who = recipient.isEmpty ? "" : " to \(recipient)"
      self.init(label: "loyalty", text: "+\(value) points given back\(who) (program \(program))")
    case .rollbackReferral(let code)?:
      self.init(label: "referral", text: "\(code) rolled back")
    case nil:
      self.init(untyped: type, props: props)
    }
  }

  /// Effects without a typed model: today's rollbacks in words, others as `key=value` pairs.
  private init(untyped type: String, props: JSONValue) {
    let value = props["value"].map { ValueSummary.flat($0) } ?? ""
    let program = props["programId"].map { " (program \(ValueSummary.flat($0)))" } ?? ""
    switch type {
    case "rollbackAddedLoyaltyPoints":
      self.init(label: "loyalty", text: "-\(value) points taken back\(program)")
    case "rollbackDeductedLoyaltyPoints":
      self.init(label: "loyalty", text: "+\(value) points given back\(program)")
    case "rollbackReferral":
      self.init(label: "referral", text: "\(value) rolled back")
    default:
      self.init(label: type, text: ValueSummary.flat(props))
    }
  }

  /// The words for a v1 effect, `[campaignId, rulesetId, ruleIndex, [type, args...]]`: the
  /// arguments become props in the effect's v1 argument order. A rejection's reason, which v1
  /// keeps in the event's `meta`, is taken from `meta` when the arguments lack it. Nil when
  /// the array is not an effect.
  init?(v1 effect: JSONValue, meta: JSONValue?) {
    guard let type = Self.v1Type(effect) else { return nil }
    self.init(type: type, props: Self.v1Props(effect, meta: meta))
  }

  /// The effect type of a v1 effect array.
  static func v1Type(_ effect: JSONValue) -> String? {
    effect[3]?.arrayValue?.first?.stringValue
  }

  /// The props of a v1 effect array (see ``init(v1:meta:)``).
  static func v1Props(_ effect: JSONValue, meta: JSONValue?) -> JSONValue {
    guard let call = effect[3]?.arrayValue, let type = call.first?.stringValue else {
      return .null
    }
    var props: [String: JSONValue] = [:]
    let names = EffectProps.argumentOrder[type] ?? []
    for (index, name) in names.enumerated() where index + 1 < call.count {
      props[name] = call[index + 1]
    }
    let reasonKey: String? =
      switch type {
      case "rejectCoupon": "couponRejectionReason"
      case "rejectReferral": "referralRejectionReason"
      default: nil
      }
    if let reasonKey, props["rejectionReason"] == nil,
      let reason = meta?[reasonKey]?["reason"]
    {
      props["rejectionReason"] = reason
    }
    return .object(props)
  }

  /// The label and the text on one line, e.g. `coupon SUMMER10 accepted`.
  var line: String { label + " " + text }

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
