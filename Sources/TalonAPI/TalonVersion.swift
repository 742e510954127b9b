/// Versions of talon and of the API it speaks.
public enum TalonVersion {
  /// talon's own version.
  public static let current = "0.4.0"
  /// The Integration API version of the bundled reference document.
  public static let apiVersion = "3.0.0"
}
