import TalonScript

/// Where presenter mode stops in a program: at each top-level API command and at each
/// statement a narration (`#> ...`) precedes. A step is one stop and the plumbing after it
/// (`let`, `expect`, `echo`, loops, ...) up to the next stop; the plumbing before the first
/// stop is the prelude, which runs before anything is shown.
struct PresenterPlan {
  /// One stop and the statements that run with it, as indices into the program's statements.
  struct Step {
    /// The statement the presenter stops at.
    var stop: Int
    /// The first statement of the next step (or the end of the program).
    var end: Int
    /// The caption shown before the stop, if a narration precedes it.
    var caption: Caption?

    /// The stop and the plumbing after it.
    var statements: Range<Int> { stop..<end }
  }

  /// The statements before the first stop.
  let prelude: Range<Int>
  let steps: [Step]

  init(program: Program) {
    let statements = program.statements
    var stops: [(index: Int, caption: Caption?)] = []
    for (index, statement) in statements.enumerated()
    where statement.caption != nil || statement.isNarration || statement.isAPICommand {
      stops.append((index, statement.caption))
    }
    prelude = 0..<(stops.first?.index ?? statements.count)
    steps = stops.enumerated().map { number, stop in
      let end = number + 1 < stops.count ? stops[number + 1].index : statements.count
      return Step(stop: stop.index, end: end, caption: stop.caption)
    }
  }
}
