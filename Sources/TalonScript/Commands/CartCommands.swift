import Foundation
import TalonAPI

/// The cart builder: `cart`, `cart add`, `cart remove SKU`, `cart clear`. The cart belongs to
/// the current session and is sent by the next session update after it changed.
///
/// Decisions: `sku` and `price` are required, `name` defaults to the SKU and `quantity` to 1;
/// adding an item equal to an existing line (all but the quantity) adds to that line's
/// quantity.
struct CartShowCommand: ScriptCommand {
  let spec = CommandSpec(
    "cart", summary: "show the current session's cart", examples: ["cart", "cart | len($)"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    context.cartOutcome()
  }
}

/// `cart add sku=... price=... [name=...] [quantity=1] ...`.
struct CartAddCommand: ScriptCommand {
  let spec = CommandSpec(
    "cart add",
    keys: [
      .key("sku", required: true), .key("name", default: "the SKU"),
      .key("price", .number, required: true), .key("quantity", .number, default: "1"),
      .key("category"), .key("attributes", .object), .key("weight", .number),
      .key("height", .number), .key("width", .number), .key("length", .number),
      .key("position", .number),
    ],
    summary: "add an item to the cart (sent with the next session update)",
    details: "An item equal to a line of the cart (all but the quantity) adds to that line.",
    examples: ["cart add sku=SKU-1 name=Shoes price=49.90 quantity=2"])

  static let numberKeys = ["price", "quantity", "weight", "height", "width", "length", "position"]

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    var fields: [String: JSONValue] = [:]
    for argument in command.named {
      fields[argument.key] = try await context.evaluate(argument.value, pipe: pipe)
    }
    guard let sku = command.argument("sku") else {
      throw context.failure("cart add needs sku= (usage: \(spec.usage))", at: command.range)
    }
    let skuText = try await context.string(sku.value, "sku=", pipe: pipe)
    fields["sku"] = .string(skuText)
    if fields["name"] == nil { fields["name"] = .string(skuText) }
    if fields["quantity"] == nil { fields["quantity"] = 1 }
    for key in Self.numberKeys {
      if case .string(let text) = fields[key], DigitLedToken.isJSONNumber(Substring(text)),
        let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
      {
        fields[key] = .number(number)
      }
    }
    let item = try context.decode(
      .object(fields), as: CartItem.self, "the cart item", at: command.range)
    var cart = context.contextState.currentCart
    if let index = cart.items.firstIndex(where: { Self.sameLine($0, item) }) {
      cart.items[index].quantity += item.quantity
    } else {
      cart.items.append(item)
    }
    cart.changed = true
    context.contextState.currentCart = cart
    return context.cartOutcome()
  }

  private static func sameLine(_ a: CartItem, _ b: CartItem) -> Bool {
    var a = a
    a.quantity = b.quantity
    return a == b
  }
}

/// `cart remove SKU`.
struct CartRemoveCommand: ScriptCommand {
  let spec = CommandSpec(
    "cart remove", [.positional("SKU")],
    summary: "remove the items with this SKU from the cart", examples: ["cart remove SKU-1"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    let sku = try await context.string(command.positional[0], "the SKU", pipe: pipe)
    var cart = context.contextState.currentCart
    guard cart.items.contains(where: { $0.sku == sku }) else {
      let skus = cart.items.map(\.sku)
      let known =
        skus.isEmpty ? "the cart is empty" : "SKUs in the cart: " + skus.joined(separator: ", ")
      throw context.failure(
        "no item with SKU '\(sku)' in the cart; \(known)", at: command.positional[0].range)
    }
    cart.items.removeAll { $0.sku == sku }
    cart.changed = true
    context.contextState.currentCart = cart
    return context.cartOutcome()
  }
}

/// `cart clear`: the next session update sends an empty cart.
struct CartClearCommand: ScriptCommand {
  let spec = CommandSpec(
    "cart clear", summary: "empty the cart (the next session update sends an empty cart)",
    examples: ["cart clear"])

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    context.contextState.currentCart = ContextState.Cart(items: [], changed: true)
    return context.cartOutcome()
  }
}

extension CommandContext {
  /// The current cart's items as the command's value.
  func cartOutcome() -> CommandOutcome {
    CommandOutcome(
      value: (try? JSONValueEncoder.encode(contextState.currentCart.items)) ?? .array([]),
      kind: .value)
  }
}
