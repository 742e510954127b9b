/// What presenter mode asks of a statement before running it: whether it is an API command
/// (a stop) and which variables it reads and sets (to skip what a skipped statement would
/// have fed).
extension Statement {
  /// True for an API command at the top of the statement (`session update ...`,
  /// `let s = profile update ...`, piped or not); false for plumbing: `let` of a value,
  /// `expect`, `echo`, `use`, `cart`, loops, conditionals, bare expressions.
  public var isAPICommand: Bool {
    let pipeline: Pipeline
    switch node {
    case .pipeline(let value): pipeline = value
    case .assignment(_, _, let value): pipeline = value
    default: return false
    }
    guard case .command(let command) = pipeline.stages.first else { return false }
    return command.command.spec.operation != nil
  }

  /// The variables the statement reads that it does not set itself first (`last` included,
  /// other reserved names such as `$args` left out), and the variables it sets (`let` and
  /// `for` anywhere inside it; `last` when it is an API command).
  public var variableUse: (reads: Set<String>, sets: Set<String>) {
    var checker = ReferenceChecker(
      source: SourceFile(name: location.file, text: ""), defined: [])
    checker.check([self])
    var sets = checker.defined
    if isAPICommand { sets.insert("last") }
    return (checker.reads, sets)
  }
}
