import Foundation
import TalonAPI
import TalonScript

/// The one-line result `talon run` shows after each statement: what happened and the key
/// effects, e.g. `200 updateCustomerSessionV2 s1: coupon SUMMER10 accepted, discount Coupon
/// SUMMER10: -12.00`.
///
/// Decided here: effects read from v2 `effects` or the v1 `event.effects` positional arrays
/// and are worded by ``EffectLine`` (label, then text); at most `effectLimit` are listed,
/// then `+N more`.
package enum ResultLine {
  static let effectLimit = 6

  /// The line for a result (without the duration).
  package static func text(for result: StatementResult) -> String {
    switch result.kind {
    case .api(let record):
      var line = "\(record.status) \(record.operation.operationId)"
      if let parameter = record.pathParameter { line += " \(parameter)" }
      let details = apiDetails(result.value)
      return details.isEmpty ? line : line + ": " + details
    case .value:
      return "= " + clipped(result.value.jsonText)
    case .assignment(let name):
      if let record = result.apiCalls.last {
        let details = apiDetails(result.value)
        return "$\(name) = \(record.status) \(record.operation.operationId)"
          + (details.isEmpty ? "" : ": " + details)
      }
      return "$\(name) = " + clipped(result.value.jsonText)
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
      return "done (\(count(result.nested.count, "statement")), "
        + "\(count(calls, "API call")))"
    case .exit(let code):
      return "exit \(code)"
    }
  }

  /// Key facts of an API result: its effects, or what the result is about.
  static func apiDetails(_ value: JSONValue) -> String {
    if let effects = value["effects"]?.arrayValue {
      // A v2 profile update's or event's answer (no session) names its event first.
      if value["customerSession"] == nil, let type = value["event"]?["type"]?.stringValue {
        return effects.isEmpty ? type : type + "; " + effectList(effects.map(v2Effect))
      }
      return effectList(effects.map(v2Effect))
    }
    if let event = value["event"], let effects = event["effects"]?.arrayValue {
      var parts: [String] = []
      if let type = event["type"]?.stringValue { parts.append(type) }
      let list = effectList(effects.map { v1Effect($0, meta: event["meta"]) })
      if !effects.isEmpty { parts.append(list) }
      return parts.joined(separator: "; ")
    }
    if let total = value["totalResultSize"]?.intValue {
      let items = value["data"]?.arrayValue ?? []
      let names = items.compactMap {
        $0["value"]?.stringValue ?? $0["code"]?.stringValue ?? $0["integrationId"]?.stringValue
      }
      return count(total, "result")
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
        parts.append(count(referrals.count, "referral"))
      }
      if let coupons = value["coupons"]?.arrayValue {
        parts.append(count(coupons.count, "coupon"))
      }
      return parts.joined(separator: ", ")
    }
    return value.isNull ? "" : clipped(value.jsonText)
  }

  static func effectList(_ effects: [String]) -> String {
    if effects.isEmpty { return "no effects" }
    var shown = effects.prefix(effectLimit).joined(separator: ", ")
    if effects.count > effectLimit { shown += ", +\(effects.count - effectLimit) more" }
    return shown
  }

  /// `coupon SUMMER10 accepted`, `discount Coupon SUMMER10: -12.00`.
  static func v2Effect(_ effect: JSONValue) -> String {
    let type = effect["effectType"]?.stringValue ?? "effect"
    return EffectLine(type: type, props: effect["props"] ?? .null).line
  }

  /// The same from a v1 `[campaignId, rulesetId, ruleIndex, [type, args...]]` array, with
  /// rejection reasons from the event's `meta`.
  static func v1Effect(_ effect: JSONValue, meta: JSONValue?) -> String {
    EffectLine(v1: effect, meta: meta)?.line ?? clipped(effect.jsonText)
  }

  /// `1 result`, `2 results`.
  package static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }

  static func clipped(_ text: String, limit: Int = 100) -> String {
    text.count > limit ? String(text.prefix(limit - 3)) + "..." : text
  }
}
