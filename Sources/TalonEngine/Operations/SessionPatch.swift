import Foundation
import TalonAPI

/// A v1 or v2 session update in one form. Absent fields (nil) keep the stored value; an explicit
/// empty list or object clears it (`docs/behaviour.md`, "Sessions").
struct SessionPatch: Sendable {
  var profileId: String?
  var couponCodes: [String]?
  var referralCode: String?
  var state: SessionState?
  var cartItems: [CartItem]?
  var additionalCosts: [String: AdditionalCost]?
  var identifiers: [String]?
  var attributes: JSONValue?
  var total: Decimal?
  /// Where the session object sits in the request body (`""` for v1, `/customerSession` for v2).
  var pointerPrefix: String
  /// Today's `evaluableCampaignIds` (v2 only): the campaigns to evaluate.
  var evaluableCampaignIds: [Int]?
  /// The v2 route: today's rejection reasons and `event.meta` (`docs/behaviour.md`,
  /// "Reservations in both generations").
  var isTodaysRoute: Bool { !pointerPrefix.isEmpty }

  init(v1 body: NewCustomerSession) {
    profileId = body.profileId
    couponCodes = body.coupon.map { $0.isEmpty ? [] : [$0] }
    referralCode = body.referral
    state = body.state
    cartItems = body.cartItems
    additionalCosts = nil
    identifiers = body.identifiers
    attributes = body.attributes
    total = body.total
    pointerPrefix = ""
  }

  init(v2 body: NewCustomerSessionV2) {
    profileId = body.profileId
    couponCodes = body.couponCodes
    referralCode = body.referralCode
    state = body.state
    cartItems = body.cartItems
    additionalCosts = body.additionalCosts
    identifiers = body.identifiers
    attributes = body.attributes
    total = nil
    pointerPrefix = "/customerSession"
    evaluableCampaignIds = body.evaluableCampaignIds
  }

  /// Whether the update came on today's route (v2), whose answers carry today's effects.
  var isTodays: Bool { !pointerPrefix.isEmpty }

  /// The JSON pointer of the coupon code at `index`: v1 `coupon`, v2 `couponCodes/N`.
  private func couponPointer(_ index: Int) -> String {
    pointerPrefix.isEmpty ? "/coupon" : pointerPrefix + "/couponCodes/\(index)"
  }

  /// The JSON pointer of the referral code: v1 `referral`, v2 `referralCode`.
  private var referralPointer: String {
    pointerPrefix.isEmpty ? "/referral" : pointerPrefix + "/referralCode"
  }

  /// Refuses values the schema validator would also refuse, for callers that skip it, and
  /// identifiers with control characters (`IdentifierRule`).
  func validate() throws {
    if let profileId {
      try IdentifierRule.checkField(profileId, pointer: pointerPrefix + "/profileId")
    }
    for (index, code) in (couponCodes ?? []).enumerated() {
      try IdentifierRule.checkField(code, pointer: couponPointer(index))
    }
    if let referralCode { try IdentifierRule.checkField(referralCode, pointer: referralPointer) }
    for (index, identifier) in (identifiers ?? []).enumerated() {
      try IdentifierRule.checkField(identifier, pointer: pointerPrefix + "/identifiers/\(index)")
    }
    if let state, !state.isKnown {
      throw IntegrationError.badRequest(
        "state must be one of the following: \"open\", \"closed\", \"cancelled\"", title: "enum",
        pointer: pointerPrefix + "/state")
    }
    if let attributes, attributes.objectValue == nil {
      throw IntegrationError.badRequest(
        "attributes must be an object", title: "type", pointer: pointerPrefix + "/attributes")
    }
    for (index, item) in (cartItems ?? []).enumerated() {
      if item.quantity < 0 {
        throw IntegrationError.badRequest(
          "quantity must not be negative", title: "type",
          pointer: pointerPrefix + "/cartItems/\(index)/quantity")
      }
    }
  }

  /// True when applying the patch would change nothing but (possibly) set `state` to closed.
  func isRepeat(of session: StoredSession) -> Bool {
    if let profileId, !profileId.isEmpty, profileId != session.profileId { return false }
    if let couponCodes, couponCodes != session.couponCodes { return false }
    if let referralCode, referralCode != session.referralCode { return false }
    if let cartItems, cartItems != session.cartItems { return false }
    if let additionalCosts, additionalCosts != (session.additionalCosts ?? [:]) { return false }
    if let identifiers, identifiers != (session.identifiers ?? []) { return false }
    if let attributes, Self.merged(session.attributes, attributes) != session.attributes {
      return false
    }
    if let total, total != session.explicitTotal { return false }
    return true
  }

  /// The session with the fields of the patch applied (not the state).
  func applied(to stored: StoredSession) -> StoredSession {
    var session = stored
    if let profileId, !profileId.isEmpty { session.profileId = profileId }
    if let couponCodes { session.couponCodes = couponCodes }
    if let referralCode { session.referralCode = referralCode }
    if let cartItems { session.cartItems = cartItems }
    if let additionalCosts { session.additionalCosts = additionalCosts }
    if let identifiers { session.identifiers = identifiers }
    if let attributes { session.attributes = Self.merged(session.attributes, attributes) }
    if let total { session.explicitTotal = total }
    return session
  }

  /// Attributes merged: members replace, `null` removes; `{}` clears them all.
  static func merged(_ stored: [String: JSONValue], _ update: JSONValue) -> [String: JSONValue] {
    guard let members = update.objectValue else { return stored }
    if members.isEmpty { return [:] }
    var result = stored
    for (key, value) in members {
      if value == .null {
        result.removeValue(forKey: key)
      } else {
        result[key] = value
      }
    }
    return result
  }
}
