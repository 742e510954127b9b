/// A campaign file the engine refuses: the JSON pointer of the first problem and what is wrong.
/// Its description reads `file: /campaigns/0/ruleset/rules/1/condition: unknown operator 'foo'`.
public struct CampaignFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The JSON pointer of the offending value ("" for the whole document).
  public var pointer: String
  public var message: String
  /// Where the document came from (a path, or `demo-shop.json` for the built-in pack).
  public var source: String

  public init(pointer: String, message: String, source: String = "") {
    self.pointer = pointer
    self.message = message
    self.source = source
  }

  public var description: String {
    let location = pointer.isEmpty ? "/" : pointer
    return source.isEmpty ? "\(location): \(message)" : "\(source): \(location): \(message)"
  }
}
