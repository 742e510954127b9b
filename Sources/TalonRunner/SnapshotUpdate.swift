import Foundation
import TalonScript

/// `talon run --update`: the snapshot lines of a file (`expect ... # snapshot`) rewritten from
/// what a new run observed. Only marked lines change: the marked lines that follow a statement
/// are replaced by that statement's new snapshot (possibly more or fewer lines), and nothing
/// else in the file is touched. A statement without marked lines gets none.
struct SnapshotUpdate {
  let program: Program

  /// The line numbers (1-based) of the program's top-level snapshot lines.
  var markedLines: Set<Int> {
    let lines = UnifiedDiff.lines(program.source.text)
    var marked: Set<Int> = []
    for statement in program.statements {
      let line = statement.location.line
      if line <= lines.count, SnapshotExpectations.isMarked(lines[line - 1]) { marked.insert(line) }
    }
    return marked
  }

  /// The file's new text; `observed` holds, by top-level statement index, the snapshot lines
  /// of each statement that ran (an empty list for one that called no API).
  func rewritten(observed: [Int: [String]]) -> String {
    let marked = markedLines
    var lines = UnifiedDiff.lines(program.source.text)
    let endsWithBreak = program.source.text.hasSuffix("\n")
    var groups: [(owner: Int, lines: [Int])] = []
    var owner: Int?
    for (index, statement) in program.statements.enumerated() {
      let line = statement.location.line
      guard marked.contains(line) else {
        owner = index
        continue
      }
      guard let owner else { continue }
      if groups.last?.owner == owner {
        groups[groups.count - 1].lines.append(line)
      } else {
        groups.append((owner, [line]))
      }
    }
    // From the end, so earlier line numbers stay valid.
    for group in groups.reversed() {
      guard let new = observed[group.owner] else { continue }
      let first = group.lines[0]
      let indent = String(lines[first - 1].prefix { $0 == " " || $0 == "\t" })
      for line in group.lines.dropFirst().sorted(by: >) { lines.remove(at: line - 1) }
      lines.replaceSubrange((first - 1)..<first, with: new.map { indent + $0 })
    }
    return lines.joined(separator: "\n") + (endsWithBreak || lines.isEmpty ? "\n" : "")
  }
}

extension WorkflowRunner {
  /// `--update` needs every file seeded (by `--seed` or its recording header): the ids, codes
  /// and times a snapshot holds change from run to run otherwise. The problems, one per file.
  func unseededForUpdate(_ programs: [Program]) -> [String] {
    guard options.update, options.seed == nil else { return [] }
    return programs.filter { RecordingHeader.read($0.source.text)?.seed == nil }.map { program in
      "\(program.file): error: --update needs a seeded run: snapshots hold ids, codes and times"
        + " that differ on every run without a seed; give --seed N (or record with"
        + " `talon --memory --seed N`)"
    }
  }

  /// After a file ran under `--update`: rewrites its snapshot lines from the run and prints the
  /// unified diff on standard output; a file that failed is left as it was.
  func updateSnapshots(of session: FileSession, finished: Bool) {
    let program = session.program
    guard finished else {
      console.error("\(program.file): snapshots not updated: the file did not run to its end")
      return
    }
    let old = program.source.text
    let new = SnapshotUpdate(program: program).rewritten(observed: session.observedSnapshots)
    let diff = UnifiedDiff.text(
      old: old, new: new, oldName: program.file, newName: "\(program.file) (updated)")
    guard !diff.isEmpty else {
      console.line("\(program.file): snapshots up to date")
      return
    }
    do {
      try new.write(toFile: program.file, atomically: false, encoding: .utf8)
    } catch {
      console.error("\(program.file): error: cannot write the updated snapshots: \(error)")
      return
    }
    console.write(diff)
    console.line("\(program.file): snapshots updated")
  }
}
