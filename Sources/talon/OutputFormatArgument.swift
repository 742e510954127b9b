import ArgumentParser
import TalonRendering
import TalonShell

extension OutputFormat {
  /// Reads `--output json|pretty|summary` (for the shell and `talon run`).
  static func parseArgument(_ text: String) throws -> OutputFormat {
    guard let format = OutputFormat(rawValue: text) else {
      throw ValidationError("--output must be json, pretty or summary, not '\(text)'")
    }
    return format
  }
}
