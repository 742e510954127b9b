import Foundation
import TalonAPI
import TalonScript

/// The one-line result shown after each statement: what happened and the key effects, e.g.
/// `200 updateCustomerSessionV2 s1: acceptCoupon SUMMER10, setDiscount 4.5`.
///
/// Decided here: effects read from v2 `effects` or the v1 `event.effects` positional arrays,
/// named by type with their most telling prop; at most `effectLimit` are listed, then `+N more`.
enum ResultLine {
  static let effectLimit = 6

  /// The line for a result (without the duration).
  static func text(for result: StatementResult) -> String {
    switch result.kind {
    case .api(let record):
      var line = "\(record.status) \(record.operation.operationId)"
      if let parameter = record.pathParameter { line += " \(parameter)" }
      let details = apiDetails(result.value)
      return details.isEmpty ? line : line + ": " + details
    case .value:
      return "= " + clipped(ValueDisplay.compact(result.value))
    case .assignment(let name):
      if let record = result.apiCalls.last {
        let details = apiDetails(result.value)
        return "$\(name) = \(record.status) \(record.operation.operationId)"
          + (details.isEmpty ? "" : ": " + details)
      }
      return "$\(name) = " + clipped(ValueDisplay.compact(result.value))
    case .expectation:
      // A passing `expect error` has the error as its value: show what the API answered.
      if let status = result.value["status"]?.intValue,
        let message = result.value["message"]?.stringValue
      {
        return clipped("ok, got \(status): \(message)")
      }
      return "ok"
    case .output(let text):
      return clipped(
        text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "")
    case .none:
      let calls = result.nested.reduce(result.apiCalls.count) { $0 + $1.apiCalls.count }
      if result.nested.isEmpty && calls == 0 { return "done" }
      return "done (\(RunReport.count(result.nested.count, "statement")), "
        + "\(RunReport.count(calls, "API call")))"
    case .exit(let code):
      return "exit \(code)"
    }
  }

  /// Key facts of an API result: its effects, or what the result is about.
  static func apiDetails(_ value: JSONValue) -> String {
    if let effects = value["effects"]?.arrayValue {
      return effectList(effects.map(v2Effect))
    }
    if let event = value["event"], let effects = event["effects"]?.arrayValue {
      var parts: [String] = []
      if let type = event["type"]?.stringValue { parts.append(type) }
      let list = effectList(effects.map(v1Effect))
      if !effects.isEmpty { parts.append(list) }
      return parts.joined(separator: "; ")
    }
    if let total = value["totalResultSize"]?.intValue {
      let items = value["data"]?.arrayValue ?? []
      let names = items.compactMap { $0["value"]?.stringValue ?? $0["integrationId"]?.stringValue }
      return RunReport.count(total, "result")
        + (names.isEmpty ? "" : " (" + names.joined(separator: ", ") + ")")
    }
    if let code = value["code"]?.stringValue { return "referral \(code)" }
    if let code = value["value"]?.stringValue { return "coupon \(code)" }
    if value["profile"] != nil || value["referrals"] != nil || value["coupons"] != nil {
      var parts: [String] = []
      if let profile = value["profile"]?["integrationId"]?.stringValue {
        parts.append("profile \(profile)")
      }
      if let referrals = value["referrals"]?.arrayValue {
        parts.append(RunReport.count(referrals.count, "referral"))
      }
      if let coupons = value["coupons"]?.arrayValue {
        parts.append(RunReport.count(coupons.count, "coupon"))
      }
      return parts.joined(separator: ", ")
    }
    return value.isNull ? "" : clipped(ValueDisplay.compact(value))
  }

  static func effectList(_ effects: [String]) -> String {
    if effects.isEmpty { return "no effects" }
    var shown = effects.prefix(effectLimit).joined(separator: ", ")
    if effects.count > effectLimit { shown += ", +\(effects.count - effectLimit) more" }
    return shown
  }

  /// `setDiscount 4.5`, `acceptCoupon SUMMER10`, `rejectCoupon FLASH3 (CouponLimitReached)`.
  static func v2Effect(_ effect: JSONValue) -> String {
    let type = effect["effectType"]?.stringValue ?? "effect"
    return describe(type: type, props: effect["props"] ?? .null)
  }

  /// The same from a v1 `[campaignId, rulesetId, ruleIndex, [type, args...]]` array.
  static func v1Effect(_ effect: JSONValue) -> String {
    guard let call = effect[3]?.arrayValue, let type = call.first?.stringValue else {
      return clipped(ValueDisplay.compact(effect))
    }
    let arguments = call.dropFirst().map { ValueDisplay.plain($0) }
    return ([type] + arguments.prefix(2)).joined(separator: " ")
  }

  static func describe(type: String, props: JSONValue) -> String {
    func prop(_ key: String) -> String? { props[key].map(ValueDisplay.plain) }
    let detail: String?
    switch type {
    case "setDiscount", "rollbackDiscount":
      detail = [prop("name").map { "\"\($0)\"" }, prop("value")].compactMap { $0 }.joined(
        separator: " ")
    case "setDiscountPerItem":
      detail = [prop("value"), prop("position").map { "@\($0)" }].compactMap { $0 }.joined(
        separator: " ")
    case "rejectCoupon", "rejectReferral":
      detail = [prop("value"), prop("rejectionReason").map { "(\($0))" }].compactMap { $0 }.joined(
        separator: " ")
    case "addLoyaltyPoints":
      detail = [prop("value"), prop("recipientIntegrationId").map { "-> \($0)" }].compactMap { $0 }
        .joined(separator: " ")
    case "addFreeItem": detail = prop("sku")
    case "showNotification": detail = prop("title")
    case "updateAttribute":
      detail = [prop("path"), prop("value")].compactMap { $0 }.joined(separator: "=")
    case "triggerWebhook": detail = prop("webhookName")
    case "error": detail = prop("message")
    default: detail = prop("value")
    }
    guard let detail, !detail.isEmpty else { return type }
    return type + " " + detail
  }

  static func clipped(_ text: String, limit: Int = 100) -> String {
    text.count > limit ? String(text.prefix(limit - 3)) + "..." : text
  }
}

/// Value texts for the runner's lines: strings bare, anything else compact JSON.
enum ValueDisplay {
  static func plain(_ value: JSONValue) -> String {
    if case .string(let text) = value { return text }
    return compact(value)
  }

  static func compact(_ value: JSONValue) -> String {
    value.jsonText
  }
}
