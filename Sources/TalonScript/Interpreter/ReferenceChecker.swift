/// The static check of `talon run --dry-run`: finds references to variables that no `let` or
/// `for` before them defines, and `$` outside a pipe, without running anything.
///
/// Decided here: the check follows the text, not the control flow (a `let` inside an `if`
/// counts as defining the name for the lines after it); scripts reached by `run` are checked
/// by the runner's dry run, not here; `$args`, `$env`, `$last`, `$profile`, `$session` and
/// `$runid` always pass.
struct ReferenceChecker {
  let source: SourceFile
  var defined: Set<String>
  var problems: [ScriptError] = []
  /// Names read before anything in the checked statements defined them (reserved names
  /// other than `last` left out): what a statement needs from the statements before it.
  var reads: Set<String> = []

  mutating func check(_ statements: [Statement]) {
    for statement in statements { check(statement.node) }
  }

  private mutating func check(_ node: StatementNode) {
    switch node {
    case .assignment(let name, _, let pipeline):
      check(pipeline)
      defined.insert(name)
    case .expect(let condition, let message):
      check(condition, pipe: false)
      if let message { check(message, pipe: false) }
    case .expectError(let expectation):
      if let text = expectation.text { check(text, pipe: false) }
      check(Pipeline(stages: [.command(expectation.command)]))
    case .conditional(let condition, let then, let otherwise):
      check(condition, pipe: false)
      check(then)
      if let otherwise { check(otherwise) }
    case .loop(let variable, _, let sequence, let body):
      check(sequence, pipe: false)
      defined.insert(variable)
      check(body)
    case .repeat(let count, let body):
      check(count, pipe: false)
      check(body)
    case .pipeline(let pipeline):
      check(pipeline)
    case .narration:
      break
    }
  }

  private mutating func check(_ pipeline: Pipeline) {
    for (index, stage) in pipeline.stages.enumerated() {
      let pipe = index > 0
      switch stage {
      case .command(let command):
        for expression in command.positional { check(expression, pipe: pipe) }
        for argument in command.named { check(argument.value, pipe: pipe) }
      case .expression(let expression):
        check(expression, pipe: pipe)
      case .path(let path, _):
        check(path, pipe: pipe)
      }
    }
  }

  private mutating func check(_ path: [PathComponent], pipe: Bool) {
    for case .index(let expression, _) in path { check(expression, pipe: pipe) }
  }

  private mutating func check(_ expression: Expression, pipe: Bool) {
    switch expression {
    case .literal: break
    case .interpolated(let parts, _):
      for case .expression(let inner) in parts { check(inner, pipe: pipe) }
    case .array(let elements, _):
      for element in elements { check(element, pipe: pipe) }
    case .object(let members, _):
      for member in members { check(member.value, pipe: pipe) }
    case .reference(let reference):
      check(reference, pipe: pipe)
    case .call(_, let arguments, _):
      for argument in arguments { check(argument, pipe: pipe) }
    case .unary(_, let operand, _):
      check(operand, pipe: pipe)
    case .binary(_, let left, let right, _):
      check(left, pipe: pipe)
      check(right, pipe: pipe)
    case .path(let base, let path, _):
      check(base, pipe: pipe)
      check(path, pipe: pipe)
    }
  }

  private mutating func check(_ reference: Reference, pipe: Bool) {
    check(reference.path, pipe: pipe)
    let name = reference.name
    if !name.isEmpty, !defined.contains(name), name == "last" || !ReservedNames.all.contains(name) {
      reads.insert(name)
    }
    if name.isEmpty {
      if !pipe {
        problems.append(
          ScriptError(
            .runtime, "$ is only set on the right side of a pipe ('|')",
            at: reference.nameRange.start, in: source))
      }
    } else if !ReservedNames.all.contains(name), !defined.contains(name) {
      problems.append(
        ScriptError(
          .runtime, "unknown variable $\(name): no 'let \(name) = ...' before this line",
          at: reference.nameRange.start, in: source))
    }
  }
}

extension Interpreter {
  /// References to undefined variables (and `$` outside a pipe) in a program, without running
  /// it: for `talon run --dry-run`. `defined` names variables set before the program runs.
  public nonisolated static func checkReferences(
    in program: Program, defined: Set<String> = []
  ) -> [ScriptError] {
    var checker = ReferenceChecker(source: program.source, defined: defined)
    checker.check(program.statements)
    return checker.problems
  }
}
