import Foundation
import TalonAPI

/// The demo view of a session or event result: a title, the effects in plain words as a
/// two-column table, and the totals before and after discounts.
///
/// Reads both answer shapes: v2 (`effects` as objects, `customerSession`, `createdCoupons`;
/// a profile update's or event's answer has no session and is titled by its event) and v1 (`event.effects` as positional arrays, `session`, rejection reasons in
/// `event.meta`). Decisions: the total after discounts is the session's `total` minus the
/// values of its `setDiscount` and `setDiscountPerItem` effects (rolled-back discounts are
/// not subtracted); the totals line is left out when the answer has no session total (a v2
/// update whose `content` omits `customerSession`); created coupons already named by a
/// `couponCreated` (or `referralCreated`) effect are not listed twice.
struct ResultSummary {
  var title: String
  var lines: [EffectLine]
  var total: Decimal?
  var discounts: Decimal
  /// False for a profile update's or an event's answer (no session).
  var hasSession = true

  /// The summary of `value`, or nil when it carries no effects (not a session or event result).
  init?(_ value: JSONValue) {
    if let effects = value["effects"]?.arrayValue {
      self.init(v2: value, effects: effects)
    } else if let effects = value["event"]?["effects"]?.arrayValue {
      self.init(v1: value, effects: effects)
    } else {
      return nil
    }
  }

  private init(v2 value: JSONValue, effects: [JSONValue]) {
    let session = value["customerSession"]
    hasSession = session != nil
    if session == nil, let event = value["event"], let type = event["type"]?.stringValue {
      title = Self.title(event: type, profile: event["profileId"]?.stringValue ?? "")
    } else {
      title = Self.title(session: session, profile: session?["profileId"]?.stringValue)
    }
    lines = []
    discounts = 0
    let items = session?["cartItems"]?.arrayValue ?? []
    var created = Set<String>()
    for effect in effects {
      let type = effect["effectType"]?.stringValue ?? "effect"
      let props = effect["props"] ?? .null
      if type == "couponCreated" || type == "referralCreated",
        let code = props["value"]?.stringValue
      {
        created.insert(code)
      }
      lines.append(EffectLine(type: type, props: props, cartItems: items))
      discounts += EffectLine.discount(type: type, props: props)
    }
    for coupon in value["createdCoupons"]?.arrayValue ?? [] {
      guard let code = coupon["value"]?.stringValue, !created.contains(code) else { continue }
      let owner = coupon["recipientIntegrationId"]?.stringValue ?? ""
      lines.append(
        EffectLine(label: "new coupon", text: owner.isEmpty ? code : "\(code) for \(owner)"))
    }
    for referral in value["createdReferrals"]?.arrayValue ?? [] {
      guard let code = referral["code"]?.stringValue, !created.contains(code) else { continue }
      lines.append(EffectLine(label: "new referral", text: code))
    }
    total = session?["total"]?.numberValue
  }

  private init(v1 value: JSONValue, effects: [JSONValue]) {
    let event = value["event"] ?? .null
    let session = value["session"]
    let eventType = event["type"]?.stringValue ?? ""
    if !eventType.isEmpty, !eventType.hasPrefix("talon_") {
      let on = session?["integrationId"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
      title = "event \(eventType)" + (on.map { " on session \($0)" } ?? "")
    } else if eventType.hasPrefix("talon_profile") {
      title = "profile \(value["profile"]?["integrationId"]?.stringValue ?? "")"
    } else {
      title = Self.title(session: session, profile: session?["profileId"]?.stringValue)
    }
    lines = []
    discounts = 0
    for effect in effects {
      guard let type = EffectLine.v1Type(effect) else { continue }
      let props = EffectLine.v1Props(effect, meta: event["meta"])
      lines.append(
        EffectLine(type: type, props: props, cartItems: session?["cartItems"]?.arrayValue ?? []))
      discounts += EffectLine.discount(type: type, props: props)
    }
    let hasSession = !(session?["integrationId"]?.stringValue ?? "").isEmpty
    total = hasSession ? session?["total"]?.numberValue : nil
  }

  /// The title of a v2 profile update or event (no session): `profile P` for the built-in
  /// profile events, `event TYPE of profile P` for a custom one.
  private static func title(event type: String, profile: String) -> String {
    if type.hasPrefix("talon_profile") || type.hasPrefix("customer_profile_") {
      return "profile \(profile)"
    }
    return "event \(type)" + (profile.isEmpty ? "" : " of profile \(profile)")
  }

  private static func title(session: JSONValue?, profile: String?) -> String {
    guard let session, let id = session["integrationId"]?.stringValue, !id.isEmpty else {
      return "session"
    }
    var details: [String] = []
    if let profile, !profile.isEmpty { details.append("profile \(profile)") }
    if let state = session["state"]?.stringValue { details.append(state) }
    return "session \(id)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
  }

  /// The summary as text: the title, one line per effect, the totals.
  func text(color: Bool) -> String {
    text(color: color, title: title, marked: lines.map { ("", $0) })
  }

  /// The summary of a dry run: "what if" in the title, and when the stored session's effects
  /// are known (`stored`), each effect marked `+` (new) or left unmarked (the stored session
  /// has it too), followed by the stored effects that would go, marked `-`.
  func whatIfText(color: Bool, stored: [EffectLine]?) -> String {
    let title = "what if (dry run, nothing saved): " + self.title
    guard let stored else {
      return text(color: color, title: title, marked: lines.map { ("", $0) })
    }
    var remaining = stored
    var marked: [(String, EffectLine)] = []
    for line in lines {
      if let index = remaining.firstIndex(of: line) {
        remaining.remove(at: index)
        marked.append((" ", line))
      } else {
        marked.append(("+", line))
      }
    }
    marked += remaining.map { ("-", $0) }
    var text = text(color: color, title: title, marked: marked)
    if marked.allSatisfy({ $0.0 == " " }) {
      let baseline = hasSession ? "the stored session" : "the stored profile"
      text += "\n  (the same effects as \(baseline))"
    }
    return text
  }

  private func text(color: Bool, title: String, marked: [(mark: String, line: EffectLine)])
    -> String
  {
    var output = [ANSIStyle.bold.apply(title, enabled: color)]
    if marked.isEmpty {
      output.append("  no effects")
    } else {
      let width = (marked.map(\.line.label.count).max() ?? 0) + 2
      let margin = marked.contains { !$0.mark.isEmpty } ? 1 : 0
      for (mark, line) in marked {
        let label = line.label.padding(toLength: width, withPad: " ", startingAt: 0)
        let style: ANSIStyle = line.isRefusal ? .red : .cyan
        let prefix = "  " + mark.padding(toLength: margin * 2, withPad: " ", startingAt: 0)
        output.append(prefix + style.apply(label, enabled: color) + line.text)
      }
    }
    if let total {
      if discounts != 0 {
        output.append(
          "  total \(Money.text(total)) before discounts, \(Money.text(total - discounts)) after"
            + " (discounts -\(Money.text(discounts)))")
      } else {
        output.append("  total \(Money.text(total)) (no discounts)")
      }
    }
    return output.joined(separator: "\n")
  }
}
