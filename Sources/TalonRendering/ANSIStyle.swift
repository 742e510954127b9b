/// ANSI styles of the shell and the runner, applied only when colour is enabled.
public enum ANSIStyle: String, Sendable {
  case bold = "1"
  case red = "31"
  case green = "32"
  case yellow = "33"
  case blue = "34"
  case magenta = "35"
  case cyan = "36"
  case dim = "2"

  /// The escape sequence that turns this style on.
  public var on: String { "\u{1B}[\(rawValue)m" }

  /// The escape sequence that turns every style off.
  public static let off = "\u{1B}[0m"

  /// `text` wrapped in this style, or `text` unchanged when `enabled` is false.
  public func apply(_ text: String, enabled: Bool) -> String {
    enabled ? on + text + Self.off : text
  }
}
