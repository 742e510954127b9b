import TalonAPI

/// The shell's context as the prompt and `context` show it: current profile, current session
/// and that session's cart. It belongs to the interpreter, not to a script scope: `run`
/// shares it.
public struct ScriptContext: Sendable, Equatable {
  public var profileId: String?
  public var sessionId: String?
  /// The current session's cart (the unattached cart when no session is current).
  public var cart: [CartItem]
  /// True when a `cart` command changed the cart since the last session update, so the next
  /// session update without `items=` sends it.
  public var cartChanged: Bool
}

/// Ids and codes seen in this interpreter, oldest first, for the shell's completion.
public struct SeenIdentifiers: Sendable, Equatable {
  public var profiles: [String] = []
  public var sessions: [String] = []
  public var coupons: [String] = []
  public var referrals: [String] = []

  static let limit = 1000

  /// What `note` changed: it appended the value and, beyond the limit, dropped the oldest.
  struct Addition {
    var dropped: String?
  }

  /// Appends `value` to the list `keyPath` names unless it is empty or there already; nil when
  /// nothing changed.
  @discardableResult
  mutating func note(_ value: String, in keyPath: WritableKeyPath<SeenIdentifiers, [String]>)
    -> Addition?
  {
    guard !value.isEmpty, !self[keyPath: keyPath].contains(value) else { return nil }
    self[keyPath: keyPath].append(value)
    guard self[keyPath: keyPath].count > Self.limit else { return Addition() }
    return Addition(dropped: self[keyPath: keyPath].removeFirst())
  }
}

/// The mutable context behind `ScriptContext`.
///
/// Decisions: a cart built with no current session is unattached and is adopted by the next
/// session made current; `use profile X` (or a profile command naming X) forgets the current
/// session when that session is known to belong to another profile; context ids become
/// current when a command naming them is sent, whatever the answer.
struct ContextState: Sendable {
  struct Cart: Sendable {
    var items: [CartItem] = []
    var changed = false
  }

  var profileId: String?
  var sessionId: String?
  /// Carts by session id; "" is the unattached cart.
  var carts = UndoableDictionary<String, Cart>()
  /// The profile each known session belongs to.
  var sessionProfiles = UndoableDictionary<String, String>()
  var seen = SeenLog()
  /// How many checkpoints are open (see `ContextUndo.swift`).
  var undoDepth = 0

  var cartKey: String { sessionId ?? "" }

  var currentCart: Cart {
    get { carts[cartKey] ?? Cart() }
    set { carts[cartKey] = newValue }
  }

  var snapshot: ScriptContext {
    ScriptContext(
      profileId: profileId, sessionId: sessionId, cart: currentCart.items,
      cartChanged: currentCart.changed)
  }

  mutating func selectProfile(_ id: String) {
    if let sessionId, let owner = sessionProfiles[sessionId], !owner.isEmpty, owner != id {
      self.sessionId = nil
    }
    profileId = id
    seen.note(id, in: \.profiles)
  }

  /// Makes a session current, and its profile (given, or known) the current profile.
  mutating func selectSession(_ id: String, profile: String? = nil) {
    if sessionId == nil, carts[id] == nil, let unattached = carts[""], unattached.changed {
      carts[id] = unattached
      carts[""] = nil
    }
    sessionId = id
    seen.note(id, in: \.sessions)
    if let profile, !profile.isEmpty {
      profileId = profile
      sessionProfiles[id] = profile
      seen.note(profile, in: \.profiles)
    } else if let owner = sessionProfiles[id], !owner.isEmpty {
      profileId = owner
    }
  }

  /// Learns from a session the server returned: its profile and its stored cart.
  mutating func learn(session id: String, profile: String, cart: [CartItem]?) {
    if !profile.isEmpty {
      sessionProfiles[id] = profile
      seen.note(profile, in: \.profiles)
      if sessionId == id { profileId = profile }
    }
    if let cart, carts[id]?.changed != true {
      carts[id] = Cart(items: cart, changed: false)
    }
  }
}
