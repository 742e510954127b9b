import Foundation
import TalonAPI

/// `session update`, `session update-v1`, `session close`, `session cancel`.
///
/// The session named (or the current one) becomes current, with its profile. `session update`
/// sends the current profile as `profileId` unless `profile=` is given; the cart is sent as
/// `cartItems` only when a cart command changed it since the last update (or with `items=`).
struct SessionUpdateCommand: ScriptCommand {
  let spec = CommandSpec(
    "session update", [.positional("ID", required: false, default: "the current session")],
    keys: [
      .key("profile", default: "the current profile"), .key("coupons", .list),
      .key("referral"), .key("items", .objects), .key("costs", .object),
      .key("attributes", .object), .key("identifiers", .list),
      .key("state"),
      .key("content", .list, default: "customerSession, customerProfile"),
    ],
    summary: "update a session and get its effects (UpdateCustomerSessionV2)",
    details:
      "The cart is sent when a cart command changed it since the last update, or with items=. "
      + "ruleFailureReasons is always asked for as well: a rule that fails at run time prints "
      + "a warning.",
    examples: [
      "session update s1 coupons=[SUMMER10] costs={shipping: 4.95}",
      "session update | .effects[0]",
    ],
    operation: .updateCustomerSessionV2)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    try await context.sessionUpdate(command, pipe: pipe)
  }
}

/// `session update-v1`: the v1 session update.
struct SessionUpdateV1Command: ScriptCommand {
  let spec = CommandSpec(
    "session update-v1", [.positional("ID", required: false, default: "the current session")],
    keys: [
      .key("profile", default: "the current profile"), .key("coupon"), .key("referral"),
      .key("total", .number), .key("items", .objects), .key("identifiers", .list),
      .key("attributes", .object), .key("state"),
    ],
    summary: "the v1 session update (UpdateCustomerSession)",
    examples: ["session update-v1 s9 coupon=WELCOME total=42.50"],
    operation: .updateCustomerSession)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    try await context.sessionUpdateV1(command, pipe: pipe)
  }
}

/// `session close`: the state `closed` (and the response content) only.
struct SessionCloseCommand: ScriptCommand {
  let spec = CommandSpec(
    "session close", [.positional("ID", required: false, default: "the current session")],
    keys: [.key("content", .list)],
    summary: "close a session: redeem its coupons and points (UpdateCustomerSessionV2)",
    examples: ["session close", "session close s1"], operation: .updateCustomerSessionV2)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    try await context.sessionState(.closed, command, pipe: pipe)
  }
}

/// `session cancel`: the state `cancelled` (and the response content) only.
struct SessionCancelCommand: ScriptCommand {
  let spec = CommandSpec(
    "session cancel", [.positional("ID", required: false, default: "the current session")],
    keys: [.key("content", .list)],
    summary: "cancel a session, rolling back a closed one (UpdateCustomerSessionV2)",
    examples: ["session cancel s1"], operation: .updateCustomerSessionV2)

  func execute(_ command: CommandNode, in context: isolated any CommandContext, pipe: JSONValue?)
    async throws -> CommandOutcome
  {
    try await context.sessionState(.cancelled, command, pipe: pipe)
  }
}

/// The session commands' shared steps.
extension CommandContext {
  /// The session id of the command (its first positional argument, or the current session),
  /// made current together with `profile=` when given.
  private func selectSession(_ command: CommandNode, pipe: JSONValue?) async throws -> (
    id: String, profile: String?
  ) {
    let id = try await optionalString(command.positional.first, "the session id", pipe: pipe)
    let sessionId = try id ?? requireSession(for: command)
    let profile = try await optionalString(
      command.argument("profile")?.value, "profile=", pipe: pipe)
    contextState.selectSession(sessionId, profile: profile)
    return (sessionId, profile)
  }

  /// The cart items to send: `items=` when given (it becomes the session's cart), else the
  /// cart when a cart command changed it, else none.
  private func cartItems(_ command: CommandNode, session: String, pipe: JSONValue?) async throws
    -> [CartItem]?
  {
    if let argument = command.argument("items") {
      let value = try await evaluate(argument.value, pipe: pipe)
      let items = try decode(value, as: [CartItem].self, "items=", at: argument.value.range)
      contextState.carts[session] = ContextState.Cart(items: items, changed: false)
      return items
    }
    guard let cart = contextState.carts[session], cart.changed else { return nil }
    return cart.items
  }

  fileprivate func sessionUpdate(_ command: CommandNode, pipe: JSONValue?) async throws
    -> CommandOutcome
  {
    let (id, profileArgument) = try await selectSession(command, pipe: pipe)
    var session = NewCustomerSessionV2(profileId: profileArgument ?? contextState.profileId)
    if let argument = command.argument("coupons") {
      session.couponCodes = try await stringList(argument.value, "coupons=", pipe: pipe)
    }
    session.referralCode = try await optionalString(
      command.argument("referral")?.value, "referral=", pipe: pipe)
    if let argument = command.argument("costs") {
      session.additionalCosts = try await additionalCosts(argument.value, pipe: pipe)
    }
    if let argument = command.argument("attributes") {
      session.attributes = .object(try await object(argument.value, "attributes=", pipe: pipe))
    }
    if let argument = command.argument("identifiers") {
      session.identifiers = try await stringList(argument.value, "identifiers=", pipe: pipe)
    }
    if let state = try await optionalString(command.argument("state")?.value, "state=", pipe: pipe)
    {
      session.state = SessionState(rawValue: state)
    }
    let content = try await responseContent(command, pipe: pipe)
    session.cartItems = try await cartItems(command, session: id, pipe: pipe)
    let body = IntegrationRequest(customerSession: session, responseContent: content)
    return try await sendV2(id, body, command)
  }

  /// `session close` / `session cancel`: only the state (and the response content).
  fileprivate func sessionState(_ state: SessionState, _ command: CommandNode, pipe: JSONValue?)
    async throws
    -> CommandOutcome
  {
    let (id, _) = try await selectSession(command, pipe: pipe)
    let body = IntegrationRequest(
      customerSession: NewCustomerSessionV2(state: state),
      responseContent: try await responseContent(command, pipe: pipe))
    return try await sendV2(id, body, command)
  }

  private func responseContent(_ command: CommandNode, pipe: JSONValue?) async throws
    -> [ResponseContent]
  {
    guard let argument = command.argument("content") else {
      return [.customerSession, .customerProfile, .ruleFailureReasons]
    }
    // Always asked for, so that runtime rule failures show as warnings (remotely too).
    var content = try await stringList(argument.value, "content=", pipe: pipe).map(
      ResponseContent.init(rawValue:))
    if !content.contains(.ruleFailureReasons) { content.append(.ruleFailureReasons) }
    return content
  }

  /// `costs={shipping: 5}` or `costs={shipping: {price: 5}}`.
  private func additionalCosts(_ expression: Expression, pipe: JSONValue?) async throws
    -> [String: AdditionalCost]
  {
    var costs: [String: JSONValue] = [:]
    for (name, cost) in try await object(expression, "costs=", pipe: pipe) {
      costs[name] = cost.numberValue.map { .object(["price": .number($0)]) } ?? cost
    }
    return try decode(
      .object(costs), as: [String: AdditionalCost].self, "costs=", at: expression.range)
  }

  private func sendV2(_ id: String, _ body: IntegrationRequest, _ command: CommandNode) async throws
    -> CommandOutcome
  {
    for code in body.customerSession.couponCodes ?? [] {
      contextState.seen.note(code, in: \.coupons)
    }
    let (response, outcome) = try await callAPI(
      IntegrationCatalogue.updateCustomerSessionV2, for: command, path: [id], body: body)
    if body.customerSession.cartItems != nil { contextState.carts[id]?.changed = false }
    learn(from: response, session: id, sentProfile: body.customerSession.profileId)
    return outcome
  }

  /// Updates the context from a v2 answer: the session's profile and cart, created codes.
  func learn(from response: IntegrationStateV2, session id: String, sentProfile: String?) {
    if let session = response.customerSession {
      contextState.learn(session: id, profile: session.profileId, cart: session.cartItems)
    } else if let sentProfile {
      contextState.learn(session: id, profile: sentProfile, cart: nil)
    }
    for coupon in response.createdCoupons { contextState.seen.note(coupon.value, in: \.coupons) }
    for referral in response.createdReferrals {
      contextState.seen.note(referral.code, in: \.referrals)
    }
  }

  /// Updates the context from a v1 answer.
  func learn(from response: IntegrationState, session id: String) {
    contextState.learn(
      session: id, profile: response.session.profileId, cart: response.session.cartItems)
  }

  fileprivate func sessionUpdateV1(_ command: CommandNode, pipe: JSONValue?) async throws
    -> CommandOutcome
  {
    let (id, profileArgument) = try await selectSession(command, pipe: pipe)
    var session = NewCustomerSession(profileId: profileArgument ?? contextState.profileId)
    session.coupon = try await optionalString(
      command.argument("coupon")?.value, "coupon=", pipe: pipe)
    session.referral = try await optionalString(
      command.argument("referral")?.value, "referral=", pipe: pipe)
    if let argument = command.argument("total") {
      session.total = try await decimal(argument.value, "total=", pipe: pipe)
    }
    if let argument = command.argument("identifiers") {
      session.identifiers = try await stringList(argument.value, "identifiers=", pipe: pipe)
    }
    if let argument = command.argument("attributes") {
      session.attributes = .object(try await object(argument.value, "attributes=", pipe: pipe))
    }
    if let state = try await optionalString(command.argument("state")?.value, "state=", pipe: pipe)
    {
      session.state = SessionState(rawValue: state)
    }
    session.cartItems = try await cartItems(command, session: id, pipe: pipe)
    if let coupon = session.coupon { contextState.seen.note(coupon, in: \.coupons) }
    let body = session
    let (response, outcome) = try await callAPI(
      IntegrationCatalogue.updateCustomerSession, for: command, path: [id], body: body)
    if body.cartItems != nil { contextState.carts[id]?.changed = false }
    learn(from: response, session: id)
    return outcome
  }
}
