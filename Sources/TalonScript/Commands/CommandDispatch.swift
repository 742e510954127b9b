import TalonAPI

extension Interpreter {
  /// Runs one command; `pipe` is the previous stage's value in a pipe.
  func execute(_ command: CommandNode, pipe: JSONValue?) async throws -> CommandOutcome {
    switch command.kind {
    case .raw(let operation):
      return try await executeRaw(operation, command, pipe: pipe)
    case .builtin(let builtin):
      switch builtin {
      case .profileUpdate: return try await profileUpdate(command, pipe: pipe)
      case .profileInventory: return try await profileInventory(command, pipe: pipe)
      case .profileDeleteData: return try await profileDeleteData(command, pipe: pipe)
      case .sessionUpdate: return try await sessionUpdate(command, pipe: pipe)
      case .sessionUpdateV1: return try await sessionUpdateV1(command, pipe: pipe)
      case .sessionClose: return try await sessionState(.closed, command, pipe: pipe)
      case .sessionCancel: return try await sessionState(.cancelled, command, pipe: pipe)
      case .eventTrack: return try await eventTrack(command, pipe: pipe)
      case .couponReserve: return try await couponReservation(create: true, command, pipe: pipe)
      case .couponUnreserve: return try await couponReservation(create: false, command, pipe: pipe)
      case .couponHolders: return try await couponHolders(command, pipe: pipe)
      case .couponReserved: return try await couponReserved(command, pipe: pipe)
      case .referralCreate: return try await referralCreate(command, pipe: pipe)
      case .cartShow: return cartOutcome()
      case .cartAdd: return try await cartAdd(command, pipe: pipe)
      case .cartRemove: return try await cartRemove(command, pipe: pipe)
      case .cartClear:
        contextState.currentCart = ContextState.Cart(items: [], changed: true)
        return cartOutcome()
      case .useProfile: return try await useProfile(command, pipe: pipe)
      case .useSession: return try await useSession(command, pipe: pipe)
      case .clockShow, .clockSet, .clockAdvance:
        return try await clock(builtin, command, pipe: pipe)
      case .context: return CommandOutcome(value: contextValue, kind: .value)
      case .vars:
        return CommandOutcome(value: .object(frames[frames.count - 1].variables), kind: .value)
      case .help: return try await help(command, pipe: pipe)
      case .sleep: return try await sleep(command, pipe: pipe)
      case .exit: return try await exit(command, pipe: pipe)
      case .echo: return try await echo(command, pipe: pipe)
      case .run: return try await runScript(command, pipe: pipe)
      }
    }
  }
}
