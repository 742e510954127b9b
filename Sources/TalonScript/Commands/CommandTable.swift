import TalonAPI

/// The commands of the language, in the order `help` lists them. Adding a command is one new
/// type (a ``ScriptCommand`` in its own file) and one line here.
enum CommandTable {
  static let friendly: [any ScriptCommand] = [
    ProfileUpdateCommand(),
    ProfileUpdateV1Command(),
    ProfileInventoryCommand(),
    ProfileDeleteDataCommand(),
    SessionUpdateCommand(),
    SessionUpdateV1Command(),
    SessionCloseCommand(),
    SessionCancelCommand(),
    SessionShowCommand(),
    SessionReopenCommand(),
    SessionReturnCommand(),
    EventTrackCommand(),
    EventTrackV1Command(),
    CouponReserveCommand(),
    CouponUnreserveCommand(),
    CouponHoldersCommand(),
    CouponReservedCommand(),
    ReferralCreateCommand(),
    CampaignsCommand(),
    CampaignShowCommand(),
    ExplainCommand(),
    CouponsCommand(),
    LoyaltyProgramsCommand(),
    LoyaltyBalanceCommand(),
    LoyaltyHistoryCommand(),
    CartShowCommand(),
    CartAddCommand(),
    CartRemoveCommand(),
    CartClearCommand(),
    UseProfileCommand(),
    UseSessionCommand(),
    ClockShowCommand(),
    ClockSetCommand(),
    ClockAdvanceCommand(),
    ContextCommand(),
    VarsCommand(),
    HelpCommand(),
    SleepCommand(),
    ExitCommand(),
    EchoCommand(),
    RunCommand(),
    SetOutputCommand(),
    ConnectCommand(),
    ResetCommand(),
    ReloadCommand(),
    HistoryCommand(),
    SetPagerCommand(),
    ClearCommand(),
    RecordStartCommand(),
    RecordStopCommand(),
    RecordStatusCommand(),
  ]

  /// The operations called by their SDK name: one command type, one entry per operation.
  static let operations: [any ScriptCommand] = IntegrationOperation.allCases.map(
    OperationCommand.init)

  /// Every command: the friendly ones, then the operations.
  static let all: [any ScriptCommand] = friendly + operations

  /// The friendly commands whose first word is `word` (`session` → update, close, ...).
  static func family(_ word: String) -> [any ScriptCommand] { families[word] ?? [] }

  private static let families = Dictionary(grouping: friendly, by: { $0.spec.words[0] })

  /// The command an operation's SDK name (any case) names.
  static func operation(named word: String) -> (any ScriptCommand)? {
    IntegrationOperation.named(word).flatMap { byOperation[$0] }
  }

  private static let byOperation = Dictionary(
    uniqueKeysWithValues: IntegrationOperation.allCases.map {
      ($0, OperationCommand($0) as any ScriptCommand)
    })

  /// The command words after which the next argument is a bare file path
  /// (`run ../lib/x.tw`, `record start /tmp/a.tw`), for the lexer.
  static let pathCommands: [[String]] = friendly.compactMap { command in
    command.spec.positional.first?.type == .path ? command.spec.words : nil
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
  /// Whether it works only in a shell session (not in `.tw` files).
  public var isShellOnly: Bool
  /// For each positional argument, the words it takes when it is a fixed choice (else empty).
  public var positionalChoices: [[String]]
  /// Whether its first argument is a file path (`run`, `record start`).
  public var takesPath: Bool
}

extension CommandInfo {
  /// The friendly commands, then the operations by SDK name.
  public static let all: [CommandInfo] = CommandTable.all.map { command in
    let spec = command.spec
    return CommandInfo(
      words: spec.words, usage: spec.usage, summary: spec.summary, keys: spec.keys.map(\.name),
      operation: spec.operation, isShellOnly: spec.availability == .shellOnly,
      positionalChoices: spec.positional.map { argument in
        if case .choice(let words) = argument.type { return words }
        return []
      },
      takesPath: spec.positional.first?.type == .path)
  }

  /// The statement keywords (`let`, `expect`, `if`, `else`, `for`, `in`, `repeat`).
  public static let keywords = ["let", "expect", "if", "else", "for", "in", "repeat"]

  /// The functions usable in expressions.
  public static let functions = ["len", "keys", "uuid", "now", "random"]
}
