import Foundation
import TalonAPI

/// Writes the store's hot records (sessions, events) as compact JSON text by hand, in exactly the
/// shape `JSONEncoder` with `.secondsSince1970` dates would produce, so `JSONDecoder` reads them
/// back. It exists for speed: Foundation's encoder dominated the cost of a session update.
/// Records with rare parts (a close commitment, a ledger, meta) go through `JSONEncoder`.
struct RecordText {
  private(set) var text = ""
  private var needsComma = false

  init() {
    text.reserveCapacity(1024)
  }

  // MARK: Structure

  mutating func beginObject() {
    separate()
    text.append("{")
    needsComma = false
  }

  mutating func endObject() {
    text.append("}")
    needsComma = true
  }

  mutating func beginArray() {
    separate()
    text.append("[")
    needsComma = false
  }

  mutating func endArray() {
    text.append("]")
    needsComma = true
  }

  mutating func key(_ name: String) {
    separate()
    Self.appendQuoted(name, to: &text)
    text.append(":")
    needsComma = false
  }

  private mutating func separate() {
    if needsComma { text.append(",") }
  }

  // MARK: Values

  mutating func string(_ value: String) {
    separate()
    Self.appendQuoted(value, to: &text)
    needsComma = true
  }

  mutating func int(_ value: Int) {
    separate()
    text.append(String(value))
    needsComma = true
  }

  mutating func decimal(_ value: Decimal) {
    separate()
    text.append(Self.text(of: value))
    needsComma = true
  }

  /// The shortest plain text of a decimal, as `description` gives it but without its cost when
  /// the significand fits 53 bits (the common case: prices, discounts, counts).
  static func text(of value: Decimal) -> String {
    let exponent = value.exponent
    guard (-20...20).contains(exponent) else { return value.description }
    let significand = NSDecimalNumber(decimal: value.significand).int64Value
    guard significand >= 0, significand < 1 << 53 else { return value.description }
    if significand == 0 { return "0" }
    var digits = String(significand)
    if exponent > 0 {
      digits += String(repeating: "0", count: exponent)
    } else if exponent < 0 {
      let scale = -exponent
      if digits.count <= scale {
        digits = String(repeating: "0", count: scale - digits.count + 1) + digits
      }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
      while digits.last == "0" { digits.removeLast() }
      if digits.last == "." { digits.removeLast() }
    }
    return value.sign == .minus ? "-" + digits : digits
  }

  mutating func bool(_ value: Bool) {
    separate()
    text.append(value ? "true" : "false")
    needsComma = true
  }

  mutating func date(_ value: Date) {
    separate()
    text.append(value.timeIntervalSince1970.description)
    needsComma = true
  }

  mutating func null() {
    separate()
    text.append("null")
    needsComma = true
  }

  mutating func json(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let flag): bool(flag)
    case .number(let number): decimal(number)
    case .string(let string): self.string(string)
    case .array(let elements):
      beginArray()
      for element in elements { json(element) }
      endArray()
    case .object(let members):
      beginObject()
      for (name, member) in members {
        key(name)
        json(member)
      }
      endObject()
    }
  }

  mutating func strings(_ values: [String]) {
    beginArray()
    for value in values { string(value) }
    endArray()
  }

  // MARK: Escaping

  static func appendQuoted(_ value: String, to text: inout String) {
    text.append("\"")
    let plain =
      value.utf8.withContiguousStorageIfAvailable { bytes in
        for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
        return true
      } ?? false
    if plain {
      text.append(value)
    } else {
      for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": text.append("\\\"")
        case "\\": text.append("\\\\")
        case "\n": text.append("\\n")
        case "\r": text.append("\\r")
        case "\t": text.append("\\t")
        default:
          if scalar.value < 0x20 {
            let hex = String(scalar.value, radix: 16)
            text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
          } else {
            text.unicodeScalars.append(scalar)
          }
        }
      }
    }
    text.append("\"")
  }
}

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
