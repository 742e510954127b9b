import Foundation

/// The answer of GetCustomerSession (`IntegrationCustomerSessionResponse`): the stored session
/// in today's shape.
public struct IntegrationCustomerSessionResponse: Codable, Hashable, Sendable {
  public var customerSession: CustomerSessionV2?

  public init(customerSession: CustomerSessionV2?) {
    self.customerSession = customerSession
  }
}

/// The answer of ReopenCustomerSession (`ReopenSessionResponse`): the rollback effects of
/// undoing the close.
public struct ReopenSessionResponse: Codable, Hashable, Sendable {
  public var effects: [Effect]

  public init(effects: [Effect]) {
    self.effects = effects
  }
}

/// The body of ReturnCartItems (`ReturnIntegrationRequest`).
public struct ReturnIntegrationRequest: Codable, Hashable, Sendable {
  /// The items given back.
  public var `return`: NewReturn
  /// Which optional parts the answer should carry (as for a v2 session update, plus
  /// `previousReturns`).
  public var responseContent: [ResponseContent]?

  public init(return returned: NewReturn, responseContent: [ResponseContent]? = nil) {
    self.return = returned
    self.responseContent = responseContent
  }
}

/// The items of one return (`NewReturn`).
public struct NewReturn: Codable, Hashable, Sendable {
  public var returnedCartItems: [ReturnedCartItem]

  public init(returnedCartItems: [ReturnedCartItem]) {
    self.returnedCartItems = returnedCartItems
  }
}

/// One returned cart item (`ReturnedCartItem`): its position in the session's cart (or its
/// SKU) and how many units come back (all that remain when absent).
public struct ReturnedCartItem: Codable, Hashable, Sendable {
  public var position: Int?
  public var quantity: Int?
  public var sku: String?

  public init(position: Int? = nil, quantity: Int? = nil, sku: String? = nil) {
    self.position = position
    self.quantity = quantity
    self.sku = sku
  }
}

/// A stored return of cart items (`Return`), as answers show it.
public struct SessionReturn: Codable, Hashable, Sendable {
  public var id: Int
  public var created: Date
  public var applicationId: Int
  public var accountId: Int
  /// What came back, each item with its position and quantity filled in.
  public var returnedCartItems: [ReturnedCartItem]
  public var eventId: Int
  public var sessionId: Int
  public var sessionIntegrationId: String
  public var profileId: Int?
  public var profileIntegrationId: String?

  public init(
    id: Int, created: Date, applicationId: Int, accountId: Int,
    returnedCartItems: [ReturnedCartItem], eventId: Int, sessionId: Int,
    sessionIntegrationId: String, profileId: Int? = nil, profileIntegrationId: String? = nil
  ) {
    self.id = id
    self.created = created
    self.applicationId = applicationId
    self.accountId = accountId
    self.returnedCartItems = returnedCartItems
    self.eventId = eventId
    self.sessionId = sessionId
    self.sessionIntegrationId = sessionIntegrationId
    self.profileId = profileId
    self.profileIntegrationId = profileIntegrationId
  }
}
