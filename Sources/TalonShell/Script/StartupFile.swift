import Foundation
import TalonRendering
import TalonScript

/// The startup file run before the first prompt: `--rc FILE`, or `~/.talonrc`.
///
/// The file is parsed whole as shell input (so shell commands such as `connect` work there) and
/// then run like a workflow: a syntax error anywhere stops it before anything runs, and every
/// error carries the file's real line and column. Output is printed; the first error ends the
/// file, and the shell starts anyway. A missing `~/.talonrc` is silently skipped; a missing
/// `--rc` file is reported.
public struct StartupFile: Sendable {
  /// The file to run, or nil for none.
  public let path: String?
  /// Whether the file was named explicitly (its absence is then an error).
  public let isExplicit: Bool

  /// `explicitPath` (from `--rc`), else `$HOME/.talonrc`.
  public init(path explicitPath: String?, environment: [String: String]) {
    if let explicitPath {
      path = explicitPath
      isExplicit = true
    } else {
      path = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 + "/.talonrc" }
      isExplicit = false
    }
  }

  /// Runs the file's statements on `evaluator`; returns false when something failed.
  @discardableResult
  public func run(
    with evaluator: ScriptEvaluator,
    output: @Sendable (String) -> Void = Terminal.writeStandardOutput,
    errors: @Sendable (String) -> Void = Terminal.writeStandardError
  ) async -> Bool {
    guard let path else { return true }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      if isExplicit || FileManager.default.fileExists(atPath: path) {
        errors("talon: cannot read the startup file \(path)\n")
        return false
      }
      return true
    }
    switch await evaluator.evaluate(text, file: path) {
    case .output(let text):
      if !text.isEmpty { output(text.hasSuffix("\n") ? text : text + "\n") }
      return true
    case .error(let message, _):
      errors(message + "\n")
      return false
    case .exit:
      return true
    }
  }
}
