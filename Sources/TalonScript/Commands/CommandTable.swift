import TalonAPI

/// Every command of the language (not the statements `let`, `expect`, `if`, `for`, `repeat`).
enum BuiltinCommand: String, CaseIterable, Sendable {
  case profileUpdate = "profile update"
  case profileInventory = "profile inventory"
  case profileDeleteData = "profile delete-data"
  case sessionUpdate = "session update"
  case sessionUpdateV1 = "session update-v1"
  case sessionClose = "session close"
  case sessionCancel = "session cancel"
  case eventTrack = "event track"
  case couponReserve = "coupon reserve"
  case couponUnreserve = "coupon unreserve"
  case couponHolders = "coupon holders"
  case couponReserved = "coupon reserved"
  case referralCreate = "referral create"
  case cartShow = "cart"
  case cartAdd = "cart add"
  case cartRemove = "cart remove"
  case cartClear = "cart clear"
  case useProfile = "use profile"
  case useSession = "use session"
  case clockShow = "clock"
  case clockSet = "clock set"
  case clockAdvance = "clock advance"
  case context
  case vars
  case help
  case sleep
  case exit
  case echo
  case run

  var words: [String] { Self.wordsOf[self] ?? [rawValue] }

  private static let wordsOf = Dictionary(
    uniqueKeysWithValues: allCases.map { ($0, $0.rawValue.split(separator: " ").map(String.init)) })

  /// The commands whose first word is `word` (`session` → update, close, ...), in table order.
  static func family(_ word: String) -> [BuiltinCommand] { families[word] ?? [] }

  private static let families = Dictionary(grouping: allCases, by: { $0.words[0] })
}

/// A command: one of the friendly commands, or an operation called by its SDK name.
enum CommandKind: Sendable, Equatable {
  case builtin(BuiltinCommand)
  case raw(IntegrationOperation)

  var name: String {
    switch self {
    case .builtin(let command): command.rawValue
    case .raw(let operation): operation.sdkName
    }
  }
}

/// The shape of a command's arguments, checked by the parser.
struct CommandSpec: Sendable {
  var usage: String
  var summary: String
  /// Fewest and most positional arguments (`nil`: no upper bound).
  var positional: ClosedRange<Int>?
  var minimumPositional: Int
  /// Allowed `key=` names; `nil` allows any key (attributes, script arguments).
  var keys: [String]?
  var operation: IntegrationOperation?

  init(
    _ usage: String, _ summary: String, positional: ClosedRange<Int>? = 0...0,
    minimumPositional: Int = 0, keys: [String]? = [], operation: IntegrationOperation? = nil
  ) {
    self.usage = usage
    self.summary = summary
    self.positional = positional
    self.minimumPositional = positional?.lowerBound ?? minimumPositional
    self.keys = keys
    self.operation = operation
  }
}

extension CommandKind {
  // swift-format-ignore
  var spec: CommandSpec {
    switch self {
    case .raw(let operation):
      let hasBody = operation.requestSchema != nil
      let count = operation.pathParameters.count + (hasBody ? 1 : 0)
      let usage = [operation.sdkName] + operation.pathParameters.map { $0.uppercased() }
        + (hasBody ? ["BODY"] : []) + operation.queryParameters.map { "[\($0.name)=...]" }
      return CommandSpec(
        usage.joined(separator: " "),
        "\(operation.method) \(operation.pathTemplate) with a raw JSON body",
        positional: count...count, keys: operation.queryParameters.map(\.name), operation: operation)
    case .builtin(let command):
      return command.spec
    }
  }
}

extension BuiltinCommand {
  static let sessionUpdateKeys = [
    "profile", "coupons", "referral", "items", "costs", "attributes", "identifiers", "state",
    "content",
  ]
  static let sessionUpdateV1Keys = [
    "profile", "coupon", "referral", "total", "items", "identifiers", "attributes", "state",
  ]

  // swift-format-ignore
  var spec: CommandSpec {
    switch self {
    case .profileUpdate:
      CommandSpec("profile update [ID] [attr=value ...]", "create or update a profile's attributes (UpdateCustomerProfile)", positional: 0...2, keys: nil, operation: .updateCustomerProfile)
    case .profileInventory:
      CommandSpec("profile inventory [ID] [profile=BOOL] [referrals=BOOL]", "what is stored about a customer (GetCustomerInventory)", positional: 0...1, keys: ["profile", "referrals"], operation: .getCustomerInventory)
    case .profileDeleteData:
      CommandSpec("profile delete-data ID", "delete a customer's personal data (DeleteCustomerData)", positional: 1...1, operation: .deleteCustomerData)
    case .sessionUpdate:
      CommandSpec("session update [ID] [profile=] [coupons=[...]] [referral=] [items=[...]] [costs={...}] [attributes={...}] [identifiers=[...]] [state=] [content=[...]]", "update a session and get its effects (UpdateCustomerSessionV2)", positional: 0...1, keys: Self.sessionUpdateKeys, operation: .updateCustomerSessionV2)
    case .sessionUpdateV1:
      CommandSpec("session update-v1 [ID] [profile=] [coupon=] [referral=] [total=] [items=[...]] [identifiers=[...]] [attributes={...}] [state=]", "the v1 session update (UpdateCustomerSession)", positional: 0...1, keys: Self.sessionUpdateV1Keys, operation: .updateCustomerSession)
    case .sessionClose:
      CommandSpec("session close [ID]", "close a session: redeem its coupons and points (UpdateCustomerSessionV2)", positional: 0...1, keys: ["content"], operation: .updateCustomerSessionV2)
    case .sessionCancel:
      CommandSpec("session cancel [ID]", "cancel a session, rolling back a closed one (UpdateCustomerSessionV2)", positional: 0...1, keys: ["content"], operation: .updateCustomerSessionV2)
    case .eventTrack:
      CommandSpec("event track TYPE [attr=value ...]", "track a custom event on the current session (TrackEvent)", positional: 1...2, keys: nil, operation: .trackEvent)
    case .couponReserve:
      CommandSpec("coupon reserve CODE [ID ...]", "reserve a coupon for profiles, default the current one (CreateCouponReservation)", positional: nil, minimumPositional: 1, operation: .createCouponReservation)
    case .couponUnreserve:
      CommandSpec("coupon unreserve CODE [ID ...]", "remove profiles' reservations (DeleteCouponReservation)", positional: nil, minimumPositional: 1, operation: .deleteCouponReservation)
    case .couponHolders:
      CommandSpec("coupon holders CODE", "the profiles holding a reservation (GetReservedCustomers)", positional: 1...1, operation: .getReservedCustomers)
    case .couponReserved:
      CommandSpec("coupon reserved [ID]", "a profile's usable reserved coupons (GetReservedCoupons)", positional: 0...1, operation: .getReservedCoupons)
    case .referralCreate:
      CommandSpec("referral create CAMPAIGN_ID [advocate=ID] [friend=ID] [start=TIME] [expiry=TIME]", "create a referral code (CreateReferral)", positional: 1...1, keys: ["advocate", "friend", "start", "expiry"], operation: .createReferral)
    case .cartShow:
      CommandSpec("cart", "show the current session's cart")
    case .cartAdd:
      CommandSpec("cart add sku=... name=... price=... [quantity=1] [category=...] [attributes={...}]", "add an item to the cart (sent with the next session update)", keys: ["sku", "name", "price", "quantity", "category", "attributes", "weight", "height", "width", "length", "position"])
    case .cartRemove:
      CommandSpec("cart remove SKU", "remove the items with this SKU from the cart", positional: 1...1)
    case .cartClear:
      CommandSpec("cart clear", "empty the cart (the next session update sends an empty cart)")
    case .useProfile:
      CommandSpec("use profile ID", "make a profile current", positional: 1...1)
    case .useSession:
      CommandSpec("use session ID|new", "make a session current (new: a fresh id)", positional: 1...1)
    case .clockShow:
      CommandSpec("clock", "show the embedded engine's time")
    case .clockSet:
      CommandSpec("clock set TIME", "set the embedded engine's clock", positional: 1...1)
    case .clockAdvance:
      CommandSpec("clock advance DURATION", "move the embedded engine's clock forward (30d, 12h, 15m, 10s)", positional: 1...1)
    case .context:
      CommandSpec("context", "show the current profile, session and cart")
    case .vars:
      CommandSpec("vars", "show the variables")
    case .help:
      CommandSpec("help [COMMAND]", "list the commands or explain one", positional: 0...3)
    case .sleep:
      CommandSpec("sleep SECONDS", "wait", positional: 1...1)
    case .exit:
      CommandSpec("exit [CODE]", "stop with an exit status (default 0)", positional: 0...1)
    case .echo:
      CommandSpec("echo VALUE ...", "print values", positional: nil)
    case .run:
      CommandSpec("run FILE.tw [key=value ...]", "run a script with arguments ($args)", positional: 1...1, keys: nil)
    }
  }
}

/// A command as the shell's completion and `help` see it.
public struct CommandInfo: Sendable, Hashable {
  /// The command words, e.g. `["session", "update"]`, or the SDK name of a raw operation.
  public var words: [String]
  /// A usage line.
  public var usage: String
  /// One line saying what it does.
  public var summary: String
  /// The `key=` argument names it accepts (empty when it takes any key or none).
  public var keys: [String]
  /// The Integration API operation it calls, if any.
  public var operation: IntegrationOperation?
}

extension CommandInfo {
  /// The friendly commands, then the operations by SDK name.
  public static let all: [CommandInfo] =
    BuiltinCommand.allCases.map { command in
      let spec = command.spec
      return CommandInfo(
        words: command.words, usage: spec.usage, summary: spec.summary, keys: spec.keys ?? [],
        operation: spec.operation)
    }
    + IntegrationOperation.allCases.map { operation in
      let spec = CommandKind.raw(operation).spec
      return CommandInfo(
        words: [operation.sdkName], usage: spec.usage, summary: spec.summary,
        keys: spec.keys ?? [], operation: operation)
    }

  /// The statement keywords (`let`, `expect`, `if`, `else`, `for`, `in`, `repeat`).
  public static let keywords = ["let", "expect", "if", "else", "for", "in", "repeat"]

  /// The functions usable in expressions.
  public static let functions = ["len", "keys", "uuid", "now", "random"]
}
