import Foundation
import TalonAPI
import TalonScript

/// `explain`'s summary: one block per campaign, a line per rule (applied, with its effects in
/// the words of ``EffectLine``, or why not) and a line per rejected code with what would
/// change it.
enum ExplanationText {
  static func text(_ explanation: Explanation, color: Bool) -> String {
    var title = "explain session \(explanation.session)"
    if !explanation.profile.isEmpty { title += " (profile \(explanation.profile))" }
    if let total = explanation.total { title += ", total \(Money.text(total))" }
    if let only = explanation.campaign {
      title += ": campaign \(only) (dry run, nothing saved)"
    } else {
      title +=
        explanation.backend == "embedded"
        ? ": every campaign of the pack (dry run, nothing saved)"
        : ": the running campaigns of the remote deployment (dry run, nothing saved)"
    }
    var lines = [ANSIStyle.bold.apply(title, enabled: color)]
    for rejection in explanation.rejections {
      lines.append(rejectionLine(rejection, indent: "  ", color: color))
    }
    if explanation.campaigns.isEmpty { lines.append("  no campaigns") }
    for campaign in explanation.campaigns {
      var head = "campaign \(campaign.id) \"\(campaign.name)\": \(campaign.state)"
      if let window = campaign.window, campaign.state != "running" { head += " (\(window))" }
      lines.append(ANSIStyle.bold.apply(head, enabled: color))
      for rule in campaign.rules {
        // People count rules from 1, as `campaign ID` lists them; the JSON keeps the wire's index.
        let name = "  rule \(rule.index + 1) \"\(rule.title)\": "
        if rule.applied {
          lines.append(name + ANSIStyle.cyan.apply("applied", enabled: color))
          for effect in rule.effects {
            let line = EffectLine(type: effect.effectType, props: effect.props)
            lines.append("      \(line.label)  \(line.text)")
          }
          if let reason = rule.reason { lines.append("      \(reason)") }
        } else if campaign.state == "running" {
          let reason = rule.reason ?? "did not apply"
          lines.append(name + ANSIStyle.red.apply("not applied", enabled: color) + ": " + reason)
        } else {
          lines.append(name + (rule.reason ?? "not evaluated"))
        }
      }
      for rejection in campaign.rejections {
        lines.append(rejectionLine(rejection, indent: "  ", color: color))
      }
    }
    return lines.joined(separator: "\n")
  }

  private static func rejectionLine(
    _ rejection: Explanation.CodeRejection, indent: String, color: Bool
  ) -> String {
    var line =
      indent + ANSIStyle.red.apply("\(rejection.kind) \(rejection.code) rejected", enabled: color)
      + " (\(rejection.reason)): \(rejection.words)"
    if let remedy = rejection.remedy { line += ": \(remedy)" }
    return line
  }
}
