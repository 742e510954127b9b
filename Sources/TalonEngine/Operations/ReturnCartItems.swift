import Foundation
import TalonAPI

/// ReturnCartItems: units of a closed session's cart given back, with the rollbacks they bring
/// (`docs/behaviour.md`, "Session lifecycle").
extension OperationContext {
  /// Checks the return against what remains of the cart, books it on the session (state
  /// `partially_returned`), takes back the returned share of the points the close added and
  /// rolls back the per-item discounts of the returned units. Coupon and referral usage,
  /// counters and deducted points stay as the close left them.
  func returnCartItems(id: String, body: ReturnIntegrationRequest) throws -> IntegrationStateV2 {
    var session = try storedSession(id)
    guard session.state == .closed || session.state == .partiallyReturned else {
      throw IntegrationError.badRequest(
        "session \(id) is \(session.state.rawValue): only a closed or partially returned session"
          + " can return items", title: "state", parameter: "customerSessionId")
    }
    let content = try Self.checkedReturnContent(body.responseContent)
    let before = session.returnedQuantities
    let items = try Self.resolve(
      body.return.returnedCartItems, cart: session.cartItems, returned: before)
    var after = before
    for item in items { after[item.position, default: 0] += item.quantity }

    var effects: [Effect] = []
    var points: [(profile: String, program: Int, amount: Int)] = []
    var profile = session.profileId.isEmpty ? nil : try profileOrNew(session.profileId)
    var value = Decimal(0)
    for item in items { value += session.cartItems[item.position].price * Decimal(item.quantity) }
    if var commitment = session.commitment {
      for effect in commitment.effects {
        let props: JSONValue
        switch effect.typedProps {
        case .addLoyaltyPoints(_, let program, let subLedger, let added, let recipient, _):
          let taken =
            Self.pointsTakenBack(of: added, session: session, returned: after)
            - Self.pointsTakenBack(of: added, session: session, returned: before)
          guard taken > 0 else { continue }
          points.append((recipient, program, NSDecimalNumber(decimal: taken).intValue))
          props =
            EffectProps.rollbackAddedLoyaltyPoints(
              programId: program, subLedgerId: subLedger, value: taken,
              recipientIntegrationId: recipient
            ).json
        case .setDiscountPerItem(let name, let amount, let position):
          guard let back = after[position], back != before[position] else { continue }
          let share =
            Self.itemShare(of: amount, position: position, session: session, returned: back)
            - Self.itemShare(
              of: amount, position: position, session: session, returned: before[position] ?? 0)
          guard share > 0 else { continue }
          var object =
            EffectProps.rollbackDiscount(name: name, value: share).json.objectValue ?? [:]
          object["cartItemPosition"] = .number(Decimal(position))
          props = .object(object)
        default: continue
        }
        effects.append(
          Effect(
            campaignId: effect.campaignId, rulesetId: effect.rulesetId,
            ruleIndex: effect.ruleIndex, ruleName: effect.ruleName,
            effectType: Self.rollbackType(of: effect), props: props))
      }
      if commitment.countedSession {
        commitment.totalSales -= value
        profile?.totalSales -= value
      }
      session.commitment = commitment
    }

    profile?.lastActivity = now
    let event = try store.insert(
      event(
        type: "talon_cart_items_returned", profileId: session.profileId, sessionId: id,
        effects: effects))
    for entry in points {
      _ = try store.insertLedger(
        profile: entry.profile, program: entry.program, session: id, event: event.id,
        amount: -entry.amount, reason: "return", now: now)
    }
    let stored = StoredReturn(
      id: event.id, created: now, eventId: event.id,
      items: items.map {
        StoredReturn.Item(
          position: $0.position, quantity: $0.quantity, sku: session.cartItems[$0.position].sku)
      })
    session.returns = (session.returns ?? []) + [stored]
    session.state = .partiallyReturned
    if let profile { try store.save(profile) }
    try store.save(session)

    var outcome = SessionOutcome(session: session, profile: profile, event: event, effects: effects)
    outcome.sessionReturn = try wire(stored, of: session)
    if content.contains(.loyalty), let profile, !pack.loyaltyPrograms.isEmpty {
      outcome.loyalty = try loyalty(of: profile.integrationId)
    }
    try complete(&outcome, triggered: [], content: content)
    return try integrationStateV2(outcome, content: content)
  }

  private static func rollbackType(of effect: Effect) -> String {
    effect.effectType == "addLoyaltyPoints" ? "rollbackAddedLoyaltyPoints" : "rollbackDiscount"
  }

  /// What a return's `responseContent` may name (today's reference).
  static let returnResponseContent: [ResponseContent] = [
    .customerSession, .customerProfile, .coupons, .triggeredCampaigns, .referral, .loyalty,
    .event, .previousReturns,
  ]

  /// The `responseContent` values of a return as a set; any other is a 400 naming its pointer.
  static func checkedReturnContent(_ values: [ResponseContent]?) throws -> Set<ResponseContent> {
    for (index, content) in (values ?? []).enumerated()
    where !returnResponseContent.contains(content) {
      let allowed = returnResponseContent.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
      throw IntegrationError.badRequest(
        "responseContent must be one of the following: \(allowed)", title: "enum",
        pointer: "/responseContent/\(index)")
    }
    return Set(values ?? [])
  }

  /// One checked line of a return: a cart position and a number of units.
  struct ReturnLine {
    var position: Int
    var quantity: Int
  }

  /// The requested items as positions and quantities, checked against the cart and what
  /// earlier returns (and earlier lines of the same request) gave back. An item without a
  /// position is the first line of its SKU with units left; without a quantity, every unit
  /// left. Problems are 400s with the JSON pointer of the field.
  static func resolve(_ requested: [ReturnedCartItem], cart: [CartItem], returned: [Int: Int])
    throws -> [ReturnLine]
  {
    guard !requested.isEmpty else {
      throw IntegrationError.badRequest(
        "return.returnedCartItems must list at least one item", title: "required",
        pointer: "/return/returnedCartItems")
    }
    var taken = returned
    var lines: [ReturnLine] = []
    for (index, item) in requested.enumerated() {
      let pointer = "/return/returnedCartItems/\(index)"
      func left(_ position: Int) -> Int { cart[position].quantity - taken[position, default: 0] }
      let position: Int
      if let given = item.position {
        guard cart.indices.contains(given) else {
          throw IntegrationError.badRequest(
            "the session's cart has no item at position \(given) (it has \(cart.count))",
            title: "not found", pointer: pointer + "/position")
        }
        if let sku = item.sku, sku != cart[given].sku {
          throw IntegrationError.badRequest(
            "the cart item at position \(given) has SKU \(cart[given].sku), not \(sku)",
            title: "not found", pointer: pointer + "/sku")
        }
        position = given
      } else if let sku = item.sku {
        guard let found = cart.indices.first(where: { cart[$0].sku == sku && left($0) > 0 }) else {
          throw IntegrationError.badRequest(
            "the session's cart has no unit of SKU \(sku) left to return", title: "not found",
            pointer: pointer + "/sku")
        }
        position = found
      } else {
        throw IntegrationError.badRequest(
          "a returned item needs its position or its SKU", title: "required",
          pointer: pointer + "/position")
      }
      let remaining = left(position)
      let quantity = item.quantity ?? remaining
      guard quantity >= 1 else {
        throw IntegrationError.badRequest(
          remaining == 0 && item.quantity == nil
            ? "every unit of the cart item at position \(position) was returned already"
            : "quantity must be at least 1", title: "minimum", pointer: pointer + "/quantity")
      }
      guard quantity <= remaining else {
        throw IntegrationError.badRequest(
          "only \(remaining) of the \(cart[position].quantity) units at position \(position)"
            + " (\(cart[position].sku)) are left to return, not \(quantity)", title: "maximum",
          pointer: pointer + "/quantity")
      }
      taken[position, default: 0] += quantity
      lines.append(ReturnLine(position: position, quantity: quantity))
    }
    return lines
  }
}
