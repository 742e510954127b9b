import Foundation
import TalonAPI

/// The summary view of everything that is not a session or event result: a coupon, a page of
/// coupons or profiles, a referral, an inventory, the cart, the context, an empty answer; any
/// other value as an outline (`key: value` lines, nested values indented).
///
/// Decisions: nothing in this view is JSON; nulls, empty lists and empty objects are left
/// out of outlines (an outline with nothing left says `(nothing)`); strings print without
/// quotes; an empty answer (HTTP 204) says what was done.
enum ValueSummary {
  /// The text for `value`, the answer of `operation` (its SDK name) when it is an API answer.
  static func text(_ value: JSONValue, operation: String?, parameters: [String]) -> String {
    if value.isNull, let operation {
      let on = parameters.isEmpty ? "" : " " + parameters.joined(separator: " ")
      return "\(operation)\(on): done"
    }
    if let text = scalar(value) { return text }
    if let items = value.arrayValue {
      if !items.isEmpty, items.allSatisfy(isCartItem) { return cart(items) }
      return list(items, title: nil)
    }
    if isContext(value) { return context(value) }
    if let line = oneLine(value) { return line }
    if let data = value["data"]?.arrayValue {
      let count = value["totalResultSize"]?.intValue ?? data.count
      return list(data, title: "\(count) result\(count == 1 ? "" : "s")")
    }
    if isInventory(value) { return inventory(value) }
    return outline(value)
  }

  // MARK: Known shapes

  /// One line for a coupon, a referral or a profile; nil for other values.
  static func oneLine(_ value: JSONValue) -> String? {
    if let code = value["value"]?.stringValue, value["campaignId"] != nil,
      value["usageCounter"] != nil
    {
      var text = "coupon \(code) (campaign \(number(value["campaignId"])))"
      text += ": used \(number(value["usageCounter"])) of \(limit(value["usageLimit"]))"
      if let expiry = value["expiryDate"]?.stringValue { text += ", expires \(expiry)" }
      if let holder = value["recipientIntegrationId"]?.stringValue, !holder.isEmpty {
        text += ", for \(holder)"
      }
      return text
    }
    if let code = value["code"]?.stringValue, value["campaignId"] != nil {
      var text = "referral \(code) (campaign \(number(value["campaignId"])))"
      if let advocate = value["advocateProfileIntegrationId"]?.stringValue {
        text += " from \(advocate)"
      }
      if let friend = value["friendProfileIntegrationId"]?.stringValue, !friend.isEmpty {
        text += " to \(friend)"
      }
      text += ": used \(number(value["usageCounter"])) of \(limit(value["usageLimit"]))"
      return text
    }
    if let id = value["integrationId"]?.stringValue, value["totalSales"] != nil {
      var text = "profile \(id): \(number(value["closedSessions"])) closed sessions"
      text += ", sales \(Money.text(value["totalSales"]?.numberValue ?? 0))"
      let attributes = value["attributes"]?.objectValue ?? [:]
      if !attributes.isEmpty {
        let pairs = attributes.keys.sorted().map { "\($0)=\(scalar(attributes[$0]!) ?? "…")" }
        text += ", " + pairs.joined(separator: ", ")
      }
      return text
    }
    return nil
  }

  private static func isCartItem(_ value: JSONValue) -> Bool {
    value["sku"] != nil && value["quantity"] != nil
  }

  private static func cart(_ items: [JSONValue]) -> String {
    var lines = ["cart"]
    var total: Decimal = 0
    for item in items {
      let sku = item["sku"]?.stringValue ?? ""
      let name = item["name"]?.stringValue ?? sku
      let quantity = item["quantity"]?.numberValue ?? 1
      let price = item["price"]?.numberValue ?? 0
      total += quantity * price
      let label = name == sku ? sku : "\(name) (\(sku))"
      lines.append("  \(number(.number(quantity))) × \(label) at \(Money.text(price))")
    }
    lines.append("  total \(Money.text(total))")
    return lines.joined(separator: "\n")
  }

  private static func isContext(_ value: JSONValue) -> Bool {
    value["cart"] != nil && value["cartChanged"] != nil
  }

  private static func context(_ value: JSONValue) -> String {
    let profile = value["profile"]?.stringValue ?? "none"
    let session = value["session"]?.stringValue ?? "none"
    let items = value["cart"]?.arrayValue ?? []
    var text = "profile \(profile), session \(session), "
    text +=
      items.isEmpty ? "cart empty" : "cart of \(items.count) item\(items.count == 1 ? "" : "s")"
    if value["cartChanged"]?.boolValue == true, !items.isEmpty { text += " (not sent yet)" }
    return text
  }

  private static func isInventory(_ value: JSONValue) -> Bool {
    guard let object = value.objectValue, !object.isEmpty else { return false }
    let sections: Set = ["profile", "loyalty", "referrals", "coupons", "giveaways", "achievements"]
    return Set(object.keys).isSubset(of: sections)
  }

  private static func inventory(_ value: JSONValue) -> String {
    var lines: [String] = []
    if let profile = value["profile"], let line = oneLine(profile) { lines.append(line) }
    for section in ["coupons", "referrals", "giveaways", "achievements"] {
      guard let items = value[section]?.arrayValue else { continue }
      lines.append(items.isEmpty ? "no \(section)" : "\(section):")
      lines += items.map { "  " + (oneLine($0) ?? flat($0)) }
    }
    if let loyalty = value["loyalty"], !isEmpty(loyalty) {
      lines.append("loyalty:")
      lines += outlineLines(loyalty, indent: "  ")
    }
    return lines.isEmpty ? "(nothing)" : lines.joined(separator: "\n")
  }

  private static func list(_ items: [JSONValue], title: String?) -> String {
    var lines = title.map { [$0] } ?? []
    if items.isEmpty { lines.append(title == nil ? "(none)" : "  (none)") }
    let indent = title == nil ? "" : "  "
    for item in items {
      if let line = oneLine(item) ?? scalar(item) {
        lines.append(indent + "- " + line)
      } else {
        let nested = outlineLines(item, indent: indent + "  ")
        guard let first = nested.first else { continue }
        lines.append(indent + "- " + first.dropFirst(indent.count + 2))
        lines += nested.dropFirst()
      }
    }
    return lines.joined(separator: "\n")
  }

  // MARK: Outline

  /// `value` as indented `key: value` lines, without nulls or empty values.
  static func outline(_ value: JSONValue) -> String {
    let lines = outlineLines(value, indent: "")
    return lines.isEmpty ? "(nothing)" : lines.joined(separator: "\n")
  }

  private static func outlineLines(_ value: JSONValue, indent: String) -> [String] {
    if let text = scalar(value) { return [indent + text] }
    var lines: [String] = []
    if let items = value.arrayValue {
      for item in items where !isEmpty(item) {
        let nested = outlineLines(item, indent: indent + "  ")
        guard let first = nested.first else { continue }
        lines.append(indent + "- " + first.dropFirst(indent.count + 2))
        lines += nested.dropFirst()
      }
      return lines
    }
    for (key, member) in (value.objectValue ?? [:]).sorted(by: { $0.key < $1.key })
    where !isEmpty(member) {
      if let text = scalar(member) {
        lines.append("\(indent)\(key): \(text)")
      } else {
        lines.append("\(indent)\(key):")
        lines += outlineLines(member, indent: indent + "  ")
      }
    }
    return lines
  }

  /// A nested value on one line (`key=value, ...`), for list entries of unknown shape.
  static func flat(_ value: JSONValue) -> String {
    if let text = scalar(value) { return text }
    let object = value.objectValue ?? [:]
    return object.keys.sorted().compactMap { key in
      guard let member = object[key], !isEmpty(member) else { return nil }
      return "\(key)=\(scalar(member) ?? "…")"
    }.joined(separator: ", ")
  }

  private static func isEmpty(_ value: JSONValue) -> Bool {
    switch value {
    case .null: true
    case .array(let items): items.isEmpty
    case .object(let members): members.isEmpty
    default: false
    }
  }

  private static func scalar(_ value: JSONValue) -> String? {
    switch value {
    case .string(let text): text
    case .number(let number): "\(number)"
    case .bool(let flag): flag ? "yes" : "no"
    default: nil
    }
  }

  private static func number(_ value: JSONValue?) -> String {
    value.flatMap(scalar) ?? "0"
  }

  private static func limit(_ value: JSONValue?) -> String {
    guard let limit = value?.intValue, limit > 0 else { return "unlimited" }
    return "\(limit)"
  }
}
