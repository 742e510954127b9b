import Foundation
import Synchronization
import TalonAPI
import TalonScript

/// What completion knows about the interpreter: a copy taken after every evaluation, so the
/// completer (on the line editor's thread) never waits for the interpreter.
public struct ShellState: Sendable {
  public var profileId: String?
  public var sessionId: String?
  public var variables: [String: JSONValue]
  public var last: JSONValue
  /// Ids and codes seen in this shell (`Interpreter.seen`), oldest first.
  public var profiles: [String]
  public var sessions: [String]
  public var coupons: [String]
  /// The SKUs in the current cart, for `cart remove`.
  public var cartSKUs: [String]
  /// Coupon codes the backend is known to have besides those seen (the campaign pack's).
  public var knownCoupons: [String]
  /// The campaign pack's campaign ids (embedded only).
  public var campaignIds: [String]
  /// The campaign pack's loyalty program ids (embedded only).
  public var programIds: [String]
  /// Environment variable names, for `$env.`.
  public var environmentNames: [String]
  /// Where `run` resolves relative paths.
  public var workingDirectory: String

  public init(
    profileId: String? = nil, sessionId: String? = nil, variables: [String: JSONValue] = [:],
    last: JSONValue = .null, profiles: [String] = [], sessions: [String] = [],
    coupons: [String] = [], cartSKUs: [String] = [], knownCoupons: [String] = [],
    campaignIds: [String] = [], programIds: [String] = [], environmentNames: [String] = [],
    workingDirectory: String = FileManager.default.currentDirectoryPath
  ) {
    self.profileId = profileId
    self.sessionId = sessionId
    self.variables = variables
    self.last = last
    self.profiles = profiles
    self.sessions = sessions
    self.coupons = coupons
    self.cartSKUs = cartSKUs
    self.knownCoupons = knownCoupons
    self.campaignIds = campaignIds
    self.programIds = programIds
    self.environmentNames = environmentNames
    self.workingDirectory = workingDirectory
  }
}

/// The latest ``ShellState``, shared between the evaluator (which replaces it) and the
/// completer (which reads it), under a lock.
public final class ShellStateSnapshot: Sendable {
  private let state: Mutex<ShellState>

  public init(_ state: ShellState = ShellState()) {
    self.state = Mutex(state)
  }

  public var current: ShellState {
    get { state.withLock { $0 } }
    set { state.withLock { $0 = newValue } }
  }
}
