import Foundation
import TalonAPI

/// `session show`, `session reopen`, `session return`: today's session lifecycle.
///
/// Each works on the session named (or the current one), which becomes current.
struct SessionShowCommand: ScriptCommand {
  let spec = CommandSpec(
    "session show", [.positional("ID", required: false, default: "the current session")],
    summary: "show a stored session (GetCustomerSession)",
    examples: ["session show", "session show s1 | .customerSession.state"],
    operation: .getCustomerSession)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let id = try await context.lifecycleSession(command.positional.first, command, pipe: pipe)
    let (response, outcome) = try await context.callAPI(
      IntegrationCatalogue.getCustomerSession, for: command, path: [id])
    if let session = response.customerSession {
      context.contextState.learn(session: id, profile: session.profileId, cart: session.cartItems)
    }
    return outcome
  }
}

/// `session reopen`: a closed session open again, its close rolled back.
struct SessionReopenCommand: ScriptCommand {
  let spec = CommandSpec(
    "session reopen", [.positional("ID", required: false, default: "the current session")],
    summary: "reopen a closed session, rolling back its close (ReopenCustomerSession)",
    details:
      "Coupon and referral usage, budgets and loyalty points of the close are rolled back;"
      + " the answer lists the rollback effects.",
    examples: ["session reopen", "session reopen s1"], operation: .reopenCustomerSession)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let id = try await context.lifecycleSession(command.positional.first, command, pipe: pipe)
    return try await context.callAPI(
      IntegrationCatalogue.reopenCustomerSession, for: command, path: [id]
    ).1
  }
}

/// `session return SKU [quantity=N]`: units of a SKU of a closed session given back.
struct SessionReturnCommand: ScriptCommand {
  let spec = CommandSpec(
    "session return", [.positional("SKU")],
    keys: [
      .key("quantity", .integer, default: "every unit left"),
      .key("session", default: "the current session"),
      .key("content", .list, default: "customerSession, customerProfile"),
    ],
    summary: "return items of a closed session by SKU (ReturnCartItems)",
    details:
      "Reads the session (GetCustomerSession) to find the cart lines of the SKU that still have"
      + " units, then returns quantity= units from them in cart order. Points the close added"
      + " for the returned share are taken back.",
    examples: ["session return SHOE-1", "session return SOCK-2 quantity=1 session=s1"],
    operation: .returnCartItems)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    guard let skuArgument = command.positional.first else {
      throw context.failure("session return needs a SKU", at: command.range)
    }
    let sku = try await context.string(skuArgument, "the SKU", pipe: pipe)
    let id = try await context.lifecycleSession(
      command.argument("session")?.value, command, pipe: pipe)
    var wanted: Int?
    if let argument = command.argument("quantity") {
      let quantity = try await context.integer(argument.value, "quantity=", pipe: pipe)
      guard quantity >= 1 else {
        throw context.failure("quantity= must be at least 1", at: argument.value.range)
      }
      wanted = quantity
    }
    let content = try await context.stringList(
      command.argument("content")?.value, default: ["customerSession", "customerProfile"],
      "content=", pipe: pipe)
    let (stored, _) = try await context.callAPI(
      IntegrationCatalogue.getCustomerSession, for: command, path: [id])
    let cart = stored.customerSession?.cartItems ?? []
    let items = Self.lines(of: sku, in: cart, quantity: wanted)
    guard !items.isEmpty else {
      let left = Self.left(of: sku, in: cart)
      throw context.failure(
        cart.contains { $0.sku == sku }
          ? "session \(id) has only \(left) unit(s) of \(sku) left to return"
          : "session \(id) has no item with SKU \(sku)", at: skuArgument.range)
    }
    let body = ReturnIntegrationRequest(
      return: NewReturn(returnedCartItems: items),
      responseContent: content.map(ResponseContent.init(rawValue:)))
    let (response, outcome) = try await context.callAPI(
      IntegrationCatalogue.returnCartItems, for: command, path: [id], body: body)
    context.learn(from: response, session: id, sentProfile: nil)
    return outcome
  }

  /// Units of `sku` not yet returned, over every line of the cart.
  static func left(of sku: String, in cart: [CartItem]) -> Int {
    cart.filter { $0.sku == sku }.reduce(0) { $0 + ($1.remainingQuantity ?? $1.quantity) }
  }

  /// The returned items for `quantity` units of `sku` (every unit left when nil), taken from
  /// the cart's lines in order; empty when the cart has fewer units left.
  static func lines(of sku: String, in cart: [CartItem], quantity: Int?) -> [ReturnedCartItem] {
    var needed = quantity ?? left(of: sku, in: cart)
    guard needed > 0, needed <= left(of: sku, in: cart) else { return [] }
    var items: [ReturnedCartItem] = []
    for (position, item) in cart.enumerated() where item.sku == sku && needed > 0 {
      let units = min(needed, item.remainingQuantity ?? item.quantity)
      guard units > 0 else { continue }
      items.append(ReturnedCartItem(position: position, quantity: units, sku: sku))
      needed -= units
    }
    return items
  }
}

extension CommandContext {
  /// The session a lifecycle command works on (`expression`, or the current session), made
  /// current.
  func lifecycleSession(_ expression: Expression?, _ command: CommandNode, pipe: JSONValue?)
    async throws -> String
  {
    let id =
      try await optionalString(expression, "the session id", pipe: pipe)
      ?? requireSession(for: command)
    contextState.selectSession(id)
    return id
  }

  /// A list argument, or `fallback` when it is absent.
  func stringList(
    _ expression: Expression?, default fallback: [String], _ what: String, pipe: JSONValue?
  ) async throws -> [String] {
    guard let expression else { return fallback }
    return try await stringList(expression, what, pipe: pipe)
  }
}
