import Foundation
import TalonAPI

/// The values rules read (the `AttributeCatalogue` declares them): Session, Profile, Event,
/// Application, Now, Coupon (bound by `run` when the session's coupon belongs to the campaign),
/// and Referral when the session carries a valid referral code. Cart items expose Name, Sku,
/// Quantity, Price, Category ("" when absent), Attributes ({} when absent), Position (the cart
/// index) and Weight.
extension CampaignRun {
  func baseRoots(
    validReferral: Referral?,
    totals: (total: Decimal, cartItems: Decimal, additionalCosts: Decimal)
  ) -> [String: TalangValue] {
    var items: [TalangValue] = []
    items.reserveCapacity(session.cartItems.count)
    for (index, item) in session.cartItems.enumerated() {
      var members: [String: TalangValue] = [
        "Name": .string(item.name), "Sku": .string(item.sku),
        "Quantity": .number(Decimal(item.quantity)), "Price": .number(item.price),
        "Category": .string(item.category ?? ""), "Position": .number(Decimal(index)),
        "Attributes": item.attributes.map(TalangValue.init) ?? .object([:]),
      ]
      if let weight = item.weight { members["Weight"] = .number(weight) }
      items.append(.object(members))
    }
    let sessionValue: TalangValue = .object([
      "Id": .string(session.integrationId), "Total": .number(totals.total),
      "CartItemTotal": .number(totals.cartItems),
      "AdditionalCostTotal": .number(totals.additionalCosts), "CartItems": .list(items),
      "CouponCode": .string(""), "ReferralCode": .string(session.referralCode),
      "Attributes": .object(session.attributes.mapValues(TalangValue.init)),
      "State": .string(session.state.rawValue),
      "Identifiers": .list((session.identifiers ?? []).map(TalangValue.string)),
      "FirstSession": .bool(session.firstSession),
    ])
    var balanceMembers: [String: TalangValue] = [:]
    for program in pack.loyaltyPrograms {
      balanceMembers[String(program.id)] = .number(Decimal(balances[program.id] ?? 0))
    }
    let profileValue: TalangValue = .object([
      "Id": .string(profileId),
      "Attributes": .object((profile?.attributes ?? [:]).mapValues(TalangValue.init)),
      "ClosedSessions": .number(Decimal(profile?.closedSessions ?? 0)),
      "TotalSales": .number(profile?.totalSales ?? 0),
      "LoyaltyBalances": .object(balanceMembers),
    ])
    var roots: [String: TalangValue] = [
      "Session": sessionValue, "Profile": profileValue,
      "Event": .object(["Type": .string(eventType), "Attributes": TalangValue(eventAttributes)]),
      "Application": .object([
        "Id": .number(Decimal(pack.application.id)), "Currency": .string(pack.application.currency),
      ]),
      "Now": .time(now),
    ]
    if let referral = validReferral {
      roots["Referral"] = .object([
        "Code": .string(referral.code),
        "AdvocateProfileIntegrationId": .string(referral.advocateProfileIntegrationId),
        "FriendProfileIntegrationId": .string(referral.friendProfileIntegrationId ?? profileId),
      ])
    }
    return roots
  }
}
