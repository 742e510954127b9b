import Foundation
import TalonAPI

/// The summary view of today's loyalty answers: a balance (GetLoyaltyBalances) as one line of
/// points by status, and a page of transactions (GetLoyaltyProgramProfileTransactions) as a
/// table, newest first. Nil for any other value.
enum LedgerSummary {
  static func text(_ value: JSONValue) -> String? {
    if let balance = value["balance"], balance["activePoints"] != nil {
      return "loyalty balance: " + points(balance)
        + subledgers(value["subledgerBalances"]?.objectValue ?? [:])
    }
    if let entries = value["data"]?.arrayValue, value["hasMore"]?.boolValue != nil,
      entries.allSatisfy({ $0["transactionUUID"] != nil && $0["type"] != nil })
    {
      return transactions(entries, more: value["hasMore"]?.boolValue == true)
    }
    return nil
  }

  private static func points(_ balance: JSONValue) -> String {
    var parts = ["\(number(balance["activePoints"])) active"]
    for (key, word) in [
      ("pendingPoints", "pending"), ("spentPoints", "spent"), ("expiredPoints", "expired"),
      ("negativePoints", "negative"),
    ] {
      let amount = balance[key]?.numberValue ?? 0
      if amount != 0 { parts.append("\(number(balance[key])) \(word)") }
    }
    return parts.joined(separator: ", ")
  }

  private static func subledgers(_ balances: [String: JSONValue]) -> String {
    balances.keys.sorted().map { "\n  subledger \($0): " + points(balances[$0] ?? .null) }
      .joined()
  }

  private static func transactions(_ entries: [JSONValue], more: Bool) -> String {
    guard !entries.isEmpty else { return "no loyalty transactions" }
    let rows = entries.map { entry -> [String] in
      let sign = entry["type"]?.stringValue == "subtraction" ? "-" : "+"
      return [
        String((entry["created"]?.stringValue ?? "").prefix(19)).replacingOccurrences(
          of: "T", with: " "),
        sign + number(entry["amount"]), entry["name"]?.stringValue ?? "",
        entry["customerSessionId"]?.stringValue ?? "-",
      ]
    }
    var widths = [4, 6, 4]
    for row in rows {
      for index in widths.indices { widths[index] = max(widths[index], row[index].count) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        index == cells.count - 1
          ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }
    let table = ([line(["WHEN", "POINTS", "RULE", "SESSION"])] + rows.map(line))
    return table.joined(separator: "\n") + (more ? "\n(more: page with skip=)" : "")
  }

  private static func number(_ value: JSONValue?) -> String {
    value?.numberValue.map { "\($0)" } ?? "0"
  }
}
