import Foundation
import TalonAPI

/// The hot records in the shape `JSONEncoder` (dates as seconds since 1970) gives them.
extension RecordText {
  /// A session's JSON text, or nil when it has parts this writer leaves to `JSONEncoder`.
  static func session(_ session: StoredSession) -> String? {
    sessionRecord(session)?.text
  }

  /// A session's record (bytes), or nil when it has parts this writer leaves to `JSONEncoder`.
  static func sessionRecord(_ session: StoredSession) -> RecordText? {
    guard session.commitment == nil, session.returns == nil,
      session.cartItems.allSatisfy({
        $0.adjustment == nil && $0.returnedQuantity == nil && $0.remainingQuantity == nil
      })
    else { return nil }
    var writer = RecordText()
    writer.beginObject()
    writer.fixedKey("integrationId")
    writer.string(session.integrationId)
    writer.fixedKey("created")
    writer.date(session.created)
    writer.fixedKey("profileId")
    writer.string(session.profileId)
    writer.fixedKey("state")
    writer.string(session.state.rawValue)
    writer.fixedKey("cartItems")
    writer.beginArray()
    for item in session.cartItems { writer.cartItem(item) }
    writer.endArray()
    writer.fixedKey("couponCodes")
    writer.strings(session.couponCodes)
    writer.fixedKey("referralCode")
    writer.string(session.referralCode)
    if let identifiers = session.identifiers {
      writer.fixedKey("identifiers")
      writer.strings(identifiers)
    }
    writer.fixedKey("attributes")
    writer.json(.object(session.attributes))
    if let costs = session.additionalCosts {
      writer.fixedKey("additionalCosts")
      writer.beginObject()
      for (name, cost) in costs {
        writer.key(name)
        writer.beginObject()
        writer.fixedKey("price")
        writer.decimal(cost.price)
        writer.endObject()
      }
      writer.endObject()
    }
    writer.optional("explicitTotal", session.explicitTotal)
    writer.fixedKey("firstSession")
    writer.bool(session.firstSession)
    writer.fixedKey("createdCoupons")
    writer.stringMap(session.createdCoupons)
    writer.fixedKey("createdReferrals")
    writer.stringMap(session.createdReferrals)
    writer.fixedKey("discounts")
    writer.beginArray()
    for discount in session.discounts {
      writer.beginObject()
      writer.fixedKey("name")
      writer.string(discount.name)
      writer.fixedKey("value")
      writer.decimal(discount.value)
      writer.endObject()
    }
    writer.endArray()
    if let id = session.closeEventId {
      writer.fixedKey("closeEventId")
      writer.int(id)
    }
    if let count = session.updateCount {
      writer.fixedKey("updateCount")
      writer.int(count)
    }
    if let updated = session.updated {
      writer.fixedKey("updated")
      writer.date(updated)
    }
    writer.endObject()
    return writer
  }

  private mutating func cartItem(_ item: CartItem) {
    beginObject()
    fixedKey("name")
    string(item.name)
    fixedKey("sku")
    string(item.sku)
    fixedKey("quantity")
    int(item.quantity)
    fixedKey("price")
    decimal(item.price)
    optional("category", item.category)
    optional("weight", item.weight)
    optional("height", item.height)
    optional("width", item.width)
    optional("length", item.length)
    optional("position", item.position)
    if let attributes = item.attributes {
      fixedKey("attributes")
      json(attributes)
    }
    endObject()
  }

  /// A profile's JSON text.
  static func profile(_ profile: StoredProfile) -> String {
    profileRecord(profile).text
  }

  /// A profile's record (bytes).
  static func profileRecord(_ profile: StoredProfile) -> RecordText {
    var writer = RecordText()
    writer.beginObject()
    writer.fixedKey("integrationId")
    writer.string(profile.integrationId)
    writer.fixedKey("created")
    writer.date(profile.created)
    writer.fixedKey("attributes")
    writer.json(.object(profile.attributes))
    writer.fixedKey("closedSessions")
    writer.int(profile.closedSessions)
    writer.fixedKey("totalSales")
    writer.decimal(profile.totalSales)
    writer.fixedKey("lastActivity")
    writer.date(profile.lastActivity)
    writer.fixedKey("loyaltyJoined")
    writer.beginObject()
    for (program, joined) in profile.loyaltyJoined {
      writer.key(program)
      writer.date(joined)
    }
    writer.endObject()
    writer.endObject()
    return writer
  }

  /// An event's JSON text, or nil when it has a ledger or meta (left to `JSONEncoder`).
  static func event(_ event: Event) -> String? {
    eventRecord(event)?.text
  }

  /// An event's record (bytes), or nil when it has a ledger or meta (left to `JSONEncoder`).
  static func eventRecord(_ event: Event) -> RecordText? {
    guard event.ledgerEntries.isEmpty, event.meta == nil else { return nil }
    var writer = RecordText()
    writer.beginObject()
    writer.fixedKey("id")
    writer.int(event.id)
    writer.fixedKey("created")
    writer.date(event.created)
    writer.fixedKey("applicationId")
    writer.int(event.applicationId)
    writer.optional("profileId", event.profileId)
    writer.fixedKey("type")
    writer.string(event.type)
    writer.fixedKey("attributes")
    writer.json(event.attributes)
    writer.optional("sessionId", event.sessionId)
    writer.fixedKey("effects")
    writer.json(.array(event.effects))
    writer.fixedKey("ledgerEntries")
    writer.beginArray()
    writer.endArray()
    writer.endObject()
    return writer
  }
}
