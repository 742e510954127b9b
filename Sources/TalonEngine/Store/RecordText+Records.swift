import Foundation
import TalonAPI

/// The hot records in the shape `JSONEncoder` (dates as seconds since 1970) gives them.
extension RecordText {
  /// A session's JSON text, or nil when it has parts this writer leaves to `JSONEncoder`.
  static func session(_ session: StoredSession) -> String? {
    guard session.commitment == nil, session.cartItems.allSatisfy({ $0.adjustment == nil })
    else { return nil }
    var writer = RecordText()
    writer.beginObject()
    writer.key("integrationId")
    writer.string(session.integrationId)
    writer.key("created")
    writer.date(session.created)
    writer.key("profileId")
    writer.string(session.profileId)
    writer.key("state")
    writer.string(session.state.rawValue)
    writer.key("cartItems")
    writer.beginArray()
    for item in session.cartItems { writer.cartItem(item) }
    writer.endArray()
    writer.key("couponCodes")
    writer.strings(session.couponCodes)
    writer.key("referralCode")
    writer.string(session.referralCode)
    if let identifiers = session.identifiers {
      writer.key("identifiers")
      writer.strings(identifiers)
    }
    writer.key("attributes")
    writer.json(.object(session.attributes))
    if let costs = session.additionalCosts {
      writer.key("additionalCosts")
      writer.beginObject()
      for (name, cost) in costs {
        writer.key(name)
        writer.beginObject()
        writer.key("price")
        writer.decimal(cost.price)
        writer.endObject()
      }
      writer.endObject()
    }
    if let total = session.explicitTotal {
      writer.key("explicitTotal")
      writer.decimal(total)
    }
    writer.key("firstSession")
    writer.bool(session.firstSession)
    for (name, codes) in [
      ("createdCoupons", session.createdCoupons), ("createdReferrals", session.createdReferrals),
    ] {
      writer.key(name)
      writer.json(.object(codes.mapValues(JSONValue.string)))
    }
    writer.key("discounts")
    writer.beginArray()
    for discount in session.discounts {
      writer.beginObject()
      writer.key("name")
      writer.string(discount.name)
      writer.key("value")
      writer.decimal(discount.value)
      writer.endObject()
    }
    writer.endArray()
    if let id = session.closeEventId {
      writer.key("closeEventId")
      writer.int(id)
    }
    writer.endObject()
    return writer.text
  }

  private mutating func cartItem(_ item: CartItem) {
    beginObject()
    key("name")
    string(item.name)
    key("sku")
    string(item.sku)
    key("quantity")
    int(item.quantity)
    key("price")
    decimal(item.price)
    if let category = item.category {
      key("category")
      string(category)
    }
    for (name, value) in [
      ("weight", item.weight), ("height", item.height), ("width", item.width),
      ("length", item.length), ("position", item.position),
    ] {
      if let value {
        key(name)
        decimal(value)
      }
    }
    if let attributes = item.attributes {
      key("attributes")
      json(attributes)
    }
    endObject()
  }

  /// A profile's JSON text.
  static func profile(_ profile: StoredProfile) -> String {
    var writer = RecordText()
    writer.beginObject()
    writer.key("integrationId")
    writer.string(profile.integrationId)
    writer.key("created")
    writer.date(profile.created)
    writer.key("attributes")
    writer.json(.object(profile.attributes))
    writer.key("closedSessions")
    writer.int(profile.closedSessions)
    writer.key("totalSales")
    writer.decimal(profile.totalSales)
    writer.key("lastActivity")
    writer.date(profile.lastActivity)
    writer.key("loyaltyJoined")
    writer.beginObject()
    for (program, joined) in profile.loyaltyJoined {
      writer.key(program)
      writer.date(joined)
    }
    writer.endObject()
    writer.endObject()
    return writer.text
  }

  /// An event's JSON text, or nil when it has a ledger or meta (left to `JSONEncoder`).
  static func event(_ event: Event) -> String? {
    guard event.ledgerEntries.isEmpty, event.meta == nil else { return nil }
    var writer = RecordText()
    writer.beginObject()
    writer.key("id")
    writer.int(event.id)
    writer.key("created")
    writer.date(event.created)
    writer.key("applicationId")
    writer.int(event.applicationId)
    if let profileId = event.profileId {
      writer.key("profileId")
      writer.string(profileId)
    }
    writer.key("type")
    writer.string(event.type)
    writer.key("attributes")
    writer.json(event.attributes)
    if let sessionId = event.sessionId {
      writer.key("sessionId")
      writer.string(sessionId)
    }
    writer.key("effects")
    writer.json(.array(event.effects))
    writer.key("ledgerEntries")
    writer.beginArray()
    writer.endArray()
    writer.endObject()
    return writer.text
  }
}
