import TalonRendering
import TalonScript

/// `talon run --dry-run`: every file is already parsed; this checks references and follows
/// `run` statements whose path is a plain string into the scripts they call (read, parsed and
/// checked the same way, to any depth), calling nothing.
///
/// A problem in a called script is reported with the chain of calls that reaches it:
/// `a.tw:3:1: in run "b.tw": b.tw:2:5: error: ...`. A script already on the chain is not
/// followed again (a recursive `run` ends at run time by its own conditions).
struct DryRun {
  let options: RunOptions
  let console: Console
  let readFile: @Sendable (String) throws -> String

  /// Prints the problems and the verdict; 0 when none, else 2.
  func run(_ programs: [Program]) -> Int32 {
    var problems = 0
    var statements = 0
    for program in programs {
      statements += program.statements.count
      let found =
        Interpreter.checkReferences(in: program, defined: []).map(\.rendered)
        + follow(program, chain: "", callers: [program.file])
      problems += found.count
      for problem in found { console.error(problem) }
      if options.verbosity != .quiet {
        let verdict = found.isEmpty ? "ok" : ResultLine.count(found.count, "problem")
        console.line(
          "\(program.file): \(ResultLine.count(program.statements.count, "statement")), \(verdict)")
      }
    }
    console.line(
      "dry run: \(ResultLine.count(programs.count, "file")), "
        + "\(ResultLine.count(statements, "statement")), "
        + (problems == 0
          ? "references ok, nothing called" : "\(ResultLine.count(problems, "problem"))"))
    return problems == 0 ? 0 : 2
  }

  /// The problems of the scripts `program` runs, each after `chain`.
  private func follow(_ program: Program, chain: String, callers: [String]) -> [String] {
    var problems: [String] = []
    for call in Interpreter.runCalls(in: program) {
      guard let path = call.path, let resolved = call.resolvedPath else { continue }
      guard !callers.contains(resolved), callers.count <= 16 else { continue }
      let here = chain + "\(call.location): in run \"\(path)\": "
      let text: String
      do {
        text = try readFile(resolved)
      } catch {
        problems.append(
          here + "\(resolved): error: cannot read the file: \(WorkflowLoader.reason(error))")
        continue
      }
      let called: Program
      do throws(ScriptError) {
        called = try Interpreter.parse(text, file: resolved)
      } catch {
        problems.append(here + error.rendered)
        continue
      }
      problems += Interpreter.checkReferences(in: called, defined: []).map { here + $0.rendered }
      problems += follow(called, chain: here, callers: callers + [resolved])
    }
    return problems
  }
}
