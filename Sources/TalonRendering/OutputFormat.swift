/// How the shell (and the runner) show results: `set output ...`, `--output ...`.
public enum OutputFormat: String, Sendable, CaseIterable {
  /// Compact JSON, one line per result: for machines and pipes.
  case json
  /// Indented JSON, coloured on a terminal: the default.
  case pretty
  /// The demo view: effects in plain words and the cart totals for session and event results;
  /// other results as `pretty`.
  case summary
}
