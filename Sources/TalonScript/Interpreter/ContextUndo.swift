/// The undo side of `ContextState`: a failed command leaves the context as it was, without
/// copying it before each command.
///
/// Why: keeping a copy of the whole context while a command ran made every change to a cart,
/// a session's profile or the seen identifiers copy the whole dictionary or list it changed
/// (copy on write), so a workflow of thousands of sessions paid for all of them on every
/// session update. Now each change made under a checkpoint notes what it replaced, and a
/// rollback puts those back, newest first.
extension ContextState {
  /// Where the context stood when a command started.
  struct Checkpoint {
    fileprivate var profileId: String?
    fileprivate var sessionId: String?
    fileprivate var carts: Int
    fileprivate var sessionProfiles: Int
    fileprivate var seen: Int
  }

  /// Starts noting changes (checkpoints nest: a command may run others).
  mutating func checkpoint() -> Checkpoint {
    undoDepth += 1
    carts.isRecording = true
    sessionProfiles.isRecording = true
    seen.isRecording = true
    return Checkpoint(
      profileId: profileId, sessionId: sessionId, carts: carts.changeCount,
      sessionProfiles: sessionProfiles.changeCount, seen: seen.changeCount)
  }

  /// Keeps the changes made since `checkpoint`.
  mutating func commit(_ checkpoint: Checkpoint) {
    endCheckpoint()
  }

  /// Puts the context back as it was at `checkpoint`. A context replaced meanwhile (the
  /// shell's `connect` starts a fresh one) stays as it is.
  mutating func rollback(to checkpoint: Checkpoint) {
    guard undoDepth > 0 else { return }
    profileId = checkpoint.profileId
    sessionId = checkpoint.sessionId
    carts.undo(to: checkpoint.carts)
    sessionProfiles.undo(to: checkpoint.sessionProfiles)
    seen.undo(to: checkpoint.seen)
    endCheckpoint()
  }

  private mutating func endCheckpoint() {
    guard undoDepth > 0 else { return }
    undoDepth -= 1
    if undoDepth == 0 {
      carts.forgetChanges()
      sessionProfiles.forgetChanges()
      seen.forgetChanges()
    }
  }
}

/// A dictionary that notes, while recording, the value each change replaced.
struct UndoableDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  private(set) var values: [Key: Value] = [:]
  private var changes: [(key: Key, old: Value?)] = []
  fileprivate var isRecording = false

  subscript(key: Key) -> Value? {
    get { values[key] }
    set {
      if isRecording { changes.append((key, values[key])) }
      values[key] = newValue
    }
  }

  fileprivate var changeCount: Int { changes.count }

  fileprivate mutating func undo(to count: Int) {
    while changes.count > count {
      let change = changes.removeLast()
      values[change.key] = change.old
    }
  }

  fileprivate mutating func forgetChanges() {
    changes.removeAll(keepingCapacity: true)
    isRecording = false
  }
}

/// `SeenIdentifiers` that notes, while recording, what each `note` added and dropped.
@dynamicMemberLookup
struct SeenLog: Sendable {
  /// The lists of `SeenIdentifiers` (key paths are not `Sendable`, so changes name these).
  private enum List: Sendable, CaseIterable {
    case profiles, sessions, coupons, referrals

    var keyPath: WritableKeyPath<SeenIdentifiers, [String]> {
      switch self {
      case .profiles: \.profiles
      case .sessions: \.sessions
      case .coupons: \.coupons
      case .referrals: \.referrals
      }
    }
  }

  private(set) var identifiers = SeenIdentifiers()
  private var changes: [(list: List, dropped: String?)] = []
  fileprivate var isRecording = false

  subscript<T>(dynamicMember keyPath: KeyPath<SeenIdentifiers, T>) -> T {
    identifiers[keyPath: keyPath]
  }

  /// Adds `value` to the list `keyPath` names (see `SeenIdentifiers.note`).
  mutating func note(_ value: String, in keyPath: WritableKeyPath<SeenIdentifiers, [String]>) {
    guard let added = identifiers.note(value, in: keyPath), isRecording,
      let list = List.allCases.first(where: { $0.keyPath == keyPath })
    else { return }
    changes.append((list, added.dropped))
  }

  fileprivate var changeCount: Int { changes.count }

  fileprivate mutating func undo(to count: Int) {
    while changes.count > count {
      let change = changes.removeLast()
      identifiers[keyPath: change.list.keyPath].removeLast()
      if let first = change.dropped {
        identifiers[keyPath: change.list.keyPath].insert(first, at: 0)
      }
    }
  }

  fileprivate mutating func forgetChanges() {
    changes.removeAll(keepingCapacity: true)
    isRecording = false
  }
}
