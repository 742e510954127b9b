import Foundation

/// One line of a cart (`CartItem`).
public struct CartItem: Codable, Hashable, Sendable {
  public var name: String
  public var sku: String
  public var quantity: Int
  public var price: Decimal
  public var category: String?
  public var weight: Decimal?
  public var height: Decimal?
  public var width: Decimal?
  public var length: Decimal?
  public var position: Decimal?
  public var attributes: JSONValue?
  public var adjustment: CartItemAdjustment?
  /// Today's generation, read-only: units given back by returns and units still kept (set on
  /// the answers once the session has a return).
  public var returnedQuantity: Int?
  public var remainingQuantity: Int?

  public init(
    name: String, sku: String, quantity: Int, price: Decimal, category: String? = nil,
    weight: Decimal? = nil, height: Decimal? = nil, width: Decimal? = nil,
    length: Decimal? = nil, position: Decimal? = nil, attributes: JSONValue? = nil,
    adjustment: CartItemAdjustment? = nil
  ) {
    self.name = name
    self.sku = sku
    self.quantity = quantity
    self.price = price
    self.category = category
    self.weight = weight
    self.height = height
    self.width = width
    self.length = length
    self.position = position
    self.attributes = attributes
    self.adjustment = adjustment
  }
}

/// Part of a cart item paid with loyalty points (`CartItemAdjustment`).
public struct CartItemAdjustment: Codable, Hashable, Sendable {
  public var payFromLoyaltyProgram: Int
  public var pointPayment: Int
  public var remainingPrice: Decimal?

  public init(payFromLoyaltyProgram: Int, pointPayment: Int, remainingPrice: Decimal? = nil) {
    self.payFromLoyaltyProgram = payFromLoyaltyProgram
    self.pointPayment = pointPayment
    self.remainingPrice = remainingPrice
  }
}

/// A cost added to a v2 session besides its items, e.g. shipping (`AdditionalCost`).
public struct AdditionalCost: Codable, Hashable, Sendable {
  public var price: Decimal

  public init(price: Decimal) {
    self.price = price
  }
}
