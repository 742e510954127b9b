import Foundation
import TalonAPI
import TalonRendering
import TalonScript

/// The `--report json=FILE` document, for tools: the run's counts and exit status, then each
/// file with its failures and every statement it ran (location, depth, status, one-line
/// result, and for session and event answers the receipt: items, discounts, free items,
/// totals, points, effects in words). Keys are sorted; amounts are JSON numbers.
package enum JSONReport {
  package static func document(for report: RunReport) -> String {
    let root: JSONValue = [
      "exitCode": .number(Decimal(Int(report.exitCode))),
      "interrupted": .bool(report.interrupted),
      "passed": .bool(report.files.allSatisfy(\.passed) && !report.interrupted),
      "seconds": .number(seconds(report.seconds)),
      "statements": .number(Decimal(report.statements)),
      "expectationsPassed": .number(Decimal(report.expectationsPassed)),
      "expectationsFailed": .number(Decimal(report.expectationsFailed)),
      "files": .array(report.files.map(file)),
    ]
    return JSONTextWriter(layout: .indented).text(root) + "\n"
  }

  static func file(_ outcome: FileOutcome) -> JSONValue {
    .object([
      "file": .string(outcome.file),
      "backend": .string(outcome.backend),
      "ran": .bool(outcome.ran),
      "passed": .bool(outcome.ran && outcome.passed),
      "interrupted": .bool(outcome.interrupted),
      "exitCode": .number(Decimal(Int(outcome.exitCode))),
      "statements": .number(Decimal(outcome.statements)),
      "expectationsPassed": .number(Decimal(outcome.expectationsPassed)),
      "expectationsFailed": .number(Decimal(outcome.expectationsFailed)),
      "seconds": .number(seconds(outcome.seconds)),
      "failures": .array(outcome.failures.map(failure)),
      "steps": .array(outcome.steps.map(step)),
    ])
  }

  static func failure(_ error: ScriptError) -> JSONValue {
    var object: [String: JSONValue] = [
      "kind": .string(error.kind.rawValue), "message": .string(error.message),
      "report": .string(error.rendered),
    ]
    if let location = error.location { object["location"] = self.location(location) }
    return .object(object)
  }

  static func step(_ record: StepRecord) -> JSONValue {
    var object: [String: JSONValue] = [
      "location": location(record.location), "depth": .number(Decimal(record.depth)),
      "text": .string(record.text), "status": .string(record.status.rawValue),
      "summary": .string(record.summary),
    ]
    if let receipt = record.receipt { object["receipt"] = self.receipt(receipt) }
    return .object(object)
  }

  static func receipt(_ receipt: Receipt) -> JSONValue {
    var object: [String: JSONValue] = [
      "title": .string(receipt.title),
      "items": .array(
        receipt.items.map { item in
          [
            "sku": .string(item.sku), "name": .string(item.name),
            "quantity": .number(item.quantity), "price": .number(item.price),
            "discounts": .array(item.discounts.map(adjustment)),
          ]
        }),
      "discounts": .array(receipt.discounts.map(adjustment)),
      "freeItems": .array(
        receipt.freeItems.map { ["sku": .string($0.sku), "name": .string($0.name)] }),
      "points": .array(receipt.points.map(JSONValue.string)),
      "effects": .array(
        receipt.effects.map {
          ["label": .string($0.label), "text": .string($0.text), "refusal": .bool($0.isRefusal)]
        }),
    ]
    if !receipt.balances.isEmpty {
      object["balances"] = .array(
        receipt.balances.map {
          [
            "program": .string($0.program), "before": .number($0.before),
            "after": .number($0.after),
          ]
        })
    }
    if let before = receipt.totalBefore { object["totalBeforeDiscounts"] = .number(before) }
    if let after = receipt.totalAfter { object["totalAfterDiscounts"] = .number(after) }
    return .object(object)
  }

  static func adjustment(_ adjustment: Receipt.Adjustment) -> JSONValue {
    ["name": .string(adjustment.name), "amount": .number(adjustment.amount)]
  }

  static func location(_ location: ScriptLocation) -> JSONValue {
    [
      "file": .string(location.file), "line": .number(Decimal(location.line)),
      "column": .number(Decimal(location.column)),
    ]
  }

  /// Seconds to the millisecond, exactly.
  static func seconds(_ value: Double) -> Decimal { Decimal(Int((value * 1000).rounded())) / 1000 }
}
