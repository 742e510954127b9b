import TalonAPI

extension JSONTextWriter {
  /// JSON as the shell and the runner show it: `indented` (`"key": value`) or compact, and
  /// with `color` wrapped in ANSI styles: keys blue, strings green, numbers cyan, `true`,
  /// `false` and `null` magenta.
  static func forPeople(indented: Bool, color: Bool) -> JSONTextWriter {
    JSONTextWriter(
      layout: indented ? .indented : .compact, highlight: color ? ansiHighlight : nil)
  }

  /// The colour hook with the styles above.
  static let ansiHighlight: Highlight = { token in
    let style: ANSIStyle
    switch token {
    case .key: style = .blue
    case .string: style = .green
    case .number: style = .cyan
    case .literal: style = .magenta
    }
    return (before: style.on, after: ANSIStyle.off)
  }
}
