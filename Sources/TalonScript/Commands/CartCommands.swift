import Foundation
import TalonAPI

/// The cart builder: `cart`, `cart add`, `cart remove SKU`, `cart clear`. The cart belongs to
/// the current session and is sent by the next session update after it changed.
///
/// Decisions: `sku` and `price` are required, `name` defaults to the SKU and `quantity` to 1;
/// adding an item equal to an existing line (all but the quantity) adds to that line's
/// quantity.
extension Interpreter {
  func cartOutcome() -> CommandOutcome {
    CommandOutcome(
      value: (try? JSONValueEncoder.encode(contextState.currentCart.items)) ?? .array([]),
      kind: .value)
  }

  func cartAdd(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    guard let sku = command.argument("sku") else {
      throw failure(
        "cart add needs sku= (usage: \(BuiltinCommand.cartAdd.spec.usage))", at: command.range)
    }
    guard command.argument("price") != nil else {
      throw failure(
        "cart add needs price= (usage: \(BuiltinCommand.cartAdd.spec.usage))", at: command.range)
    }
    var fields: [String: JSONValue] = [:]
    for argument in command.named {
      fields[argument.key] = try await evaluate(argument.value, pipe: pipe)
    }
    let skuText = try await string(sku.value, "sku=", pipe: pipe)
    fields["sku"] = .string(skuText)
    if fields["name"] == nil { fields["name"] = .string(skuText) }
    if fields["quantity"] == nil { fields["quantity"] = 1 }
    for key in ["price", "quantity", "weight", "height", "width", "length", "position"] {
      if case .string(let text) = fields[key], DigitLedToken.isJSONNumber(Substring(text)),
        let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
      {
        fields[key] = .number(number)
      }
    }
    let item = try decode(.object(fields), as: CartItem.self, "the cart item", at: command.range)
    var cart = contextState.currentCart
    if let index = cart.items.firstIndex(where: { Self.sameLine($0, item) }) {
      cart.items[index].quantity += item.quantity
    } else {
      cart.items.append(item)
    }
    cart.changed = true
    contextState.currentCart = cart
    return cartOutcome()
  }

  private static func sameLine(_ a: CartItem, _ b: CartItem) -> Bool {
    var a = a
    a.quantity = b.quantity
    return a == b
  }

  func cartRemove(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    let sku = try await string(command.positional[0], "the SKU", pipe: pipe)
    var cart = contextState.currentCart
    guard cart.items.contains(where: { $0.sku == sku }) else {
      let skus = cart.items.map(\.sku)
      let known =
        skus.isEmpty ? "the cart is empty" : "SKUs in the cart: " + skus.joined(separator: ", ")
      throw failure(
        "no item with SKU '\(sku)' in the cart; \(known)", at: command.positional[0].range)
    }
    cart.items.removeAll { $0.sku == sku }
    cart.changed = true
    contextState.currentCart = cart
    return cartOutcome()
  }
}
