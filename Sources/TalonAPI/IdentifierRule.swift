/// The one rule for identifiers, wherever they arrive: in the path of a request or inside its
/// body, over HTTP or in process.
///
/// Decided here (the reference puts no limits on the characters of ids; `docs/behaviour.md`,
/// "Identifiers"): an identifier must not contain a control character (U+0000...U+001F,
/// U+007F...U+009F: NUL, line breaks, terminal escape sequences). No real id holds one, and
/// refusing them keeps such bytes out of the store, the logs and the terminal. The
/// identifiers are the path parameters and, in bodies, profile ids (`profileId`,
/// `integrationIDs`, the referral's advocate and friend), session ids (`sessionId`), coupon and
/// referral codes (`coupon`, `couponCodes`, `referral`, `referralCode`), session
/// `identifiers` and event `type`s. Free text (attribute values, cart item fields) is not an
/// identifier and may hold anything JSON can. A violation is a 400 titled `type`, like the
/// other validation errors, naming the parameter (`source.parameter`) or the JSON pointer of
/// the field (`source.pointer`).
public enum IdentifierRule {
  /// True when `text` holds a control character (general category Cc).
  public static func containsControlCharacter(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
  }

  /// Refuses an identifier from a request body; `pointer` is its JSON pointer.
  public static func checkField(_ value: String, pointer: String) throws {
    guard containsControlCharacter(value) else { return }
    let name = pointer.split(separator: "/").last { Int($0) == nil }.map(String.init) ?? pointer
    throw IntegrationError.badRequest(
      "\(name) must not contain control characters", title: "type", pointer: pointer)
  }

  /// Refuses an identifier from the path; `name` is the path parameter's.
  public static func checkParameter(_ value: String, name: String) throws {
    guard containsControlCharacter(value) else { return }
    throw IntegrationError.badRequest(
      "the path parameter \(name) must not contain control characters", title: "type",
      parameter: name)
  }
}
