import Foundation
import TalonAPI

/// The signatures of Talang's functions and of the effects: what each argument must be and
/// what the call gives. A mismatch that no data can repair (a string literal where a number is
/// needed, a field of the wrong type) is a load error at the argument's pointer; a value of
/// unknown type (`any`) passes and the evaluation decides. The checks follow what the evaluator
/// accepts (`Functions`), so nothing that can evaluate is refused.
extension ExpressionCompiler {
  /// What an argument must be.
  enum Requirement {
    case number, string, boolean, time, list
    /// Ordered by `< <= > >=`: a number, a string or a time.
    case comparable
    /// Counted by `count`: a string, a list or an object.
    case countable

    var wording: String {
      switch self {
      case .number: "a number"
      case .string: "a string"
      case .boolean: "a boolean"
      case .time: "a time"
      case .list: "a list"
      case .comparable: "a number, a string or a time"
      case .countable: "a string, a list or an object"
      }
    }
  }

  /// Refuses `typed` where `requirement` cannot hold; `what` names the user (`'*'`).
  func require(_ typed: Typed, _ requirement: Requirement, _ what: String, at pointer: String)
    throws
  {
    let type = typed.type
    let holds: Bool
    switch (requirement, type) {
    case (_, .any): holds = true
    case (.number, .number), (.string, .string), (.boolean, .boolean), (.list, .list):
      holds = true
    case (.time, .time): holds = true
    case (.time, .string):
      // A string holding an RFC 3339 time is a time; a literal can be checked now.
      if case .literal(.string(let text)) = typed.expression {
        holds = RFC3339.date(from: text) != nil
      } else {
        holds = true
      }
    case (.comparable, .number), (.comparable, .string), (.comparable, .time): holds = true
    case (.countable, .string), (.countable, .list): holds = true
    case (.countable, let other): holds = other.isObject
    default: holds = false
    }
    guard !holds else { return }
    let got: String =
      if case .literal(.string(let text)) = typed.expression {
        "the string \(JSONValue.string(text).jsonText)"
      } else {
        type.withArticle
      }
    let subject = what.hasPrefix("'") ? "\(what) expects" : "\(what) must be"
    try fail(
      CampaignFileError(pointer: pointer, message: "\(subject) \(requirement.wording), got \(got)"))
  }

  /// Checks a call's arguments against `op`'s signature and gives the result's type.
  func signatureType(_ op: Operator, _ arguments: [Typed], at pointers: [String], call: String)
    throws -> StaticType
  {
    let name = "'\(op.rawValue)'"
    func need(_ index: Int, _ requirement: Requirement) throws {
      guard arguments.indices.contains(index) else { return }
      try require(arguments[index], requirement, name, at: pointers[index])
    }
    func needAll(_ requirement: Requirement, from start: Int = 0) throws {
      for index in arguments.indices where index >= start { try need(index, requirement) }
    }
    switch op {
    case .and, .or, .not:
      try needAll(.boolean)
      return .boolean
    case .catch:
      return arguments[0].type == arguments[1].type ? arguments[0].type : .any
    case .noop, .set, .setTemplate:
      return .null
    case .kv:
      return .object
    case .do:
      return arguments[1].type
    case .useTemplate:
      return .any
    case .templateParameter:
      try need(0, .number)
      return .any
    case .couponValid, .referralValid:
      return .boolean
    case .equal, .notEqual:
      return .boolean
    case .less, .lessOrEqual, .greater, .greaterOrEqual, .between:
      try needAll(.comparable)
      try checkOrdered(arguments, at: pointers, name: name)
      return .boolean
    case .betweenTimes, .before, .after:
      try needAll(.time)
      return .boolean
    case .minus, .times, .divide, .mod, .floor, .ceil:
      try needAll(.number)
      return .number
    case .plus:
      // Numbers add; any string makes it `concat`.
      if arguments.contains(where: { $0.type == .string }) { return .string }
      for (index, argument) in arguments.enumerated() where argument.type != .any {
        guard argument.type == .number else {
          try fail(
            CampaignFileError(
              pointer: pointers[index],
              message: "'+' expects numbers or strings, got \(argument.type.withArticle)"))
          return .any
        }
      }
      return arguments.allSatisfy { $0.type == .number } ? .number : .any
    case .concat, .toString:
      return .string
    case .contains, .notContains:
      return .boolean
    case .startsWith, .endsWith, .matches:
      try needAll(.string)
      return .boolean
    case .join:
      try need(0, .list)
      try need(1, .string)
      return .string
    case .split:
      try needAll(.string)
      return .list(.string)
    case .firstName, .lastName:
      try need(0, .string)
      return .string
    case .list:
      let types = Set(arguments.map(\.type))
      return .list(types.count == 1 ? types.first! : .any)
    case .count:
      try need(0, .countable)
      return .number
    case .isEmpty:
      return .boolean
    case .head:
      try need(0, .list)
      return arguments[0].type.element ?? .any
    case .item:
      try need(0, .list)
      try need(1, .number)
      return arguments[0].type.element ?? .any
    case .tail, .drop, .reverse:
      try need(0, .list)
      return arguments[0].type
    case .sort:
      try need(0, .list)
      try need(1, .boolean)
      return arguments[0].type
    case .append, .push:
      try need(0, .list)
      let element = arguments[0].type.element ?? .any
      return arguments.dropFirst().allSatisfy { $0.type == element }
        ? arguments[0].type : .list(.any)
    case .min, .max:
      if arguments.count == 1 {
        try need(0, .list)
        return arguments[0].type.element ?? .any
      }
      try needAll(.comparable)
      let types = Set(arguments.map(\.type))
      return types.count == 1 ? types.first! : .any
    case .sum:
      try need(0, .list)
      if arguments.count == 1 {
        if let element = arguments[0].type.element {
          try require(
            Typed(expression: .literal(.null), type: element), .number,
            "'sum' of a list: its elements", at: pointers[0])
        }
      } else {
        try need(1, .number)
      }
      return .number
    case .map:
      try need(0, .list)
      return .list(arguments[1].type)
    case .filter:
      try need(0, .list)
      try need(1, .boolean)
      return arguments[0].type
    case .exists, .every:
      try need(0, .list)
      try need(1, .boolean)
      return .boolean
    case .sortByNumber, .sortByString:
      try need(0, .list)
      try need(1, op == .sortByNumber ? .number : .string)
      try need(2, .boolean)
      return arguments[0].type
    case .addDuration, .subDuration:
      try need(0, .time)
      try need(1, .number)
      try need(2, .string)
      return .time
    case .parseTime:
      try needAll(.string)
      return .time
    case .formatTime:
      try need(0, .time)
      try needAll(.string, from: 1)
      return .string
    case .matchTime:
      try need(0, .time)
      try need(1, .time)
      try needAll(.string, from: 2)
      return .boolean
    case .date, .year, .month, .monthDay, .weekday, .hour, .minute:
      try need(0, .time)
      try need(1, .string)
      return .string
    case .days:
      try need(0, .time)
      return .number
    case .daysBetween:
      try needAll(.time)
      return .number
    case .setDiscount:
      try need(0, .string)
      try need(1, .number)
      return .null
    case .setDiscountPerItem:
      try need(0, .string)
      try need(1, .list)
      try need(2, .number)
      return .null
    case .addLoyaltyPoints:
      try need(0, .number)
      try need(1, .number)
      try need(2, .string)
      return .null
    case .deductLoyaltyPoints:
      try needAll(.number)
      return .null
    case .addFreeItem, .showNotification:
      try needAll(.string)
      return .null
    case .updateAttribute:
      try need(0, .string)
      try checkUpdatedAttribute(arguments, at: pointers)
      return .null
    case .triggerWebhook:
      try need(0, .number)
      try need(1, .string)
      return .null
    case .createCoupon, .createReferral, .error:
      return .null
    }
  }

  /// `< <= > >= between` compare numbers with numbers or strings that hold numbers, and times
  /// with times or strings that hold times: a literal that can never compare is refused.
  private func checkOrdered(_ arguments: [Typed], at pointers: [String], name: String) throws {
    let types = Set(arguments.map(\.type))
    for (index, argument) in arguments.enumerated() {
      guard case .literal(.string(let text)) = argument.expression else { continue }
      let quoted = JSONValue.string(text).jsonText
      if types.contains(.number), Functions.decimal(text) == nil {
        return try fail(
          CampaignFileError(
            pointer: pointers[index],
            message: "\(name) compares numbers here, got the string \(quoted)"))
      }
      if types.contains(.time), RFC3339.date(from: text) == nil {
        return try fail(
          CampaignFileError(
            pointer: pointers[index],
            message: "\(name) compares times here, got the string \(quoted)"))
      }
    }
    if types.contains(.number), types.contains(.time),
      let index = arguments.firstIndex(where: { $0.type == .time })
    {
      try fail(
        CampaignFileError(
          pointer: pointers[index], message: "\(name) cannot compare a time with a number"))
    }
  }

  /// `updateAttribute` with a literal path: `Profile.Attributes.<name>` or
  /// `Session.Attributes.<name>`, a declared attribute (when the file declares any) of the value's
  /// type.
  private func checkUpdatedAttribute(_ arguments: [Typed], at pointers: [String]) throws {
    guard case .literal(.string(let path)) = arguments[0].expression else { return }
    let parts = path.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
      .map(String.init)
    guard parts.count == 3, ["Profile", "Session"].contains(parts[0]), parts[1] == "Attributes",
      !parts[2].isEmpty
    else {
      return try fail(
        CampaignFileError(
          pointer: pointers[0],
          message:
            "updateAttribute needs 'Profile.Attributes.<name>' or 'Session.Attributes.<name>', got \(JSONValue.string(path).jsonText)"
        ))
    }
    let type = try attributeType(parts[2], of: parts[0], spelled: path, at: pointers[0])
    let requirement: Requirement? =
      switch type {
      case .number: .number
      case .string: .string
      case .boolean: .boolean
      case .time: .time
      case .list: .list
      default: nil
      }
    if let requirement {
      try require(arguments[1], requirement, "the value of \(path)", at: pointers[1])
    }
  }
}
