import Foundation

/// One line of a cart (`CartItem`). Decoding follows today's generation: only `sku` and
/// `quantity` are needed, a missing `name` is the SKU and a missing `price` is 0
/// (`docs/behaviour.md`, "Cart items"); the v1 session body keeps the 2020 rule that needs both
/// (`NewCustomerSession`).
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

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    sku = try container.decode(String.self, forKey: .sku)
    quantity = try container.decode(Int.self, forKey: .quantity)
    name = try container.decodeIfPresent(String.self, forKey: .name) ?? sku
    price = try container.decodeIfPresent(Decimal.self, forKey: .price) ?? 0
    category = try container.decodeIfPresent(String.self, forKey: .category)
    weight = try container.decodeIfPresent(Decimal.self, forKey: .weight)
    height = try container.decodeIfPresent(Decimal.self, forKey: .height)
    width = try container.decodeIfPresent(Decimal.self, forKey: .width)
    length = try container.decodeIfPresent(Decimal.self, forKey: .length)
    position = try container.decodeIfPresent(Decimal.self, forKey: .position)
    attributes = try container.decodeIfPresent(JSONValue.self, forKey: .attributes)
    adjustment = try container.decodeIfPresent(CartItemAdjustment.self, forKey: .adjustment)
    returnedQuantity = try container.decodeIfPresent(Int.self, forKey: .returnedQuantity)
    remainingQuantity = try container.decodeIfPresent(Int.self, forKey: .remainingQuantity)
  }
}

/// A cart item under the 2020 rule: `name` and `price` are required too (the v1 session body).
struct CartItem2020: Decodable {
  let item: CartItem

  private enum Required: String, CodingKey { case name, sku, quantity, price }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Required.self)
    _ = try container.decode(String.self, forKey: .name)
    _ = try container.decode(String.self, forKey: .sku)
    _ = try container.decode(Int.self, forKey: .quantity)
    _ = try container.decode(Decimal.self, forKey: .price)
    item = try CartItem(from: decoder)
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
