import Foundation
import TalonAPI

/// The props today's generation requires on loyalty effects and the 2020 catalogue lacks:
/// `transactionUUID` on `addLoyaltyPoints`, `deductLoyaltyPoints` and their rollbacks, and
/// `name` on `deductLoyaltyPoints` (docs/behaviour.md, "Integration API (today's generation)").
extension OperationContext {
  /// The effects of a v2 answer: the 2020 props plus today's, each transaction identified by
  /// the event that produced it and the effect's position in it.
  func todaysEffects(_ effects: [Effect], eventId: Int) -> [Effect] {
    effects.enumerated().map { index, effect in
      guard Self.ledgerEffectTypes.contains(effect.effectType),
        case .object(var props) = effect.props
      else { return effect }
      props["transactionUUID"] = .string(
        Self.transactionUUID(application: applicationId, event: eventId, effect: index))
      if effect.effectType == "deductLoyaltyPoints", props["name"] == nil {
        props["name"] = props["ruleTitle"] ?? .string("")
      }
      var shown = effect
      shown.props = .object(props)
      return shown
    }
  }

  /// The effects that write the ledger, each with a transaction identifier.
  static let ledgerEffectTypes: Set = [
    "addLoyaltyPoints", "deductLoyaltyPoints", "rollbackAddedLoyaltyPoints",
    "rollbackDeductedLoyaltyPoints",
  ]

  /// A UUID (RFC 9562 version 8, name-based) from the application, the event and the effect's
  /// position: the same requests in the same order give the same identifiers.
  static func transactionUUID(application: Int, event: Int, effect: Int) -> String {
    let name = Array("\(application)/\(event)/\(effect)".utf8)
    func fnv1a(_ basis: UInt64) -> UInt64 {
      name.reduce(basis) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
    let high = (fnv1a(0xcbf2_9ce4_8422_2325) & ~0xf000) | 0x8000
    let low = (fnv1a(0x8422_2325_cbf2_9ce4) & ~(0b11 << 62)) | (0b10 << 62)
    let hex = String(format: "%016llx%016llx", high, low)
    let digits = Array(hex)
    return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }
      .joined(separator: "-")
  }
}
