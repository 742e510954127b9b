import Foundation
import TalonRendering
import TalonScript

/// The startup file run before the first prompt: `--rc FILE`, or `~/.talonrc`.
///
/// Statements are collected line by line as the shell does (multi-line constructs joined
/// while ``Interpreter/isIncomplete(_:)`` says so), so shell statements such as
/// `set output summary` work there too. Output is printed; the first error is reported with
/// its file and line and ends the file, and the shell starts anyway. A missing `~/.talonrc`
/// is silently skipped; a missing `--rc` file is reported.
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
    var pending: [String] = []
    var firstLine = 1
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (index, line) in lines.enumerated() {
      if pending.isEmpty {
        if line.allSatisfy(\.isWhitespace) { continue }
        firstLine = index + 1
      }
      pending.append(line)
      let statement = pending.joined(separator: "\n")
      if Interpreter.isIncomplete(statement) && index < lines.count - 1 { continue }
      pending = []
      switch await evaluator.evaluate(statement, file: path, firstLine: firstLine) {
      case .output(let text):
        if !text.isEmpty { output(text.hasSuffix("\n") ? text : text + "\n") }
      case .error(let message, _):
        errors(Self.locate(message, path: path, line: firstLine) + "\n")
        return false
      case .exit:
        return true
      }
    }
    return true
  }

  /// Shell-statement errors carry no location; give them the file and line.
  static func locate(_ message: String, path: String, line: Int) -> String {
    message.hasPrefix(path + ":") ? message : "\(path):\(line): error: \(message)"
  }
}
