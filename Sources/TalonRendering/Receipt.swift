import Foundation
import TalonAPI

/// A session or event answer as a shop receipt: the cart's items with the discounts each got
/// (naming the SKU), the discounts on the whole cart, the free items, the totals before and
/// after discounts, the loyalty points, and every effect in words. One value built from an
/// answer, drawn as text (``text(color:)``) or as an HTML fragment (``html``); `talon run`'s
/// HTML report shows it, and the shell's views may.
///
/// Reads both answer shapes, like the summary view: v2 (`customerSession.cartItems`, `effects`
/// as objects) and v1 (`session.cartItems`, `event.effects` as positional arrays). Decisions:
/// the total before discounts is the session's `total`, the total after it minus the
/// `setDiscount` and `setDiscountPerItem` values; a per-item discount whose position is not in
/// the cart is listed with the cart's discounts (`on item N`); free items cost nothing; codes in
/// `createdCoupons` and `createdReferrals` that no effect names are listed as effects. When the
/// answer carries `loyalty` (`content=[..., loyalty]`), each program's balance shows after the
/// answer (its `tentativeCurrentBalance`, else `currentBalance`) and before it (that balance
/// less the points this answer's effects add and deduct) (`docs/behaviour.md`, "Receipts").
package struct Receipt: Sendable, Equatable {
  /// One line of the cart and the discounts it got.
  package struct Item: Sendable, Equatable {
    package var sku: String
    package var name: String
    package var quantity: Decimal
    package var price: Decimal
    package var discounts: [Adjustment] = []
    /// Price times quantity.
    package var amount: Decimal { price * quantity }
  }

  /// A named amount: a discount (`Coupon SUMMER10`, 9).
  package struct Adjustment: Sendable, Equatable {
    package var name: String
    package var amount: Decimal
  }

  /// An item the rules added for free.
  package struct FreeItem: Sendable, Equatable {
    package var sku: String
    package var name: String
  }

  /// A loyalty program's balance before and after the answer.
  package struct Balance: Sendable, Equatable {
    package var program: String
    package var before: Decimal
    package var after: Decimal
  }

  /// An effect in words: `coupon` / `SUMMER10 accepted`.
  package struct Effect: Sendable, Equatable {
    package var label: String
    package var text: String
    /// A rejected code or an error.
    package var isRefusal: Bool
  }

  /// `session s1 (profile alice, open)`, `event newsletter_signup`.
  package var title: String
  package var items: [Item]
  /// Discounts on the whole cart.
  package var discounts: [Adjustment]
  /// Free items the rules added.
  package var freeItems: [FreeItem]
  /// Loyalty points added or deducted, in words (`+90 points to alice (Earn, program 1)`).
  package var points: [String]
  /// Every effect, in words, in the answer's order.
  package var effects: [Effect]
  /// Loyalty balances before and after, when the answer carries `loyalty`.
  package var balances: [Balance] = []
  /// The session's total before discounts, when the answer has a session.
  package var totalBefore: Decimal?

  /// The sum of every discount, per item and on the cart.
  package var discountTotal: Decimal {
    discounts.reduce(0) { $0 + $1.amount }
      + items.reduce(0) { sum, item in sum + item.discounts.reduce(0) { $0 + $1.amount } }
  }

  /// The total after discounts.
  package var totalAfter: Decimal? { totalBefore.map { $0 - discountTotal } }

  /// The receipt of an answer, or nil when it has neither effects nor a session (a profile
  /// update without effects, an inventory).
  package init?(_ value: JSONValue) {
    let session: JSONValue?
    let typedEffects: [(type: String, props: JSONValue)]
    if let effects = value["effects"]?.arrayValue {
      session = value["customerSession"]
      typedEffects = effects.map {
        ($0["effectType"]?.stringValue ?? "effect", $0["props"] ?? .null)
      }
    } else if let event = value["event"], let effects = event["effects"]?.arrayValue {
      // A v1 answer without a session has one with an empty id.
      let v1Session = value["session"]
      let hasSession = !(v1Session?["integrationId"]?.stringValue ?? "").isEmpty
      session = hasSession ? v1Session : Optional<JSONValue>.none
      typedEffects = effects.compactMap { effect in
        EffectLine.v1Type(effect).map { ($0, EffectLine.v1Props(effect, meta: event["meta"])) }
      }
    } else if let customerSession = value["customerSession"] {
      session = customerSession
      typedEffects = []
    } else {
      return nil
    }
    title = ResultSummary(value)?.title ?? "session"
    items = (session?["cartItems"]?.arrayValue ?? []).map { item in
      Item(
        sku: item["sku"]?.stringValue ?? "", name: item["name"]?.stringValue ?? "",
        quantity: item["quantity"]?.numberValue ?? 1, price: item["price"]?.numberValue ?? 0)
    }
    discounts = []
    freeItems = []
    points = []
    effects = []
    totalBefore = session?["total"]?.numberValue
    let cartItems = session?["cartItems"]?.arrayValue ?? []
    var named = Set<String>()
    var pointsByProgram: [String: Decimal] = [:]
    for (type, props) in typedEffects {
      let words = EffectLine(type: type, props: props, cartItems: cartItems)
      if type == "couponCreated" || type == "referralCreated",
        let code = props["value"]?.stringValue
      {
        named.insert(code)
      }
      if let program = props["programId"]?.numberValue, let value = props["value"]?.numberValue {
        if type == "addLoyaltyPoints" { pointsByProgram["\(program)", default: 0] += value }
        if type == "deductLoyaltyPoints" { pointsByProgram["\(program)", default: 0] -= value }
      }
      effects.append(Effect(label: words.label, text: words.text, isRefusal: words.isRefusal))
      switch EffectProps(effectType: type, props: props) {
      case .setDiscount(let name, let value)?:
        discounts.append(Adjustment(name: name, amount: value))
      case .setDiscountPerItem(let name, let value, let position)?:
        if items.indices.contains(position) {
          items[position].discounts.append(Adjustment(name: name, amount: value))
        } else {
          discounts.append(Adjustment(name: "\(name) on item \(position)", amount: value))
        }
      case .addFreeItem(let sku, let name)?:
        freeItems.append(FreeItem(sku: sku, name: name))
      case .addLoyaltyPoints?, .deductLoyaltyPoints?:
        points.append(words.text)
      default: break
      }
    }
    for coupon in value["createdCoupons"]?.arrayValue ?? [] {
      guard let code = coupon["value"]?.stringValue, !named.contains(code) else { continue }
      let owner = coupon["recipientIntegrationId"]?.stringValue ?? ""
      effects.append(
        Effect(
          label: "new coupon", text: owner.isEmpty ? code : "\(code) for \(owner)",
          isRefusal: false))
    }
    for referral in value["createdReferrals"]?.arrayValue ?? [] {
      guard let code = referral["code"]?.stringValue, !named.contains(code) else { continue }
      effects.append(Effect(label: "new referral", text: code, isRefusal: false))
    }
    let programs = (value["loyalty"]?["programs"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
    for (id, program) in programs {
      let ledger = program["ledger"]
      guard
        let after = ledger?["tentativeCurrentBalance"]?.numberValue
          ?? ledger?["currentBalance"]?.numberValue
      else { continue }
      let name = program["title"]?.stringValue ?? program["name"]?.stringValue ?? "program \(id)"
      balances.append(
        Balance(program: name, before: after - (pointsByProgram[id] ?? 0), after: after))
    }
    if session == nil && effects.isEmpty && balances.isEmpty { return nil }
  }

  // MARK: Text

  /// The receipt as aligned text lines, no wider than `width` when it is given: long item
  /// lines are cut (`…`), effect lines wrapped under their text.
  package func text(color: Bool = false, width: Int? = nil) -> String {
    var rows: [(String, String)] = []
    for item in items {
      rows.append(
        (
          "\(item.sku)  \(item.name)  \(Self.number(item.quantity)) x \(Money.text(item.price))",
          Money.text(item.amount)
        ))
      for discount in item.discounts {
        rows.append(("    \(discount.name) (\(item.sku))", "-" + Money.text(discount.amount)))
      }
    }
    for free in freeItems {
      rows.append(("\(free.sku)  \(free.name)  free", Money.text(0)))
    }
    if let totalBefore {
      rows.append(("total before discounts", Money.text(totalBefore)))
    }
    for discount in discounts {
      rows.append(("  \(discount.name)", "-" + Money.text(discount.amount)))
    }
    if let totalAfter {
      rows.append(("total after discounts", Money.text(totalAfter)))
    }
    let amountWidth = rows.map(\.1.count).max() ?? 0
    var labelWidth = (rows.map(\.0.count).max() ?? 0) + 2
    if let width { labelWidth = max(12, min(labelWidth, width - 2 - amountWidth)) }
    var lines = [ANSIStyle.bold.apply(title, enabled: color)]
    for (label, amount) in rows {
      var label = label
      if label.count > labelWidth - 2 { label = String(label.prefix(labelWidth - 3)) + "…" }
      lines.append(
        "  " + label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
          + String(repeating: " ", count: amountWidth - amount.count) + amount)
    }
    var words: [(label: String, text: String, style: ANSIStyle)] = points.map {
      ("loyalty", $0, .cyan)
    }
    for balance in balances {
      let text =
        "\(balance.program): \(Self.number(balance.before)) before, "
        + "\(Self.number(balance.after)) after"
      words.append(("points", text, .cyan))
    }
    for effect in effects where !Self.isOnTheReceipt(effect) {
      words.append((effect.label, effect.text, effect.isRefusal ? .red : .cyan))
    }
    if rows.isEmpty && words.isEmpty { lines.append("  no effects") }
    for (label, text, style) in words {
      let indent = 3 + label.count
      let wrapped = Self.wrap(text, width: width.map { max(20, $0 - indent) })
      for (index, piece) in wrapped.enumerated() {
        lines.append(
          index == 0
            ? "  " + style.apply(label, enabled: color) + " " + piece
            : String(repeating: " ", count: indent) + piece)
      }
    }
    return lines.joined(separator: "\n")
  }

  /// `text` in lines of at most `width` characters, broken at spaces (a longer word stays
  /// whole); one line when `width` is nil.
  static func wrap(_ text: String, width: Int?) -> [String] {
    guard let width, text.count > width else { return [text] }
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = String(word)
      } else {
        line += (line.isEmpty ? "" : " ") + word
      }
    }
    lines.append(line)
    return lines
  }

  /// Discounts, free items and points already show as receipt lines.
  static func isOnTheReceipt(_ effect: Effect) -> Bool {
    ["discount", "free item", "loyalty"].contains(effect.label) && !effect.isRefusal
      && !effect.text.contains("rolled back")
  }

  // MARK: HTML

  /// The receipt as an HTML fragment (a `<div class="receipt">` holding a table and a list of
  /// effects), styled by the classes ``HTMLText/receiptStyle`` defines.
  package var html: String {
    var html = #"<div class="receipt"><div class="receipt-title">"#
    html += HTMLText.escape(title) + "</div>\n<table>\n"
    if !items.isEmpty {
      html += "<tr><th>SKU</th><th>item</th><th class=\"num\">qty</th>"
      html += "<th class=\"num\">price</th><th class=\"num\">amount</th></tr>\n"
    }
    for item in items {
      html += "<tr><td class=\"sku\">\(HTMLText.escape(item.sku))</td>"
      html += "<td>\(HTMLText.escape(item.name))</td>"
      html += "<td class=\"num\">\(Self.number(item.quantity))</td>"
      html += "<td class=\"num\">\(Money.text(item.price))</td>"
      html += "<td class=\"num\">\(Money.text(item.amount))</td></tr>\n"
      for discount in item.discounts {
        html += "<tr class=\"discount\"><td></td><td colspan=\"3\">"
        html += "\(HTMLText.escape(discount.name)) on \(HTMLText.escape(item.sku))</td>"
        html += "<td class=\"num\">-\(Money.text(discount.amount))</td></tr>\n"
      }
    }
    for free in freeItems {
      html += "<tr class=\"free\"><td class=\"sku\">\(HTMLText.escape(free.sku))</td>"
      html += "<td colspan=\"3\">\(HTMLText.escape(free.name)) (free item)</td>"
      html += "<td class=\"num\">\(Money.text(0))</td></tr>\n"
    }
    if let totalBefore {
      html += "<tr class=\"total\"><td colspan=\"4\">total before discounts</td>"
      html += "<td class=\"num\">\(Money.text(totalBefore))</td></tr>\n"
    }
    for discount in discounts {
      html += "<tr class=\"discount\"><td></td><td colspan=\"3\">"
      html += "\(HTMLText.escape(discount.name))</td>"
      html += "<td class=\"num\">-\(Money.text(discount.amount))</td></tr>\n"
    }
    if let totalAfter {
      html += "<tr class=\"total after\"><td colspan=\"4\">total after discounts</td>"
      html += "<td class=\"num\">\(Money.text(totalAfter))</td></tr>\n"
    }
    for point in points {
      html +=
        "<tr class=\"points\"><td colspan=\"5\">loyalty: \(HTMLText.escape(point))</td></tr>\n"
    }
    for balance in balances {
      html += "<tr class=\"balance\"><td colspan=\"3\">\(HTMLText.escape(balance.program))</td>"
      html += "<td class=\"num\">\(Self.number(balance.before)) before</td>"
      html += "<td class=\"num\">\(Self.number(balance.after)) after</td></tr>\n"
    }
    html += "</table>\n"
    if !effects.isEmpty {
      html += "<ul class=\"effects\">\n"
      for effect in effects {
        let kind = effect.isRefusal ? " class=\"refusal\"" : ""
        html += "<li\(kind)><span class=\"label\">\(HTMLText.escape(effect.label))</span> "
        html += HTMLText.escape(effect.text) + "</li>\n"
      }
      html += "</ul>\n"
    } else {
      html += "<p class=\"no-effects\">no effects</p>\n"
    }
    return html + "</div>\n"
  }

  /// `1`, `2.5`.
  static func number(_ value: Decimal) -> String { value.description }
}

/// Text made safe for HTML, and the styles of the receipt.
package enum HTMLText {
  /// `&`, `<`, `>`, `"` and `'` as character references.
  package static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  /// The CSS of ``Receipt/html``, to put in the page's `<style>`.
  package static let receiptStyle = """
    .receipt { display: block; width: fit-content; min-width: 26em; margin: .4em 0 .6em 2.5em;
      padding: .6em .9em; background: #fffdf5; border: 1px dashed #b9ad8c;
      font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
    .receipt-title { font-weight: bold; margin-bottom: .3em; }
    .receipt table { border-collapse: collapse; width: 100%; }
    .receipt th { text-align: left; font-weight: normal; color: #6b6453;
      border-bottom: 1px solid #d8cfb4; }
    .receipt td, .receipt th { padding: .1em .5em .1em 0; }
    .receipt .num { text-align: right; }
    .receipt .discount td { color: #1d6b2f; }
    .receipt .free td { color: #1d4f8b; }
    .receipt .total td { border-top: 1px solid #d8cfb4; font-weight: bold; }
    .receipt .points td, .receipt .balance td { color: #7a4d00; }
    .receipt ul.effects { margin: .4em 0 0 0; padding-left: 1.2em; }
    .receipt li.refusal { color: #a1261b; }
    .receipt .label { color: #6b6453; }
    """
}
